import type { BrowserContext, Page } from 'playwright-core';

/**
 * Test-only instrumentation: remembers every RTCPeerConnection the page makes,
 * so the test can read the agent side's getStats() without a debug hook in the app.
 */
export async function probePeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Original = window.RTCPeerConnection;
    const seen: RTCPeerConnection[] = [];
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = seen;
    window.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        seen.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

/** Inbound audio packets on the newest peer connection, polled every 200 ms up to `timeoutMs`. */
export async function waitForInboundAudioPackets(page: Page, minPackets: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let packets = 0;
  for (let attempt = 0; attempt < Math.ceil(timeoutMs / 200) + 1 && Date.now() < deadline; attempt++) {
    packets = await page.evaluate(async () => {
      const pc = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.at(-1);
      if (!pc) return 0;
      let received = 0;
      (await pc.getStats()).forEach((report: { type: string; kind?: string; packetsReceived?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') received += report.packetsReceived ?? 0;
      });
      return received;
    });
    if (packets >= minPackets) return packets;
    await page.waitForTimeout(200); // poll interval between reads, not a synchronisation point
  }
  throw new Error(`Only ${packets} inbound audio packets after ${timeoutMs} ms`);
}

/** The ICE servers the page's peer connections were given, and the candidate types its newest one offered. */
export function agentIceUse(page: Page): Promise<{ iceServers: RTCIceServer[]; candidateTypes: string[] }> {
  return page.evaluate(() => {
    const seen = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const sdp = seen.at(-1)?.localDescription?.sdp ?? '';
    const types = [...sdp.matchAll(/^a=candidate:.* typ (\w+)/gm)].map((match) => match[1]!);
    return { iceServers: seen.flatMap((pc) => pc.getConfiguration().iceServers ?? []), candidateTypes: [...new Set(types)].sort() };
  });
}

/** The page's newest peer connection as the network sees it: an answer prepared while ringing has the offer, and nothing gathered or sent. */
export function newestPeerConnection(page: Page): Promise<{ count: number; signalingState: string; iceGatheringState: string; local: boolean } | null> {
  return page.evaluate(() => {
    const seen = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const pc = seen.at(-1);
    return pc ? { count: seen.length, signalingState: pc.signalingState, iceGatheringState: pc.iceGatheringState, local: pc.localDescription !== null } : null;
  });
}

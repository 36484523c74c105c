/**
 * Helpers for the call-control and connectivity tests: the agent app registered
 * against the lab, and audio measurements on the agent's page (through the
 * test-only RTCPeerConnection probe) and on caller phones.
 */
import type { Page } from 'playwright-core';
import type { SipLab } from '../lab/lab';
import type { CallerPhone } from './page';
import { fillAgentSettings, type AgentSettingsOverrides } from '../app/agent-settings';

export async function registerAgent(page: Page, lab: SipLab, user: string, overrides?: AgentSettingsOverrides): Promise<void> {
  await fillAgentSettings(page, lab, user, overrides);
  await waitForRegistration(page, 'registered', 15_000);
}

export async function waitForRegistration(page: Page, state: string, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (s) => document.querySelector('[data-testid="registration-status"]')?.getAttribute('data-state') === s,
    state,
    { timeout: timeoutMs, polling: 50 },
  );
}

/** Inbound audio on the agent's page: packets and total energy, summed over its live peer connections (or one by index). */
export async function agentInbound(page: Page, index?: number): Promise<{ packets: number; energy: number }> {
  return page.evaluate(async (i) => {
    const all = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const pcs = (i === undefined ? all : [all.at(i)]).filter((pc): pc is RTCPeerConnection => !!pc && pc.connectionState !== 'closed');
    let packets = 0;
    let energy = 0;
    for (const pc of pcs) {
      (await pc.getStats()).forEach((r: { type: string; kind?: string; packetsReceived?: number; totalAudioEnergy?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'audio') {
          packets += r.packetsReceived ?? 0;
          energy += r.totalAudioEnergy ?? 0;
        }
      });
    }
    return { packets, energy };
  }, index);
}

/** Change of a counter over a measuring window (a measurement, not a synchronisation). */
export async function deltaOver<T extends Record<string, number>>(read: () => Promise<T>, page: Page, windowMs: number): Promise<T> {
  const before = await read();
  await page.waitForTimeout(windowMs);
  const after = await read();
  const out: Record<string, number> = {};
  for (const key of Object.keys(after)) out[key] = (after[key] ?? 0) - (before[key] ?? 0);
  return out as T;
}

export async function callerInbound(caller: CallerPhone): Promise<{ packets: number; energy: number }> {
  const stats = await caller.inboundAudioStats();
  return { packets: stats?.packetsReceived ?? 0, energy: stats?.totalAudioEnergy ?? 0 };
}

/** Polls `read` (bounded) until `ok` holds; returns the last value or throws with it. */
export async function pollUntil<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (let i = 0; i < 500 && Date.now() < deadline; i++) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not reached within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

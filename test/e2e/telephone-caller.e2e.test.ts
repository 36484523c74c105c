/**
 * A caller from the telephone network, end to end: baresip (plain SIP/RTP,
 * G.711) → Kamailio → rtpengine (plain RTP ⇄ DTLS-SRTP/ICE) → the desk's
 * WebRTC phone, with G.711 on both legs (no transcoding). Answer, audio both
 * ways with levels, hold and resume through the relay, RFC 4733 digits from
 * the desk received on the wire, and a call from the desk out to the phone.
 * What baresip receives is judged from RTP on the wire (tcpdump).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { RENDERER_DIR } from './app/agent-lab';
import { probePeerConnections } from './app/peer-connection-probe';
import { agentInbound, deltaOver, pollUntil, registerAgent } from './caller/lab-agent';
import type { BaresipPhone } from './lab/baresip';
import { launchLabBrowser, serveDir } from './lab/browser';
import { startLab, type SipLab } from './lab/lab';
import { g711LevelDb, g711Packets, rfc4733Digits, type WireCapture } from './lab/rtp-capture';

const WINDOW_MS = 1_200;

/** The codec of the desk's received audio, from getStats (inbound-rtp → codec). */
function inboundCodec(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const pc = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.filter((p) => p.connectionState !== 'closed').at(-1);
    if (!pc) return undefined;
    const stats = await pc.getStats();
    let mime: string | undefined;
    stats.forEach((report: { type: string; kind?: string; codecId?: string }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio' && report.codecId) mime = (stats.get(report.codecId) as { mimeType?: string } | undefined)?.mimeType;
    });
    return mime;
  });
}

describe('a telephone caller through rtpengine (baresip, G.711)', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let dataDir: ReturnType<typeof makeTempDir>;
  let wavDir: ReturnType<typeof makeTempDir>;
  let app: AgentApp | undefined;

  beforeAll(async () => {
    wavDir = makeTempDir('hotline-telephone-wav-');
    // The caller's microphone: a 440 Hz tone at about -23 dBFS RMS, 8 kHz as the line carries it, ending in silence.
    execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', join(wavDir.path, 'caller-tone.wav'), 'synth', '60', 'sine', '440', 'vol', '0.1', 'pad', '0', '1']);
    // The agent's microphone: a 1 kHz tone (Chromium's default fake device only beeps once a second).
    execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', '-e', 'signed-integer', join(wavDir.path, 'agent-tone.wav'), 'synth', '60', 'sine', '1000', 'vol', '0.1', 'pad', '0', '1']);
    lab = await startLab({ telephone: true });
    agentContext = await launchLabBrowser(lab, { fakeAudioFile: join(wavDir.path, 'agent-tone.wav') });
    await serveDir(agentContext, 'http://localhost/app/', RENDERER_DIR);
    await probePeerConnections(agentContext);
  }, 60_000);

  afterEach(async () => {
    await app?.close().catch(() => undefined);
    app = undefined;
    dataDir?.remove();
  });

  afterAll(async () => {
    await agentContext?.close().catch(() => undefined);
    await lab?.stop();
    wavDir?.remove();
  });

  it('PCMA: answer, audio both ways, hold and resume through the relay, RFC 4733 digits, then a call out from the desk', async () => {
    const telephone = lab.telephone!;
    dataDir = makeTempDir('hotline-telephone-caller-');
    app = await openAgentApp(agentContext, dataDir.path);
    const { page } = app;
    await registerAgent(page, lab, '1001');
    const phone: BaresipPhone = await telephone.startPhone({ user: '2001', codec: 'PCMA', audioFile: join(wavDir.path, 'caller-tone.wav'), autoAnswer: true });
    const [rtpLo, rtpHi] = phone.rtpPortRange;
    const wire: WireCapture = await telephone.capture('caller-pcma', `udp dst portrange ${rtpLo}-${rtpHi}`);
    /** What reached the phone's RTP ports in the last `ms`. */
    const toPhone = (ms: number) => {
      const since = Date.now() - ms;
      return wire.packets().filter((p) => p.atMs >= since);
    };
    /** The phone's G.711 audio over the last window: packets, payload types and level. */
    const phoneHearing = async () => {
      const packets = g711Packets(toPhone(WINDOW_MS));
      return { packets: packets.length, payloadTypes: [...new Set(packets.map((p) => p.payloadType))], levelDb: Math.round(g711LevelDb(packets) * 10) / 10 };
    };
    const context = () => `\nbaresip:\n${phone.logTail(15)}\nrtpengine:\n${telephone.rtpengineLogTail(15)}\nkamailio:\n${lab.kamailioLogTail(15)}`;

    // The caller dials the desk; the agent answers.
    await phone.dial(`sip:1001@${lab.domain}`);
    await page.getByTestId('answer-button').click({ timeout: 15_000 });
    await phone.waitFor((e) => e.type === 'CALL_ESTABLISHED', 10_000, 'the call established');
    await page.getByTestId('active-call').waitFor({ state: 'visible', timeout: 10_000 });

    // Audio both ways, G.711 A-law on the desk's leg too (nothing transcoded).
    await pollUntil(() => agentInbound(page), (s) => s.packets > 25, 10_000, `desk hears the caller${context()}`);
    expect(await inboundCodec(page)).toBe('audio/PCMA');
    const deskHears = await deltaOver(() => agentInbound(page), page, WINDOW_MS);
    expect(deskHears.packets).toBeGreaterThan(40); // 50 packets a second of 20 ms
    expect(deskHears.energy).toBeGreaterThan(1e-3);
    const phoneHears = await pollUntil(phoneHearing, (h) => h.packets > 40, 10_000, `phone hears the desk${context()}`);
    expect(phoneHears.payloadTypes).toEqual([8]);
    const activeLevel = phoneHears.levelDb;
    expect(activeLevel).toBeGreaterThan(-40); // the desk's 1 kHz tone at about -23 dBFS, through Chromium's processing
    console.info(`telephone caller (PCMA): desk receives ${deskHears.packets} packets/${WINDOW_MS} ms; phone receives ${phoneHears.packets} packets at ${activeLevel.toFixed(1)} dBFS`);

    // Hold through the relay: the re-INVITE goes through rtpengine; the phone no longer hears the desk.
    await page.getByTestId('hold-button').click();
    await expect.poll(() => page.getByTestId('hold-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('held');
    const held = await pollUntil(phoneHearing, (h) => h.packets < 5 || h.levelDb < activeLevel - 30, 5_000, `phone stops hearing the desk on hold${context()}`);
    console.info(`on hold: phone receives ${held.packets} packets in ${WINDOW_MS} ms (${held.levelDb} dBFS)`);

    // Resume: audio flows both ways again, still through the relay.
    await page.getByTestId('hold-button').click();
    await expect.poll(() => page.getByTestId('hold-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('active');
    const resumedAt = Date.now();
    // Chromium's gain control on the agent's side drifts the tone's level by several dB over a call: judged against the held silence.
    const resumed = await pollUntil(phoneHearing, (h) => h.packets > 40 && h.levelDb > held.levelDb + 20, 10_000, `phone hears the desk after resume${context()}`);
    console.info(`resumed: ${resumed.packets} packets at ${resumed.levelDb} dBFS, a full window ${Date.now() - resumedAt} ms after the desk showed the call active`);
    expect((await deltaOver(() => agentInbound(page), page, WINDOW_MS)).packets).toBeGreaterThan(40);

    // RFC 4733 digits from the desk's keypad arrive at the phone as telephone-events.
    await page.getByTestId('keypad-toggle').click();
    for (const key of ['1', '2', '3', '#']) await page.getByTestId(`dtmf-key-${key}`).click();
    await expect.poll(() => rfc4733Digits(toPhone(20_000)), { timeout: 5_000 }).toBe('123#');

    await page.getByTestId('hangup-button').click();
    await phone.waitFor((e) => e.type === 'CALL_CLOSED', 10_000, 'the call closed');

    // The desk calls the phone out (it answers by itself): audio both ways, through the relay.
    const before = phone.events.length;
    await page.getByTestId('dial-input').fill('2001');
    await page.getByTestId('dial-call').click();
    await phone.waitFor((e) => e.type === 'CALL_ESTABLISHED', 15_000, 'the outbound call established', before);
    await page.getByTestId('active-call').waitFor({ state: 'visible', timeout: 10_000 });
    await pollUntil(phoneHearing, (h) => h.packets > 40 && h.levelDb > -55, 10_000, `phone hears the desk on the outbound call${context()}`);
    await pollUntil(() => deltaOver(() => agentInbound(page), page, 600), (d) => d.packets > 20 && d.energy > 1e-4, 10_000, `desk hears the phone on the outbound call${context()}`);
    expect(await inboundCodec(page)).toBe('audio/PCMA');
    await page.getByTestId('hangup-button').click();
    await phone.waitFor((e) => e.type === 'CALL_CLOSED', 10_000, 'the outbound call closed', before);
    await phone.stop();
  });

  it('PCMU: a µ-law caller is answered with audio both ways, µ-law on both legs', async () => {
    const telephone = lab.telephone!;
    dataDir = makeTempDir('hotline-telephone-caller-');
    app = await openAgentApp(agentContext, dataDir.path);
    const { page } = app;
    await registerAgent(page, lab, '1001');
    const phone = await telephone.startPhone({ user: '2002', codec: 'PCMU', audioFile: join(wavDir.path, 'caller-tone.wav') });
    const [rtpLo, rtpHi] = phone.rtpPortRange;
    const wire = await telephone.capture('caller-pcmu', `udp dst portrange ${rtpLo}-${rtpHi}`);
    await phone.dial(`sip:1001@${lab.domain}`);
    await page.getByTestId('answer-button').click({ timeout: 15_000 });
    await phone.waitFor((e) => e.type === 'CALL_ESTABLISHED', 10_000, 'the call established');
    await pollUntil(() => deltaOver(() => agentInbound(page), page, 600), (d) => d.packets > 20 && d.energy > 1e-4, 10_000, 'desk hears the µ-law caller');
    expect(await inboundCodec(page)).toBe('audio/PCMU');
    const heard = await pollUntil(
      async () => {
        const since = Date.now() - WINDOW_MS;
        const packets = g711Packets(wire.packets().filter((p) => p.atMs >= since));
        return { packets: packets.length, payloadTypes: [...new Set(packets.map((p) => p.payloadType))], levelDb: Math.round(g711LevelDb(packets) * 10) / 10 };
      },
      (h) => h.packets > 40 && h.levelDb > -55,
      10_000,
      'phone hears the desk',
    );
    expect(heard.payloadTypes).toEqual([0]);
    console.info(`telephone caller (PCMU): phone receives ${heard.packets} packets at ${heard.levelDb} dBFS`);
    await page.getByTestId('hangup-button').click();
    await phone.waitFor((e) => e.type === 'CALL_CLOSED', 10_000, 'the call closed');
    await phone.stop();
  });
});

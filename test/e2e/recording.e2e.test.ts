/**
 * Call recording end to end, in the Kamailio lab: the caller's "microphone"
 * plays a 440 Hz tone, the agent's a 1 kHz tone (a browser each); the agent's
 * app records the answered call and main keeps it encrypted. The decrypted file
 * is decoded and seeked in Chromium.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RecordingKeyError } from '../../src/main/recordings';
import type { RecordingSummary } from '../../src/shared/recording/recording';
import { openTestCore } from '../support/app-core';
import { createTestCipher } from '../support/test-cipher';
import { makeTempDir } from '../support/temp-dir';
import { RENDERER_DIR } from './app/agent-lab';
import { fillAgentSettings } from './app/agent-settings';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { probePeerConnections } from './app/peer-connection-probe';
import { launchLabBrowser, serveDir } from './lab/browser';
import { startLab, type SipLab } from './lab/lab';
import { decodeInPage, seekInPage } from './recording/decoded-audio';
import { switchToSecondMicrophone } from './app/switch-microphone';

const CALLER_HZ = 440;
const AGENT_HZ = 1_000;
const PLAINTEXT_MARKERS = [Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.from('OpusHead'), Buffer.from('webm'), Buffer.from('A_OPUS'), Buffer.from([0x1f, 0x43, 0xb6, 0x75])];

interface CallTimes {
  id: string;
  answered_at: number;
  ended_at: number | null;
}

function lastCall(app: AgentApp): CallTimes {
  return app.core.db.prepare('SELECT id, answered_at, ended_at FROM calls ORDER BY started_at DESC LIMIT 1').get() as CallTimes;
}

describe('call recording in the SIP lab', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let callerContext: BrowserContext;
  let scratch: Page;
  let wavDir: ReturnType<typeof makeTempDir>;
  const dataDirs: ReturnType<typeof makeTempDir>[] = [];
  const apps: AgentApp[] = [];
  const callers: CallerPhone[] = [];

  beforeAll(async () => {
    lab = await startLab();
    wavDir = makeTempDir('hotline-recording-wav-');
    const tone = (hz: number) => {
      const path = join(wavDir.path, `tone-${hz}.wav`);
      execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', '-e', 'signed-integer', path, 'synth', '20', 'sine', String(hz), 'gain', '-9']);
      return path;
    };
    [agentContext, callerContext] = await Promise.all([
      launchLabBrowser(lab, { fakeAudioFile: tone(AGENT_HZ) }),
      launchLabBrowser(lab, { fakeAudioFile: tone(CALLER_HZ) }),
    ]);
    await serveDir(agentContext, 'http://localhost/app/', RENDERER_DIR);
    await probePeerConnections(agentContext);
    scratch = await callerContext.newPage();
  }, 120_000);

  afterEach(async () => {
    for (const caller of callers.splice(0)) await caller.close().catch(() => undefined);
    for (const app of apps.splice(0)) await app.close().catch(() => undefined);
  });

  afterAll(async () => {
    await agentContext?.close().catch(() => undefined);
    await callerContext?.close().catch(() => undefined);
    await lab?.stop();
    wavDir?.remove();
    for (const dir of dataDirs) dir.remove();
  });

  async function answeredCall(dataDir: string, cipher = createTestCipher()): Promise<{ app: AgentApp; caller: CallerPhone }> {
    const app = await openAgentApp(agentContext, dataDir, { cipher });
    apps.push(app);
    await fillAgentSettings(app.page, lab, '1001');
    await expect.poll(() => app.page.getByTestId('registration-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('registered');
    const caller = await openCallerPhone(callerContext);
    callers.push(caller);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001') });
    // The tones as they are: no echo cancellation, noise suppression or gain control on the caller's side.
    await caller.call(`sip:1001@${lab.domain}`, { audio: { autoGainControl: false, noiseSuppression: false, echoCancellation: false } });
    await app.page.getByTestId('answer-button').click({ timeout: 15_000 });
    await caller.waitForState('Established', 15_000);
    return { app, caller };
  }

  async function recordingOf(app: AgentApp, callId: string, state: RecordingSummary['state'][]): Promise<RecordingSummary> {
    await expect.poll(() => app.core.recordings.list(callId).map((r) => r.state)[0], { timeout: 10_000 }).toSatisfy((s: string | undefined) => s !== undefined && state.includes(s as never));
    return app.core.recordings.list(callId)[0]!;
  }

  it('records caller left and agent right, as long as the call, seekable, encrypted on disk; another desk key fails clearly', async () => {
    const dataDir = makeTempDir('hotline-recording-e2e-');
    dataDirs.push(dataDir);
    const { app, caller } = await answeredCall(dataDir.path);
    // The bar says the call is recorded.
    await expect.poll(() => app.page.getByTestId('recording-badge').getAttribute('data-state'), { timeout: 5_000 }).toBe('recording');
    // A few seconds of talk: more than a handful of 1 s chunks.
    await expect.poll(() => app.core.db.prepare("SELECT count(*) FROM recordings WHERE next_seq >= 4").pluck().get(), { timeout: 15_000 }).toBe(1);
    await app.page.getByTestId('hangup-button').click();
    await caller.waitForState('Terminated', 10_000);
    const call = lastCall(app);
    const recording = await recordingOf(app, call.id, ['complete']);
    expect(recording.practice).toBe(false);
    const callMs = call.ended_at! - call.answered_at;
    // As long as the call: never short of it by more than 100 ms, and at most 200 ms over it. The call's times are when main
    // heard of the answer and the end over IPC, and the recorder lets the graph drain before it stops; on this 2-core lab
    // under load the excess measured 66-181 ms with the same code (the recorder's own context or the shared one alike).
    expect(recording.durationMs! - callMs, `recording ${recording.durationMs} ms, call ${callMs} ms`).toBeGreaterThanOrEqual(-100);
    expect(recording.durationMs! - callMs, `recording ${recording.durationMs} ms, call ${callMs} ms`).toBeLessThanOrEqual(200);

    const decrypted = app.core.recordings.decrypt(recording.id);
    const decoded = await decodeInPage(scratch, decrypted.bytes, [CALLER_HZ, AGENT_HZ]);
    expect(decoded.channels).toBe(2);
    const caller440 = decoded.power.find((p) => p.hz === CALLER_HZ)!;
    const agent1k = decoded.power.find((p) => p.hz === AGENT_HZ)!;
    // The caller's tone on the left, the agent's on the right (each ≥ 20 dB over the other side).
    expect(caller440.left).toBeGreaterThan(100 * caller440.right);
    expect(agent1k.right).toBeGreaterThan(100 * agent1k.left);
    expect(caller440.left).toBeGreaterThan(100 * agent1k.left);
    expect(agent1k.right).toBeGreaterThan(100 * caller440.right);
    // What a player decodes is what the index says.
    expect(Math.abs(decoded.durationS * 1000 - recording.durationMs!)).toBeLessThanOrEqual(100);
    const db = (x: number) => Math.round(10 * Math.log10(x));
    console.info(
      `recording ${recording.durationMs} ms (decoded ${Math.round(decoded.durationS * 1000)} ms) for a call of ${callMs} ms; ` +
        `${recording.bytes} bytes on disk; 440 Hz left/right ${db(caller440.left / caller440.right)} dB, 1 kHz right/left ${db(agent1k.right / agent1k.left)} dB`,
    );

    // It seeks: the element knows its length and lands where asked.
    const seek = await seekInPage(scratch, decrypted.bytes, 'audio/webm', (recording.durationMs! / 1000) * 0.6);
    expect(Math.abs(seek.durationS * 1000 - recording.durationMs!)).toBeLessThanOrEqual(100);
    expect(Math.abs(seek.landedS - (recording.durationMs! / 1000) * 0.6)).toBeLessThanOrEqual(0.1);

    // Nothing in clear on disk.
    const dir = join(dataDir.path, 'recordings');
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file));
      for (const marker of PLAINTEXT_MARKERS) expect(bytes.indexOf(marker), `${marker.toString('hex')} in ${file}`).toBe(-1);
    }

    // The same files with another desk key (the keychain changed): a clear error, no audio.
    await app.close();
    apps.splice(apps.indexOf(app), 1);
    const elsewhere = openTestCore(dataDir.path, createTestCipher());
    try {
      expect(() => elsewhere.recordings.decrypt(recording.id)).toThrow(RecordingKeyError);
      expect(() => elsewhere.recordings.decrypt(recording.id)).toThrow(/keychain no longer opens/);
    } finally {
      await elsewhere.close();
    }
  });

  it('keeps the agent in the recording through a microphone switched during the call', async () => {
    const dataDir = makeTempDir('hotline-recording-');
    dataDirs.push(dataDir);
    const { app, caller } = await answeredCall(dataDir.path);
    const { page } = app;
    await expect.poll(() => page.getByTestId('recording-badge').getAttribute('data-state'), { timeout: 5_000 }).toBe('recording');
    // The agent picks another microphone while talking (the lab's second fake input plays the same tone).
    const { label } = await switchToSecondMicrophone(page);
    const sentLabel = () =>
      page.evaluate(() => (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.at(-1)?.getSenders()[0]?.track?.label ?? null);
    await expect.poll(sentLabel, { timeout: 10_000 }).toBe(label);
    await expect.poll(() => app.core.db.prepare("SELECT count(*) FROM recordings WHERE next_seq >= 6").pluck().get(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('hangup-button').click();
    await caller.waitForState('Terminated', 10_000);
    const recording = await recordingOf(app, lastCall(app).id, ['complete']);
    // The middle half of the call, all after the switch: the agent's tone on the right as before it.
    const decoded = await decodeInPage(scratch, app.core.recordings.decrypt(recording.id).bytes, [CALLER_HZ, AGENT_HZ]);
    const agent1k = decoded.power.find((p) => p.hz === AGENT_HZ)!;
    const caller440 = decoded.power.find((p) => p.hz === CALLER_HZ)!;
    expect(agent1k.right).toBeGreaterThan(100 * agent1k.left);
    expect(caller440.left).toBeGreaterThan(100 * caller440.right);
  });

  it('a hold is a mark, not silence: the recording pauses and lasts the call less the hold', async () => {
    const dataDir = makeTempDir('hotline-recording-hold-e2e-');
    dataDirs.push(dataDir);
    const { app, caller } = await answeredCall(dataDir.path);
    const { page } = app;
    const heldSince = () => app.core.db.prepare('SELECT held_since FROM recordings').pluck().get() as number | null;
    await expect.poll(() => app.core.db.prepare('SELECT count(*) FROM recordings WHERE next_seq >= 2').pluck().get(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('hold-button').click();
    await expect.poll(() => page.getByTestId('hold-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('held');
    await expect.poll(heldSince, { timeout: 5_000 }).not.toBeNull();
    // On hold for at least 2 s of wall time.
    await expect.poll(() => Date.now() - heldSince()!, { timeout: 5_000, interval: 200 }).toBeGreaterThanOrEqual(2_000);
    await page.getByTestId('hold-button').click();
    await expect.poll(() => page.getByTestId('hold-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('active');
    await expect.poll(heldSince, { timeout: 5_000 }).toBeNull();
    await expect.poll(() => app.core.db.prepare('SELECT next_seq FROM recordings').pluck().get() as number, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    await page.getByTestId('hangup-button').click();
    await caller.waitForState('Terminated', 10_000);
    const call = lastCall(app);
    const recording = await recordingOf(app, call.id, ['complete']);
    expect(recording.holds.length).toBe(1);
    const hold = recording.holds[0]!;
    expect(hold.heldMs).toBeGreaterThanOrEqual(2_000);
    const callMs = call.ended_at! - call.answered_at;
    console.info(`call ${callMs} ms with a hold of ${hold.heldMs} ms at ${Math.round(hold.atMs)} ms: recording ${recording.durationMs} ms`);
    // The call less the hold, within the whole call's window (-100/+200 ms) widened by one 60 ms Opus frame at each of the
    // hold's two edges: the recorder pauses and resumes between frames (its durations come in 60 ms steps). A hold that was
    // recorded would be 2 s over; speech cut at an edge would be short.
    const excessMs = recording.durationMs! - (callMs - hold.heldMs);
    const said = `recording ${recording.durationMs} ms, call ${callMs} ms less ${hold.heldMs} ms held`;
    expect(excessMs, said).toBeGreaterThanOrEqual(-100 - 2 * 60);
    expect(excessMs, said).toBeLessThanOrEqual(200 + 2 * 60);
  });

  it('the desk gone mid-call: the next start repairs the recording, at most 1 s missing', async () => {
    const dataDir = makeTempDir('hotline-recording-crash-e2e-');
    dataDirs.push(dataDir);
    const cipher = createTestCipher();
    const { app } = await answeredCall(dataDir.path, cipher);
    await expect.poll(() => app.core.db.prepare('SELECT count(*) FROM recordings WHERE next_seq >= 3').pluck().get(), { timeout: 15_000 }).toBe(1);
    const call = lastCall(app);
    // The window dies without a word (no end, no finish), then main: nothing more reaches the file.
    const goneAt = Date.now();
    await app.page.close({ runBeforeUnload: false });
    await app.close();
    apps.splice(apps.indexOf(app), 1);
    const reopened = openTestCore(dataDir.path, cipher);
    try {
      const repaired = await expect
        .poll(() => reopened.recordings.list(call.id)[0]?.state, { timeout: 10_000 })
        .toBe('repaired')
        .then(() => reopened.recordings.list(call.id)[0]!);
      const lostMs = goneAt - call.answered_at - repaired.durationMs!;
      console.info(`desk gone ${goneAt - call.answered_at} ms after answer: ${repaired.durationMs} ms kept, ${lostMs} ms lost`);
      expect(lostMs, `recorded ${repaired.durationMs} ms of ${goneAt - call.answered_at} ms`).toBeLessThanOrEqual(1_000);
      const decoded = await decodeInPage(scratch, reopened.recordings.decrypt(repaired.id).bytes, [CALLER_HZ, AGENT_HZ]);
      expect(Math.abs(decoded.durationS * 1000 - repaired.durationMs!)).toBeLessThanOrEqual(100);
    } finally {
      await reopened.close();
    }
  });
});

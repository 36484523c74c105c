/**
 * Live guidance for a caller on the telephone network, end to end: baresip
 * plays the guidance recordings (resampled to 8 kHz, as the line carries
 * them) over G.711 A-law and µ-law through rtpengine to the desk, whose
 * AudioWorklet analyses what it receives. The prompts the agent saw are read
 * from the call's timeline in SQLite, as test/e2e/guidance.e2e.test.ts does
 * for a browser caller: calm speech in street noise raises no de-escalation
 * card, a silent caller in street noise gets the silent-call protocol.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAudioFixtures, type FixtureName } from '../fixtures/audio/make-audio';
import { makeTempDir } from '../support/temp-dir';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { RENDERER_DIR } from './app/agent-lab';
import { registerAgent } from './caller/lab-agent';
import type { G711Codec } from './lab/baresip';
import { launchLabBrowser, serveDir } from './lab/browser';
import { startLab, type SipLab } from './lab/lab';
import { g711Packets } from './lab/rtp-capture';

interface TimelineRow {
  kind: string;
  subject: string;
  start_ms: number;
  end_ms: number | null;
  payload: string;
}

interface LabFigure {
  codec: G711Codec;
  recording: string;
  prompts: { kind: string; atMs: number }[];
  callerSpeech: number;
}

/** Each case: what the caller plays, and when the call may end (a prompt seen, or the whole file played). */
interface Case {
  codec: G711Codec;
  recording: string;
  parts: (FixtureName | number)[];
  endWhen: { prompt: string } | 'played';
  expected: string[];
  forbidden: string[];
}

const CASES: Case[] = [
  { codec: 'PCMA', recording: 'calm in street noise', parts: ['street-calm'], endWhen: 'played', expected: [], forbidden: ['de-escalation', 'silent-call'] },
  { codec: 'PCMA', recording: 'silent caller in street noise', parts: ['street-silent'], endWhen: 'played', expected: ['silent-call'], forbidden: ['de-escalation'] },
  { codec: 'PCMU', recording: 'calm in street noise', parts: ['street-calm'], endWhen: 'played', expected: [], forbidden: ['de-escalation', 'silent-call'] },
  { codec: 'PCMU', recording: 'silent caller in street noise', parts: ['street-silent'], endWhen: 'played', expected: ['silent-call'], forbidden: ['de-escalation'] },
  { codec: 'PCMA', recording: 'calm, then raised', parts: ['calm2', 'loud'], endWhen: { prompt: 'de-escalation' }, expected: ['de-escalation'], forbidden: ['silent-call'] },
  { codec: 'PCMU', recording: 'calm, then dead air', parts: ['calm2', 7], endWhen: { prompt: 'dead-air' }, expected: ['dead-air'], forbidden: ['de-escalation', 'silent-call'] },
];

function timeline(app: AgentApp, callId: string): TimelineRow[] {
  return app.core.db.prepare('SELECT kind, subject, start_ms, end_ms, payload FROM call_timeline WHERE call_id = ? ORDER BY start_ms, seq').all(callId) as TimelineRow[];
}

function lastCallId(app: AgentApp): string {
  return app.core.db.prepare('SELECT id FROM calls ORDER BY started_at DESC LIMIT 1').pluck().get() as string;
}

describe('live guidance for a telephone caller (baresip → rtpengine → desk, G.711)', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let dataDir: ReturnType<typeof makeTempDir>;
  let wavDir: ReturnType<typeof makeTempDir>;
  let workletServer: ChildProcess | undefined;
  let app: AgentApp | undefined;
  const figures: LabFigure[] = [];
  /** Each caller file's length, ms. */
  const durations = new Map<string, number>();

  beforeAll(async () => {
    const fixtures = ensureAudioFixtures();
    if (!fixtures.available) throw new Error(`cannot generate the test audio: ${fixtures.reason}`);
    wavDir = makeTempDir('hotline-telephone-guidance-wav-');
    // What a phone sends: each recording at 8 kHz (sox's resampler band-limits it as a phone's codec front end does).
    for (const c of CASES) {
      const inputs = c.parts.map((part, i) => {
        if (typeof part !== 'number') return fixtures.path(part);
        const silence = join(wavDir.path, `silence-${part}-${i}.wav`);
        execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', '-e', 'signed-integer', silence, 'trim', '0', String(part)]);
        return silence;
      });
      const file = join(wavDir.path, `${c.parts.join('+')}.wav`);
      execFileSync('sox', [...inputs, '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', file]);
      durations.set(file, Number(execFileSync('soxi', ['-D', file], { encoding: 'utf8' })) * 1000);
    }
    lab = await startLab({ telephone: true });
    // The AudioWorklet module is fetched outside Playwright's routing: serve dist/renderer for real, in the namespace.
    const [command, args] = lab.inNetns(process.execPath, [fileURLToPath(new URL('./app/static-server.mjs', import.meta.url)), RENDERER_DIR, '/app/', '80']);
    const server = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    workletServer = server;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('static server did not start within 10 s')), 10_000);
      server.stdout!.once('data', () => {
        clearTimeout(timer);
        resolve();
      });
      server.once('exit', (code) => reject(new Error(`static server exited: ${code}`)));
    });
    agentContext = await launchLabBrowser(lab, { fakeAudioFile: fixtures.path('silence') });
    await serveDir(agentContext, 'http://localhost/app/', RENDERER_DIR);
    dataDir = makeTempDir('hotline-telephone-guidance-');
    app = await openAgentApp(agentContext, dataDir.path);
    await registerAgent(app.page, lab, '1001');
  }, 90_000);

  afterAll(async () => {
    if (figures.length > 0) {
      writeFileSync(join(fileURLToPath(new URL('../../', import.meta.url)), 'dist', 'guidance-telephone-e2e.json'), JSON.stringify(figures, null, 2));
      console.info(`telephone guidance in the lab: ${figures.map((f) => `${f.codec} ${f.recording}: ${f.prompts.map((p) => `${p.kind} at ${(p.atMs / 1000).toFixed(1)} s`).join(', ') || 'no prompt'}`).join(' | ')}`);
    }
    await app?.close().catch(() => undefined);
    await agentContext?.close().catch(() => undefined);
    workletServer?.kill('SIGTERM');
    await lab?.stop();
    dataDir?.remove();
    wavDir?.remove();
  });

  it.each(CASES)('$codec, $recording: $expected, never $forbidden', async (c) => {
    const page: Page = app!.page;
    const audioFile = join(wavDir.path, `${c.parts.join('+')}.wav`);
    const phone = await lab.telephone!.startPhone({ user: '2001', codec: c.codec, audioFile });
    const [rtpLo, rtpHi] = phone.rtpPortRange;
    // What the phone sends: 20 ms of its file per packet, so the packet count says how much of the file has been played.
    const sent = await lab.telephone!.capture(`sent-${figures.length}`, `udp src portrange ${rtpLo}-${rtpHi}`);
    try {
      await phone.dial(`sip:1001@${lab.domain}`);
      await page.getByTestId('answer-button').click({ timeout: 15_000 });
      await phone.waitFor((e) => e.type === 'CALL_ESTABLISHED', 10_000, 'the call established');
      await expect.poll(() => page.getByTestId('guidance-panel').getAttribute('data-audio'), { timeout: 10_000 }).toBe('on');

      if (c.endWhen === 'played') {
        const packetsForFile = Math.ceil(durations.get(audioFile)! / 20);
        await expect.poll(() => g711Packets(sent.packets()).length, { timeout: 40_000, interval: 200 }).toBeGreaterThanOrEqual(packetsForFile);
      } else await page.locator(`[data-testid="prompt-card"][data-kind="${c.endWhen.prompt}"]`).waitFor({ state: 'visible', timeout: 40_000 });

      await page.getByTestId('hangup-button').click();
      await phone.waitFor((e) => e.type === 'CALL_CLOSED', 10_000, 'the call closed');
      // Wrap-up over: Ready for the next caller.
      const status = () => page.getByTestId('agent-state').getAttribute('data-status');
      await expect.poll(status, { timeout: 10_000 }).toBe('after-call');
      await page.getByTestId('after-call-finish').click();
      await expect.poll(status, { timeout: 5_000 }).toBe('ready');
    } finally {
      await sent.stop();
      await phone.stop();
    }
    const callId = lastCallId(app!);
    await expect.poll(() => timeline(app!, callId).some((row) => row.kind === 'step-ticked' && row.subject === 'closing'), { timeout: 5_000 }).toBe(true);
    const rows = timeline(app!, callId);
    const shown = rows.filter((row) => row.kind === 'prompt-shown' && ['silent-call', 'de-escalation', 'dead-air'].includes(row.subject));
    const callerSpeech = rows.filter((row) => row.kind === 'signal' && row.subject === 'speech' && (JSON.parse(row.payload) as { side?: string }).side === 'caller').length;
    figures.push({ codec: c.codec, recording: c.recording, prompts: shown.map((row) => ({ kind: row.subject, atMs: row.start_ms })), callerSpeech });
    const kinds = shown.map((row) => row.subject);
    for (const kind of c.expected) expect(kinds, `${c.codec} ${c.recording}: timeline ${JSON.stringify(rows.map((r) => [r.kind, r.subject, r.start_ms]))}`).toContain(kind);
    for (const kind of c.forbidden) expect(kinds, `${c.codec} ${c.recording}`).not.toContain(kind);
    if (c.recording.startsWith('calm')) expect(callerSpeech).toBeGreaterThan(0); // the caller was heard at all
    if (c.recording.startsWith('silent')) expect(callerSpeech).toBe(0); // street noise never passed for speech
  });
});

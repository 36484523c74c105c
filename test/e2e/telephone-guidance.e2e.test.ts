/**
 * Live guidance for a caller on the telephone network, end to end: baresip
 * plays the guidance recordings (resampled to 8 kHz, as the line carries
 * them) over G.711 A-law and µ-law through rtpengine to the desk, whose
 * AudioWorklet analyses what it receives. The prompts the agent saw are read
 * from the call's timeline in SQLite, as test/e2e/guidance.e2e.test.ts does
 * for a browser caller: calm speech in street noise raises no de-escalation
 * card, a silent caller in street noise gets the silent-call protocol, an
 * elderly caller (slow, quiet) is heard and raises nothing, and a raised voice
 * is still caught on a mobile line losing about 3% of its packets on the wire
 * (an iptables rule in the lab's namespace drops the phone's RTP at random).
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
  /** Lossy cases: packets the phone numbered, packets on the wire, packets the rule dropped. */
  loss?: { sent: number; onWire: number; dropped: number };
}

/** Each case: what the caller plays, and when the call may end (a prompt seen, the whole file played, or the caller's own hang-up at its end). */
interface Case {
  codec: G711Codec;
  recording: string;
  parts: (FixtureName | number)[];
  endWhen: { prompt: string } | 'played' | 'caller-hangs-up';
  expected: string[];
  forbidden: string[];
  /** Probability that each of the phone's RTP packets is dropped before it reaches rtpengine. */
  lossProbability?: number;
}

const ALL_PROMPTS = ['silent-call', 'de-escalation', 'dead-air'];

const CASES: Case[] = [
  { codec: 'PCMA', recording: 'calm in street noise', parts: ['street-calm'], endWhen: 'played', expected: [], forbidden: ['de-escalation', 'silent-call'] },
  { codec: 'PCMA', recording: 'silent caller in street noise', parts: ['street-silent'], endWhen: 'played', expected: ['silent-call'], forbidden: ['de-escalation'] },
  { codec: 'PCMU', recording: 'calm in street noise', parts: ['street-calm'], endWhen: 'played', expected: [], forbidden: ['de-escalation', 'silent-call'] },
  { codec: 'PCMU', recording: 'silent caller in street noise', parts: ['street-silent'], endWhen: 'played', expected: ['silent-call'], forbidden: ['de-escalation'] },
  { codec: 'PCMA', recording: 'calm, then raised', parts: ['calm2', 'loud'], endWhen: { prompt: 'de-escalation' }, expected: ['de-escalation'], forbidden: ['silent-call'] },
  { codec: 'PCMU', recording: 'calm, then dead air', parts: ['calm2', 7], endWhen: { prompt: 'dead-air' }, expected: ['dead-air'], forbidden: ['de-escalation', 'silent-call'] },
  // The bench's elderly caller (110 words/min, about 10 dB under the calm one): heard, and no prompt at all.
  { codec: 'PCMA', recording: 'elderly, slow and quiet', parts: ['elderly'], endWhen: 'caller-hangs-up', expected: [], forbidden: ALL_PROMPTS },
  { codec: 'PCMA', recording: 'calm, then raised, mobile with 3% loss', parts: ['calm2', 'loud'], endWhen: { prompt: 'de-escalation' }, expected: ['de-escalation'], forbidden: ['silent-call', 'dead-air'], lossProbability: 0.03 },
];

/** The phone's RTP dropped at random on its way out (OUTPUT on lo: before tcpdump sees it), as a lossy radio link would. */
function lossRule(lab: SipLab, action: '-A' | '-D', ports: [number, number], probability: number): void {
  const [command, args] = lab.inNetns('iptables', [action, 'OUTPUT', '-o', 'lo', '-p', 'udp', '--sport', `${ports[0]}:${ports[1]}`, '-m', 'statistic', '--mode', 'random', '--probability', String(probability), '-j', 'DROP']);
  execFileSync(command, args, { timeout: 5_000 });
}

/** Packets the loss rule has dropped so far (its counter). */
function lossRuleDrops(lab: SipLab): number {
  const [command, args] = lab.inNetns('iptables', ['-L', 'OUTPUT', '-n', '-v', '-x']);
  const line = execFileSync(command, args, { encoding: 'utf8', timeout: 5_000 }).split('\n').find((l) => l.includes('DROP') && l.includes('statistic'));
  if (!line) throw new Error('the loss rule is not installed');
  return Number(line.trim().split(/\s+/)[0]);
}

/** How many packets the sender numbered from its first to its last captured one (RTP sequence, 16-bit, unwrapped). */
function sequenceSpan(sequences: readonly number[]): number {
  if (sequences.length === 0) return 0;
  let span = 0;
  for (let i = 1; i < sequences.length; i++) span += (sequences[i]! - sequences[i - 1]! + 0x10000) % 0x10000;
  return span + 1;
}

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
      console.info(`telephone guidance in the lab: ${figures.map((f) => `${f.codec} ${f.recording}: ${f.prompts.map((p) => `${p.kind} at ${(p.atMs / 1000).toFixed(1)} s`).join(', ') || 'no prompt'}${f.loss ? ` (lost ${f.loss.sent - f.loss.onWire} of ${f.loss.sent} RTP packets)` : ''}`).join(' | ')}`);
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
    if (c.lossProbability !== undefined) lossRule(lab, '-A', [rtpLo, rtpHi], c.lossProbability);
    let loss: LabFigure['loss'];
    try {
      await phone.dial(`sip:1001@${lab.domain}`);
      await page.getByTestId('answer-button').click({ timeout: 15_000 });
      await phone.waitFor((e) => e.type === 'CALL_ESTABLISHED', 10_000, 'the call established');
      await expect.poll(() => page.getByTestId('guidance-panel').getAttribute('data-audio'), { timeout: 10_000 }).toBe('on');

      if (c.endWhen === 'played') {
        const packetsForFile = Math.ceil(durations.get(audioFile)! / 20);
        await expect.poll(() => g711Packets(sent.packets()).length, { timeout: 40_000, interval: 200 }).toBeGreaterThanOrEqual(packetsForFile);
      } else if (c.endWhen !== 'caller-hangs-up') await page.locator(`[data-testid="prompt-card"][data-kind="${c.endWhen.prompt}"]`).waitFor({ state: 'visible', timeout: 40_000 });

      if (c.lossProbability !== undefined) {
        const onWire = g711Packets(sent.packets());
        loss = { sent: sequenceSpan(onWire.map((p) => p.sequence)), onWire: onWire.length, dropped: lossRuleDrops(lab) };
      }
      if (c.endWhen === 'caller-hangs-up') {
        // baresip ends the call itself at the end of its file ("end of file"): the caller said all and hung up.
        await phone.waitFor((e) => e.type === 'CALL_CLOSED', durations.get(audioFile)! + 15_000, 'the caller hung up at the end of the file');
      } else {
        await page.getByTestId('hangup-button').click();
        await phone.waitFor((e) => e.type === 'CALL_CLOSED', 10_000, 'the call closed');
      }
      // Wrap-up over: Ready for the next caller.
      const status = () => page.getByTestId('agent-state').getAttribute('data-status');
      await expect.poll(status, { timeout: 10_000 }).toBe('after-call');
      await page.getByTestId('after-call-finish').click();
      await expect.poll(status, { timeout: 5_000 }).toBe('ready');
    } finally {
      if (c.lossProbability !== undefined) lossRule(lab, '-D', [rtpLo, rtpHi], c.lossProbability);
      await sent.stop();
      await phone.stop();
    }
    const callId = lastCallId(app!);
    await expect.poll(() => timeline(app!, callId).some((row) => row.kind === 'step-ticked' && row.subject === 'closing'), { timeout: 5_000 }).toBe(true);
    const rows = timeline(app!, callId);
    const shown = rows.filter((row) => row.kind === 'prompt-shown' && ['silent-call', 'de-escalation', 'dead-air'].includes(row.subject));
    const callerSpeech = rows.filter((row) => row.kind === 'signal' && row.subject === 'speech' && (JSON.parse(row.payload) as { side?: string }).side === 'caller').length;
    figures.push({ codec: c.codec, recording: c.recording, prompts: shown.map((row) => ({ kind: row.subject, atMs: row.start_ms })), callerSpeech, loss });
    const kinds = shown.map((row) => row.subject);
    for (const kind of c.expected) expect(kinds, `${c.codec} ${c.recording}: timeline ${JSON.stringify(rows.map((r) => [r.kind, r.subject, r.start_ms]))}`).toContain(kind);
    for (const kind of c.forbidden) expect(kinds, `${c.codec} ${c.recording}`).not.toContain(kind);
    if (c.recording.startsWith('calm') || c.recording.startsWith('elderly')) expect(callerSpeech).toBeGreaterThan(0); // the caller was heard at all
    if (c.recording.startsWith('silent')) expect(callerSpeech).toBe(0); // street noise never passed for speech
    if (loss) {
      // The loss was real: numbered packets never reached the wire, about as many as asked for (the rule's
      // counter also holds RTCP and anything dropped after the snapshot, so it can only be higher).
      const missing = loss.sent - loss.onWire;
      expect(missing).toBeGreaterThan(0);
      expect(missing / loss.sent).toBeLessThan(0.1);
      expect(loss.dropped).toBeGreaterThanOrEqual(missing);
    }
  });
});

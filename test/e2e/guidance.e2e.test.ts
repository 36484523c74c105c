/**
 * Live guidance end to end, in the Kamailio lab: the caller's "microphone"
 * plays a WAV file (a browser of its own, `--use-file-for-fake-audio-capture`),
 * the agent's app analyses the received audio in its AudioWorklet, and what
 * the work order says feeds the same rule engine. Everything the agent saw and
 * did lands in the call's timeline in SQLite.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RECOVERY_BREAK_REASON } from '../../src/shared/domain/agent-state';
import { ensureAudioFixtures } from '../fixtures/audio/make-audio';
import { makeTempDir } from '../support/temp-dir';
import { fillAgentSettings } from './app/agent-settings';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { receivedAudioWav, recordReceivedAudio } from './app/received-audio-recorder';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { launchLabBrowser, serveDir } from './lab/browser';
import { startLab, type SipLab } from './lab/lab';

const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const FORMAT = ['-r', '48000', '-c', '1', '-b', '16', '-e', 'signed-integer'];

interface TimelineRow {
  kind: string;
  subject: string;
  start_ms: number;
  end_ms: number | null;
  payload: string;
}

async function setUp(page: Page, lab: SipLab, user: string): Promise<void> {
  await fillAgentSettings(page, lab, user, { displayName: user === '1004' ? '班长张' : '王芳', workNumber: user });
  await expect.poll(() => page.getByTestId('registration-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('registered');
}

function timeline(app: AgentApp, callId: string): TimelineRow[] {
  return app.core.db.prepare('SELECT kind, subject, start_ms, end_ms, payload FROM call_timeline WHERE call_id = ? ORDER BY start_ms, seq').all(callId) as TimelineRow[];
}

function onlyCallId(app: AgentApp): string {
  return app.core.db.prepare('SELECT id FROM calls ORDER BY started_at DESC LIMIT 1').pluck().get() as string;
}

/** The caller's speech spans as the agent's worklet measured them (dBFS), and the raised-voice span's figures. */
function callerLevels(rows: TimelineRow[]): { speech: { startMs: number; endMs: number; levelDb: number }[]; raised: { startMs: number; endMs: number | null; baselineDb?: number; aboveBaselineDb?: number }[] } {
  const speech = rows
    .filter((row) => row.kind === 'signal' && row.subject === 'speech')
    .map((row) => ({ row, payload: JSON.parse(row.payload) as { side: string; levelDb?: number } }))
    .filter(({ payload }) => payload.side === 'caller' && payload.levelDb !== undefined)
    .map(({ row, payload }) => ({ startMs: row.start_ms, endMs: row.end_ms ?? row.start_ms, levelDb: payload.levelDb! }));
  const raised = rows
    .filter((row) => row.kind === 'signal' && row.subject === 'raised-voice')
    .map((row) => ({ startMs: row.start_ms, endMs: row.end_ms, ...(JSON.parse(row.payload) as { baselineDb?: number; aboveBaselineDb?: number }) }));
  return { speech, raised };
}

async function paintLatencies(page: Page): Promise<{ key: string; cause: string; ms: number }[]> {
  return page.evaluate(() =>
    performance.getEntriesByName('guidance:signal-to-paint').map((entry) => {
      const detail = (entry as PerformanceMeasure).detail as { key: string; cause: string };
      return { key: detail.key, cause: detail.cause, ms: Math.round(entry.duration * 10) / 10 };
    }),
  );
}

describe('live guidance in the SIP lab', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let dataDir: ReturnType<typeof makeTempDir>;
  let wavDir: string;
  let workletServer: ChildProcess | undefined;
  const apps: AgentApp[] = [];
  const callers: CallerPhone[] = [];
  const contexts: BrowserContext[] = [];
  const latencies: { key: string; cause: string; ms: number }[] = [];
  const levels: ({ mode: 'on' | 'off' } & ReturnType<typeof callerLevels>)[] = [];

  beforeAll(async () => {
    const fixtures = ensureAudioFixtures();
    if (!fixtures.available) throw new Error(`cannot generate the test audio: ${fixtures.reason}`);
    lab = await startLab();
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
    wavDir = makeTempDir('hotline-guidance-wav-').path;
    // 6 s of silence (the silent-call protocol), then a calm voice that gets loud (de-escalation).
    execFileSync('sox', ['-n', ...FORMAT, join(wavDir, 'lead-in.wav'), 'trim', '0', '6']);
    execFileSync('sox', [join(wavDir, 'lead-in.wav'), fixtures.path('calm-then-loud'), join(wavDir, 'silent-then-angry.wav')]);
    // The agent's own microphone: silence (the default fake device beeps every second).
    agentContext = await launchLabBrowser(lab, { fakeAudioFile: fixtures.path('silence') });
    await recordReceivedAudio(agentContext);
    await serveDir(agentContext, 'http://localhost/app/', RENDERER_DIR);
  }, 120_000);

  afterEach(async () => {
    for (const caller of callers.splice(0)) await caller.close().catch(() => undefined);
    for (const app of apps.splice(0)) await app.close().catch(() => undefined);
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
    dataDir?.remove();
  });

  afterAll(async () => {
    if (levels.length > 0) writeFileSync(join(fileURLToPath(new URL('../../', import.meta.url)), 'dist', 'guidance-e2e-levels.json'), JSON.stringify(levels, null, 2));
    if (latencies.length > 0) {
      const out = join(fileURLToPath(new URL('../../', import.meta.url)), 'dist', 'guidance-e2e-latency.json');
      writeFileSync(out, JSON.stringify(latencies, null, 2));
      console.info(`signal → prompt painted (ms): ${latencies.map((l) => `${l.key}/${l.cause} ${l.ms}`).join(', ')}`);
    }
    await agentContext?.close().catch(() => undefined);
    workletServer?.kill('SIGTERM');
    await lab?.stop();
  });

  /**
   * The caller's browser processing: 'off' turns AGC/NS/EC off, so what arrives is what the file says (+12 dB,
   * limited, 1.3× faster); 'on' keeps Chromium's defaults, as a real caller's browser would, and the rise
   * arrives flattened by AGC. Detection has to work on both (levels measured: docs/benchmarks.md, Guidance).
   */
  it.each([
    { mode: 'off' as const, audio: { autoGainControl: false, noiseSuppression: false, echoCancellation: false } },
    { mode: 'on' as const, audio: true },
  ])('caller AGC/NS/EC $mode: silence after answer raises the silent-call protocol; a raised voice the de-escalation card; both land in the timeline', async ({ mode, audio }) => {
    dataDir = makeTempDir('hotline-guidance-e2e-');
    const app = await openAgentApp(agentContext, dataDir.path);
    apps.push(app);
    const { page } = app;
    const consoleLines: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') consoleLines.push(message.text());
    });
    page.on('pageerror', (error) => consoleLines.push(String(error)));
    await setUp(page, lab, '1001');

    const callerContext = await launchLabBrowser(lab, { fakeAudioFile: join(wavDir, 'silent-then-angry.wav') });
    contexts.push(callerContext);
    const caller = await openCallerPhone(callerContext);
    callers.push(caller);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001') });
    await caller.call(`sip:1001@${lab.domain}`, { audio });
    await page.getByTestId('answer-button').click({ timeout: 15_000 });
    await caller.waitForState('Established', 15_000);

    // The script follows the call, and the audio analysis runs.
    await expect
      .poll(() => page.getByTestId('guidance-panel').getAttribute('data-audio'), { timeout: 10_000 })
      .toBe('on')
      .catch((error: unknown) => {
        throw new Error(`audio analysis did not start (${String(error)}); page said: ${consoleLines.join(' | ')}`);
      });
    expect(await page.getByTestId('script-step-greeting').getAttribute('data-state')).toBe('current');

    // No caller voice within 3 s of answer → the silent-call protocol.
    const silent = page.locator('[data-testid="prompt-card"][data-kind="silent-call"]');
    await silent.waitFor({ state: 'visible', timeout: 10_000 });

    // The work order's summary fills the restatement.
    await page.getByTestId('ticket-summary').fill('小区路灯不亮');
    await expect.poll(() => page.getByTestId('script-step-restate').getAttribute('data-state'), { timeout: 5_000 }).toBe('done');

    // The caller speaks: the silent-call card goes; later the voice rises → the de-escalation card, four parts filled.
    await silent.waitFor({ state: 'detached', timeout: 15_000 });
    const deEscalation = page.locator('[data-testid="prompt-card"][data-kind="de-escalation"]');
    await deEscalation.waitFor({ state: 'visible', timeout: 40_000 }).catch(async (error: unknown) => {
      const id = onlyCallId(app);
      writeFileSync(join(fileURLToPath(new URL('../../', import.meta.url)), 'dist', `guidance-e2e-received-agc-${mode}.wav`), await receivedAudioWav(page));
      throw new Error(`no de-escalation card with caller AGC ${mode} (${String(error)}); levels: ${JSON.stringify(callerLevels(timeline(app, id)))}`);
    });
    expect(await deEscalation.getByTestId('four-part-restate').textContent()).toContain('小区路灯不亮');
    for (const part of ['acknowledge', 'suggest', 'confirm']) expect((await deEscalation.getByTestId(`four-part-${part}`).textContent())?.length).toBeGreaterThan(4);

    // The phrase library opens in one keystroke and finds a cushioned phrase.
    await page.locator('body').press('Control+k');
    await page.getByTestId('phrase-search').fill('不归我们管');
    await expect.poll(() => page.getByTestId('phrase-hit').count(), { timeout: 3_000 }).toBeGreaterThan(0);
    await page.getByTestId('phrase-search').press('Escape');
    await page.getByTestId('phrase-library').waitFor({ state: 'detached', timeout: 3_000 });

    await deEscalation.getByTestId('prompt-ack').click();
    // What arrived at the agent, kept for measuring offline (dist/guidance-e2e-received-<mode>.wav).
    writeFileSync(join(fileURLToPath(new URL('../../', import.meta.url)), 'dist', `guidance-e2e-received-agc-${mode}.wav`), await receivedAudioWav(page));
    latencies.push(...(await paintLatencies(page)));
    await page.getByTestId('hangup-button').click();
    await caller.waitForState('Terminated', 10_000);

    const callId = onlyCallId(app);
    await expect.poll(() => timeline(app, callId).some((row) => row.kind === 'step-ticked' && row.subject === 'closing'), { timeout: 5_000 }).toBe(true);
    const rows = timeline(app, callId);
    const shown = rows.filter((row) => row.kind === 'prompt-shown').map((row) => row.subject);
    expect(shown).toContain('silent-call');
    expect(shown).toContain('de-escalation');
    const silentShown = rows.find((row) => row.kind === 'prompt-shown' && row.subject === 'silent-call')!;
    expect(silentShown.start_ms).toBeGreaterThanOrEqual(2900);
    expect(silentShown.start_ms).toBeLessThan(6000);
    expect(rows.some((row) => row.kind === 'prompt-acknowledged' && row.subject === 'de-escalation')).toBe(true);
    // Signal spans with offsets from answer: the silence at the start, the caller's speech, the raised voice.
    const silence = rows.find((row) => row.kind === 'signal' && row.subject === 'silence' && JSON.parse(row.payload).reason === 'no-caller-voice');
    expect(silence).toBeDefined();
    expect(silence!.start_ms).toBe(0);
    expect(silence!.end_ms).toBeGreaterThan(3000);
    const raised = rows.find((row) => row.kind === 'signal' && row.subject === 'raised-voice');
    expect(raised).toBeDefined();
    expect(JSON.parse(raised!.payload)).toMatchObject({ side: 'caller' });
    expect(raised!.end_ms).toBeGreaterThan(raised!.start_ms);
    expect(raised!.start_ms).toBeGreaterThan(silence!.end_ms!);
    expect(rows.some((row) => row.kind === 'signal' && row.subject === 'speech')).toBe(true);
    expect(rows.filter((row) => row.kind === 'step-ticked').map((row) => row.subject)).toEqual(expect.arrayContaining(['greeting', 'restate', 'closing']));
    // What the agent's worklet measured: each caller speech span's level, and the raised-voice decision.
    const measured = { mode, ...callerLevels(rows) };
    levels.push(measured);
    console.info(`caller AGC/NS/EC ${mode}: ${JSON.stringify(measured)}`);
  });

  it('an out-of-scope category raises its script; a danger word the emergency protocol, which alerts the team lead; abuse offers a recovery', async () => {
    dataDir = makeTempDir('hotline-guidance-e2e-');
    const leadDir = makeTempDir('hotline-guidance-lead-');
    // The team lead runs the app too, in a browser of their own.
    const leadContext = await launchLabBrowser(lab);
    contexts.push(leadContext);
    await serveDir(leadContext, 'http://localhost/app/', RENDERER_DIR);
    const lead = await openAgentApp(leadContext, leadDir.path);
    apps.push(lead);
    await setUp(lead.page, lab, '1004');

    const app = await openAgentApp(agentContext, dataDir.path);
    apps.push(app);
    const { page } = app;
    await setUp(page, lab, '1002');

    const callerContext = await launchLabBrowser(lab);
    contexts.push(callerContext);
    const caller = await openCallerPhone(callerContext);
    callers.push(caller);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2002') });
    await caller.call(`sip:1002@${lab.domain}`);
    await page.getByTestId('answer-button').click({ timeout: 15_000 });
    await caller.waitForState('Established', 15_000);
    await page.getByTestId('ticket-panel').waitFor({ state: 'visible', timeout: 10_000 });
    // The team lead's address, set in the guidance pane (shown during a call).
    await page.getByTestId('team-lead-edit').click();
    await page.getByTestId('team-lead-uri').fill(`sip:1004@${lab.domain}`);
    await page.getByTestId('team-lead-save').click();
    await page.getByTestId('team-lead-edit').waitFor({ state: 'visible', timeout: 5_000 });

    // Out of scope: litigation → its explanation and where to go instead.
    await page.getByTestId('ticket-summary').fill('对判决结果不服');
    await page.getByTestId('work-order-field-scopeDecision').selectOption('out-of-scope');
    await page.getByTestId('work-order-field-scopeReason').selectOption('litigation');
    const outOfScope = page.locator('[data-testid="prompt-card"][data-key="out-of-scope:litigation"]');
    await outOfScope.waitFor({ state: 'visible', timeout: 5_000 });
    expect((await outOfScope.getByTestId('prompt-channel').textContent())?.length).toBeGreaterThan(4);

    // A danger word typed into the notes → the emergency protocol, shown alone.
    await page.getByTestId('ticket-description').pressSequentially('工人说要跳楼', { delay: 20 });
    const emergency = page.locator('[data-testid="prompt-card"][data-kind="emergency"]');
    await emergency.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await page.getByTestId('prompt-card').count()).toBe(1);
    expect(await emergency.textContent()).toContain('跳楼');
    // The work order's urgency goes up to 紧急 with the reason next to it (the agent could set it back).
    await expect.poll(() => page.getByTestId('work-order-field-urgency').inputValue(), { timeout: 5_000 }).toBe('urgent');
    expect(await page.getByTestId('urgency-raised').textContent()).toContain('跳楼');

    // One action alerts the team lead (SIP MESSAGE); it shows on the lead's screen.
    await emergency.getByTestId('lead-alert-button').click();
    await expect.poll(() => emergency.getByTestId('lead-alert-button').getAttribute('data-state'), { timeout: 10_000 }).toBe('sent');
    const received = lead.page.getByTestId('received-alert');
    await received.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await received.getByTestId('received-alert-caller').textContent()).toContain('2002');
    expect(await received.textContent()).toContain('对判决结果不服');

    // The emergency card cannot just be dismissed: the agent says what was done; the abusive-caller hotkey
    // then raises its warning sequence.
    expect(await emergency.getByTestId('prompt-dismiss').count()).toBe(0);
    await emergency.getByTestId('emergency-reported').click();
    await emergency.waitFor({ state: 'detached', timeout: 5_000 });
    await page.locator('body').press('Alt+2');
    await page.locator('[data-testid="prompt-card"][data-kind="abusive"]').waitFor({ state: 'visible', timeout: 5_000 });

    await page.getByTestId('hangup-button').click();
    await caller.waitForState('Terminated', 10_000);
    // After an abusive call: a short recovery is offered; the agent takes it and is on Break (情绪恢复) at once.
    await page.getByTestId('recovery-accept').click({ timeout: 5_000 });
    await expect.poll(() => page.getByTestId('agent-state').getAttribute('data-status'), { timeout: 5_000 }).toBe('break');
    expect(await page.getByTestId('agent-status').textContent()).toContain(RECOVERY_BREAK_REASON);
    latencies.push(...(await paintLatencies(page)));

    const callId = onlyCallId(app);
    await expect.poll(() => timeline(app, callId).some((row) => row.kind === 'recovery-accepted'), { timeout: 5_000 }).toBe(true);
    const rows = timeline(app, callId);
    const shown = rows.filter((row) => row.kind === 'prompt-shown').map((row) => row.subject);
    expect(shown).toEqual(expect.arrayContaining(['out-of-scope:litigation', 'emergency', 'abusive', 'recovery-break']));
    const emergencyRow = rows.find((row) => row.kind === 'prompt-shown' && row.subject === 'emergency')!;
    expect(JSON.parse(emergencyRow.payload).matchedTerms).toContain('跳楼');
    expect(rows.find((row) => row.kind === 'lead-alert')).toMatchObject({ subject: 'emergency' });
    expect(JSON.parse(rows.find((row) => row.kind === 'emergency-outcome')!.payload)).toMatchObject({ outcome: 'reported', leadAlerted: true });
    expect(JSON.parse(rows.find((row) => row.kind === 'lead-alert')!.payload)).toMatchObject({ ok: true, target: `sip:1004@${lab.domain}` });
    expect(rows.some((row) => row.kind === 'hotkey' && row.subject === 'abusive')).toBe(true);
    expect(rows.some((row) => row.kind === 'recovery-offered')).toBe(true);
    expect(JSON.parse(rows.find((row) => row.kind === 'recovery-accepted')!.payload)).toMatchObject({ agentStateApplied: true, breakReason: RECOVERY_BREAK_REASON });
    // The agent-state log has the break too (written through the same store as a break chosen by hand).
    await expect
      .poll(() => app.core.db.prepare("SELECT status, reason FROM agent_state_log WHERE status = 'break' ORDER BY at DESC LIMIT 1").get(), { timeout: 5_000 })
      .toEqual({ status: 'break', reason: RECOVERY_BREAK_REASON });
    for (const row of rows) expect(row.start_ms).toBeGreaterThanOrEqual(0);
    leadDir.remove();
  });
});

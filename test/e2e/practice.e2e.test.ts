/**
 * Practice calls end to end (issue 14), in the lab browser with the trainee's
 * microphone played from a WAV made in the set-up (test/e2e/practice-audio.ts):
 *
 * - A fresh data folder starts into the welcome; with the browser offline and
 *   no PBX, Enter rings the first practice caller; answered, its first line is
 *   heard at the trainee's side (the level of what the desk plays) and shown;
 *   the trainee's silence takes the scenario's "还在听吗？" turn; the call has a
 *   work order marked practice, and nothing reaches the work-order service.
 * - The unpaid-wages caller's threat: the trainee raises the emergency
 *   (Alt+3), the emergency protocol is on screen and the caller takes the
 *   scenario's "stays on" turn; the protocol's lead alert reaches no real lead.
 * - A trainee who talks over the elderly caller gets the scenario's "lost" turn.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { startLab, type SipLab } from './lab/lab';
import { launchLabBrowser, serveDir } from './lab/browser';
import { RENDERER_DIR } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { makeTempDir } from '../support/temp-dir';
import { screenshot } from './workbench/screen-check';
import { makeTraineeAudio, type TraineeAudio } from './practice-audio';
import { CENTRE_AGENT, startRealCentre } from '../support/real-centre';
import { SIGN_IN_PATH } from '../../src/shared/domain/centre/sign-in';
import { PRACTICE_RESULTS_PATH, type StoredPracticeResult } from '../../src/shared/practice/result';

/** Every line the caller said so far, in order (subtitles' line ids, recorded in the page as they change). */
async function recordLines(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __practiceLines: string[] }).__practiceLines = seen;
    const note = () => {
      const id = document.querySelector('[data-testid="practice-subtitles"] p')?.getAttribute('data-line-id') ?? '';
      if (id !== '' && seen.at(-1) !== id) seen.push(id);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-line-id'] });
    note();
  });
}

const linesSaid = (page: Page) => page.evaluate(() => (window as unknown as { __practiceLines: string[] }).__practiceLines);

async function waitForLine(page: Page, id: string, timeoutMs: number): Promise<string[]> {
  await expect.poll(() => linesSaid(page), { timeout: timeoutMs, interval: 250 }).toContain(id);
  return linesSaid(page);
}

/**
 * The loudest the caller's voice gets, over `ms`, in what the desk plays to the trainee (the practice
 * caller's audio element on the call speaker), in dBFS RMS per 50 ms.
 */
async function callerLevelAtTrainee(page: Page, ms: number): Promise<number> {
  return page.evaluate(async (windowMs) => {
    const element = document.querySelector<HTMLAudioElement>('audio[data-role="practice-caller-audio"]');
    if (!element || !(element.srcObject instanceof MediaStream)) return -Infinity;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(element.srcObject).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let loudest = -Infinity;
    const until = performance.now() + windowMs;
    while (performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      loudest = Math.max(loudest, 10 * Math.log10(sum / samples.length + 1e-12));
    }
    await context.close();
    return loudest;
  }, ms);
}

/** The call's analysis on its timeline (speech per side, overlaps), for a failure's message. */
function timelineSignals(app: AgentApp): unknown[] {
  return app.core.db
    .prepare("SELECT subject, start_ms, end_ms, payload FROM call_timeline WHERE kind = 'signal' ORDER BY start_ms")
    .all();
}

async function answer(page: Page): Promise<void> {
  await page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 10_000 });
  expect(await page.getByTestId('desk-state').getAttribute('data-state')).toBe('ringing');
  await page.getByTestId('answer-button').click();
  await expect.poll(() => page.getByTestId('desk-state').getAttribute('data-state'), { timeout: 5_000 }).toBe('talking');
  await recordLines(page);
  // The guidance analyses the call's two sides (the simulated caller, the trainee's microphone) as on any call.
  await expect.poll(() => page.getByTestId('guidance-panel').getAttribute('data-audio'), { timeout: 5_000 }).toBe('on');
}

async function choosePractice(page: Page, scenarioId: string): Promise<void> {
  await page.getByTestId('practice-launch').click();
  await page.locator(`[data-scenario="${scenarioId}"]`).click();
}

/** The embedded work-order service's own database: it holds no work order (or was never even written). */
function serviceWorkOrders(dataDir: string): number {
  const path = join(dataDir, 'workorder-service.sqlite');
  if (!existsSync(path)) return 0;
  const db = new Database(path, { readonly: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'work_orders'").get();
    return table ? (db.prepare('SELECT COUNT(*) FROM work_orders').pluck().get() as number) : 0;
  } finally {
    db.close();
  }
}

describe('practice calls in the lab browser, the trainee speaking from a WAV', () => {
  let lab: SipLab;
  let audioDir: ReturnType<typeof makeTempDir>;
  let audio: TraineeAudio;
  let dataDir: ReturnType<typeof makeTempDir>;
  let app: AgentApp | undefined;
  const contexts: BrowserContext[] = [];
  let workletServer: ChildProcess | undefined;

  async function trainee(wav: string): Promise<BrowserContext> {
    const context = await launchLabBrowser(lab, { fakeAudioFile: `${wav}%noloop` });
    contexts.push(context);
    await serveDir(context, 'http://localhost/app/', RENDERER_DIR);
    return context;
  }

  beforeAll(async () => {
    audioDir = makeTempDir('hotline-practice-audio-');
    audio = makeTraineeAudio(audioDir.path);
    lab = await startLab();
    // The guidance's AudioWorklet module is fetched outside Playwright's routing: the app's files served for real,
    // inside the lab namespace (as the installed app reads them from its own package, not the network).
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
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    workletServer?.kill();
    await lab?.stop();
    audioDir?.remove();
  });
  beforeEach(() => {
    dataDir = makeTempDir('hotline-practice-e2e-');
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    dataDir.remove();
  });

  it('a fresh desk starts into the welcome; offline and with no PBX, Enter rings a practice caller who is heard, shown, and asks after 5 s of silence', async () => {
    const context = await trainee(audio.greetsThenSilent);
    app = await openAgentApp(context, dataDir.path);
    const { page, core } = app;
    await page.setViewportSize({ width: 1366, height: 768 });

    const welcome = page.getByTestId('welcome');
    await welcome.waitFor({ state: 'visible', timeout: 10_000 });
    // Keyboard first: the practice call has the focus.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('welcome-practice');
    // The sign-in and the PBX set-up are the other ways on, on the same screen.
    // (The sign-in's code loads when first shown: waited for, bounded.)
    await page.getByTestId('sign-in-screen').waitFor({ state: 'visible', timeout: 5_000 });
    expect(await page.getByTestId('welcome-set-up-pbx').isVisible()).toBe(true);
    await screenshot(page, 'practice-00-welcome-zh-CN');
    await page.getByTestId('language-select').selectOption('en');
    await expect.poll(() => welcome.locator('h2').textContent()).toBe('Welcome to the 12345 hotline desk');
    await screenshot(page, 'practice-00-welcome-en');
    await page.getByTestId('language-select').selectOption('zh-CN');
    await expect.poll(() => welcome.locator('h2').textContent()).toBe('欢迎使用 12345 热线坐席');

    // No network from here on: anything but the app's own files (as packaged in the installed app) is refused, and noted.
    const outside: string[] = [];
    const notTheApp = (url: URL) => !url.href.startsWith('http://localhost/app/');
    const refuse = (route: Route) => {
      outside.push(route.request().url());
      return route.abort('internetdisconnected');
    };
    await context.route(notTheApp, refuse);
    await page.getByTestId('welcome-practice').focus();
    await page.keyboard.press('Enter');
    await answer(page);
    await screenshot(page, 'practice-01-talking-zh-CN');

    // The caller speaks after the trainee's greeting: heard at the trainee's side, and shown.
    const lines = await waitForLine(page, 'open', 15_000);
    expect(lines[0]).toBe('open');
    const level = await callerLevelAtTrainee(page, 1500);
    console.log(`practice caller's level at the trainee: ${level.toFixed(1)} dBFS`);
    expect(level).toBeGreaterThan(-45);
    expect(await page.getByTestId('practice-subtitles').locator('p').textContent()).toContain('居住证');

    // The work-order pane is open for the practice call, marked practice.
    await page.getByTestId('work-order-practice').waitFor({ state: 'visible', timeout: 5_000 });
    // Silence after the caller's line: 5 s of dead air → the scenario's "还在听吗？".
    await waitForLine(page, 'still-there', 30_000);
    expect(await page.getByTestId('practice-subtitles').locator('p').textContent()).toContain('还在听吗');
    await screenshot(page, 'practice-02-silence-zh-CN');

    await page.getByTestId('hangup-button').click();
    await expect.poll(() => core.db.prepare('SELECT practice FROM calls ORDER BY started_at DESC LIMIT 1').pluck().get(), { timeout: 5_000 }).toBe(1);
    expect(await page.getByTestId('registration-status').getAttribute('data-state')).not.toBe('registered');
    // The analysis heard the caller (the guidance ran on the practice call like on any call).
    await expect
      .poll(() => core.db.prepare("SELECT COUNT(*) FROM call_timeline WHERE kind = 'signal' AND subject = 'speech' AND json_extract(payload, '$.side') = 'caller'").pluck().get(), { timeout: 5_000 })
      .toBeGreaterThan(0);
    // Nothing for the work-order service: no queued row, nothing in the embedded service.
    expect(core.db.prepare("SELECT COUNT(*) FROM work_orders WHERE sync_state <> 'draft' OR practice = 0").pluck().get()).toBe(0);
    expect(serviceWorkOrders(dataDir.path)).toBe(0);
    // The practice call never asked the network for anything.
    expect(outside).toEqual([]);
    await context.unroute(notTheApp, refuse);

    // Practised with nobody signed in and no profile: the result is kept on this desk only, and says so.
    await page.getByTestId('call-feedback').waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => page.getByTestId('practice-result-sync').locator('[data-sync]').getAttribute('data-sync'), { timeout: 10_000 }).toBe('never');
    expect(await page.getByTestId('practice-result-sync').textContent()).toContain('未同步到中心');
    await screenshot(page, 'practice-06-kept-on-desk-zh-CN');
    // The scenario list is in the page only while it is open; Escape closes it.
    const scenarioList = page.locator('.practice-launcher__list');
    expect(await scenarioList.count()).toBe(0);
    await page.getByTestId('practice-launch').click();
    await scenarioList.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await scenarioList.locator('[data-scenario]').count()).toBeGreaterThan(2);
    const dialog = await page.locator('.t-dialog').filter({ has: scenarioList }).boundingBox();
    expect(dialog!.y + dialog!.height).toBeLessThanOrEqual(768);
    await screenshot(page, 'practice-06b-scenarios-zh-CN');
    await page.keyboard.press('Escape');
    await scenarioList.waitFor({ state: 'detached', timeout: 5_000 });
    await page.getByTestId('practice-launch').click();
    await page.getByTestId('practice-history-open').click();
    await expect.poll(() => page.getByTestId('practice-history-kept').getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
    expect(await page.locator('[data-testid="practice-history"] tr[data-scenario="policy-question"] [data-sync]').getAttribute('data-sync')).toBe('never');
    const history = await page.locator('.t-dialog').filter({ has: page.getByTestId('practice-history') }).boundingBox();
    expect(history!.y + history!.height).toBeLessThanOrEqual(768);
    await screenshot(page, 'practice-07-history-kept-zh-CN');
    await page.getByTestId('language-select').selectOption('en');
    await expect.poll(() => page.getByTestId('practice-history-kept').textContent()).toBe('Not sent to the centre, kept on this desk only: 1');
    await screenshot(page, 'practice-07-history-kept-en');
    await page.getByTestId('language-select').selectOption('zh-CN');
    await page.keyboard.press('Escape');
    await page.getByTestId('practice-history').waitFor({ state: 'detached', timeout: 5_000 });

    // Back to the welcome without a restart: Escape once the call is over (the sign-in and the PBX set-up are there).
    await page.keyboard.press('Escape');
    await welcome.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await page.getByTestId('sign-in-screen').isVisible()).toBe(true);
  });

  it('the unpaid-wages caller threatens to jump; the trainee raises the emergency and the caller stays on the line', async () => {
    const context = contexts[0] ?? (await trainee(audio.greetsThenSilent));
    app = await openAgentApp(context, dataDir.path);
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('welcome').waitFor({ state: 'visible', timeout: 10_000 });
    await choosePractice(page, 'unpaid-wages-threat');
    await answer(page);

    // The trainee says nothing after the greeting: after 15 s the caller comes out with the threat.
    await waitForLine(page, 'threat', 60_000);
    await page.keyboard.press('Alt+3');
    await page.locator('[data-testid="prompt-card"][data-kind="emergency"]').first().waitFor({ state: 'visible', timeout: 5_000 });
    const lines = await waitForLine(page, 'stays-on', 20_000);
    expect(lines).not.toContain('gone');
    // The trainee drills the protocol's first step: the lead alert of a practice call reaches no real lead.
    await page.getByTestId('lead-alert-button').click();
    await expect.poll(() => page.getByTestId('lead-alert-state').getAttribute('class'), { timeout: 5_000 }).toContain('--sent');
    await screenshot(page, 'practice-03-emergency-zh-CN');
    await page.getByTestId('hangup-button').click();
    await expect
      .poll(() => app!.core.db.prepare("SELECT json_extract(payload, '$.target') FROM call_timeline WHERE kind = 'lead-alert'").pluck().get(), { timeout: 5_000 })
      .toBe('practice:team-lead');
    expect(serviceWorkOrders(dataDir.path)).toBe(0);
  });

  it('a trainee who talks over the elderly caller gets the scenario\'s "two of us talking, I hear even less"', async () => {
    const context = await trainee(audio.greetsThenTalksOver);
    app = await openAgentApp(context, dataDir.path);
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('welcome').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('language-select').selectOption('en');
    await choosePractice(page, 'elderly-hard-of-hearing');
    await answer(page);

    const lines = await waitForLine(page, 'lost', 40_000).catch(async (error: unknown) => {
      await page.getByTestId('hangup-button').click();
      await expect.poll(() => timelineSignals(app!).length, { timeout: 5_000 }).toBeGreaterThan(0).catch(() => undefined);
      console.log('what the analysis heard:', JSON.stringify(timelineSignals(app!)));
      throw error;
    });
    expect(lines.slice(0, 2)).toEqual(['open', 'lost']);
    await screenshot(page, 'practice-04-talked-over-en');
    // While the call is live the way back waits (a trainee cannot walk away from a ringing or live call by mistake).
    expect(await page.getByTestId('back-to-welcome').getAttribute('class')).toContain('t-is-disabled');
    await page.getByTestId('hangup-button').click();
    // Once it is over: the button goes back to the welcome, and another practice call can start from there.
    await page.getByTestId('back-to-welcome').click();
    await page.getByTestId('welcome').waitFor({ state: 'visible', timeout: 5_000 });
    await choosePractice(page, 'policy-question');
    await page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('decline-button').click();
  });

  it('signed in to a centre: a practice call held mid-line (the caller goes quiet, then goes on), scored on the feedback, kept with its recording, and its result reaches the centre and the trainer\'s screen', async () => {
    const account = lab.account('1002');
    const centre = await startRealCentre({ uri: account.uri, authUser: account.authUser, password: account.password, servers: [lab.wsUrl] });
    try {
      // The trainee is also a trainer here, so the same desk shows the trainer's screen.
      await centre.admin(['set-person', '--work-number', CENTRE_AGENT.workNumber, '--roles', 'agent,trainer']);
      const context = await trainee(audio.greetsThenSilent);
      app = await openAgentApp(context, dataDir.path);
      const { page, core } = app;
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.getByTestId('sign-in-screen').waitFor({ state: 'visible', timeout: 10_000 });
      await page.getByTestId('sign-in-centreUrl').locator('input').fill(centre.url);
      await page.getByTestId('sign-in-workNumber').locator('input').fill(CENTRE_AGENT.workNumber);
      await page.getByTestId('sign-in-password').locator('input').fill(CENTRE_AGENT.password);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('signed-in-badge').waitFor({ state: 'visible', timeout: 15_000 });

      await choosePractice(page, 'policy-question');
      await answer(page);
      await waitForLine(page, 'open', 15_000);
      expect(await callerLevelAtTrainee(page, 600)).toBeGreaterThan(-45);
      // On hold mid-line: the caller cannot hear and stops talking; nothing more is said however long the hold.
      await page.getByTestId('hold-button').click();
      await expect.poll(() => page.getByTestId('practice-subtitles').getAttribute('data-held'), { timeout: 5_000 }).toBe('true');
      const onHold = await callerLevelAtTrainee(page, 1_500);
      console.log(`practice caller's level at the trainee on hold: ${onHold.toFixed(1)} dBFS`);
      expect(onHold).toBeLessThan(-60);
      expect(await linesSaid(page)).toEqual(['open']);
      await page.getByTestId('hold-button').click();
      await expect.poll(() => page.getByTestId('practice-subtitles').getAttribute('data-held'), { timeout: 5_000 }).toBe('false');
      // Taken back: the line goes on where it stopped.
      expect(await callerLevelAtTrainee(page, 1_000)).toBeGreaterThan(-45);
      await page.getByTestId('hangup-button').click();

      // The feedback shows the score.
      const callId = core.db.prepare('SELECT id FROM calls WHERE practice = 1 ORDER BY started_at DESC LIMIT 1').pluck().get() as string;
      await page.getByTestId('call-feedback').waitFor({ state: 'visible', timeout: 10_000 });
      await expect.poll(() => page.getByTestId('scorecard-total').textContent(), { timeout: 10_000 }).toMatch(/\d+/);
      // The result is in the desk's database, with the hold on its timeline and the line the caller said; the call was recorded.
      await expect.poll(() => core.db.prepare('SELECT COUNT(*) FROM practice_results WHERE call_id = ?').pluck().get(callId), { timeout: 10_000 }).toBe(1);
      const kept = JSON.parse(core.db.prepare('SELECT body FROM practice_results WHERE call_id = ?').pluck().get(callId) as string) as StoredPracticeResult;
      expect(kept).toMatchObject({ scenarioId: 'policy-question', maxScore: 100 });
      expect(kept.holds).toHaveLength(1);
      expect(kept.lines[0]!.id).toBe('open');
      expect(String(await page.getByTestId('scorecard-total').textContent())).toContain(String(kept.score));
      await expect.poll(() => core.db.prepare("SELECT COUNT(*) FROM recordings WHERE call_id = ? AND practice = 1 AND state != 'recording'").pluck().get(callId), { timeout: 10_000 }).toBe(1);
      // It reached the centre, once; never as a work order.
      await expect.poll(() => core.db.prepare('SELECT upload_state FROM practice_results WHERE call_id = ?').pluck().get(callId), { timeout: 15_000 }).toBe('done');
      const token = (await (await fetch(`${centre.url}${SIGN_IN_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workNumber: CENTRE_AGENT.workNumber, password: CENTRE_AGENT.password, deskId: 'e2e-check' }) })).json()) as { token: string };
      const atCentre = (await (await fetch(`${centre.url}${PRACTICE_RESULTS_PATH}`, { headers: { authorization: `Bearer ${token.token}` } })).json()) as { results: StoredPracticeResult[] };
      expect(atCentre.results.map((result) => result.callId)).toEqual([callId]);
      expect(atCentre.results[0]).toMatchObject({ agent: CENTRE_AGENT.workNumber, score: kept.score, holds: kept.holds });
      const changes = (await (await fetch(`${centre.url}/v1/changes?since=0`, { headers: { authorization: `Bearer ${token.token}` } })).json()) as { changes: unknown[] };
      expect(changes.changes).toEqual([]);

      // The trainer's screen: the trainee, the scenario, one attempt with its score; fits 1366x768.
      await page.getByTestId('practice-review-open').click();
      const row = page.locator(`[data-testid="practice-review"] tr[data-agent="${CENTRE_AGENT.workNumber}"] [data-scenario="policy-question"]`);
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await row.getAttribute('data-attempts')).toBe('1');
      expect(await row.getAttribute('data-latest')).toBe(String(kept.score));
      // Below the softphone bar, header included (the bar stays the top layer), and within the screen.
      const bar = await page.locator('header.softphone-bar').boundingBox();
      const title = await page.locator('.t-dialog__header').filter({ hasText: '学员练习记录' }).boundingBox();
      expect(title!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height);
      const box = await page.getByTestId('practice-review').boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(768);
      expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
      // A trainer who is signed in and wrapping up a call has the widest agent's bar: still one row at 1366 px in Chinese.
      expect(await page.getByTestId('softphone-bar-row').getAttribute('data-fit')).not.toBe('wrap');
      await screenshot(page, 'practice-05-trainer-review-zh-CN');
      await page.keyboard.press('Escape');
      await page.getByTestId('language-select').selectOption('en');
      await page.getByTestId('practice-review-open').click();
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await screenshot(page, 'practice-05-trainer-review-en');
    } finally {
      await app?.close();
      app = undefined;
      await centre.close();
    }
  });
});

/**
 * A trainer plays the caller live (issue 14): two desks through the lab's
 * Kamailio. The trainer's desk (1004) calls the trainee's (1001) from the
 * practice launcher with X-Hotline-Practice naming a scenario; both desks
 * treat the call as practice (the call log, the work order marked practice and
 * never queued), the trainer reads the caller's script and the trainee sees
 * none of it. An ordinary call between the same desks stays an ordinary call.
 * A subscriber who is not a trainer (a citizen's phone, 2001) sending the
 * header gets it removed by the PBX: the trainee's desk takes a real call.
 * Signed in to the centre: at the end of the live call the trainee's desk
 * scores it, keeps it marked live with the trainer, and it reaches the centre
 * once; the trainer's desk keeps nothing for itself; the trainer's
 * 学员练习记录 shows the attempt as live, and the trainee's history as sent.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startLab, type SipLab } from './lab/lab';
import { launchLabBrowser, serveDir } from './lab/browser';
import { RENDERER_DIR } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { fillAgentSettings } from './app/agent-settings';
import { openCallerPhone } from './caller/page';
import { makeTempDir } from '../support/temp-dir';
import { screenshot } from './workbench/screen-check';
import { CENTRE_AGENT, startRealCentre, type RealCentre } from '../support/real-centre';
import { SIGN_IN_PATH } from '../../src/shared/domain/centre/sign-in';
import { PRACTICE_RESULTS_PATH, type PracticeResult, type StoredPracticeResult } from '../../src/shared/practice/result';

const lastCallPractice = (app: AgentApp) => app.core.db.prepare('SELECT practice FROM calls ORDER BY started_at DESC LIMIT 1').pluck().get();
const deskState = (page: Page) => page.getByTestId('desk-state').getAttribute('data-state');

/** A trainer of the trainee's team, who also takes calls, on the lab's extension 1004. */
const TRAINER = { workNumber: '0410', name: '张老师', password: 'trainer-0410-pw' } as const;

async function signIn(page: Page, url: string, who: { workNumber: string; password: string }): Promise<void> {
  await page.getByTestId('sign-in-screen').waitFor({ state: 'visible', timeout: 15_000 });
  await page.getByTestId('sign-in-centreUrl').locator('input').fill(url);
  await page.getByTestId('sign-in-workNumber').locator('input').fill(who.workNumber);
  await page.getByTestId('sign-in-password').locator('input').fill(who.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('signed-in-badge').waitFor({ state: 'visible', timeout: 15_000 });
  await expect.poll(() => page.getByTestId('registration-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('registered');
}

async function centreToken(centre: RealCentre, who: { workNumber: string; password: string }): Promise<string> {
  const reply = await fetch(`${centre.url}${SIGN_IN_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workNumber: who.workNumber, password: who.password, deskId: `e2e-check-${who.workNumber}` }),
  });
  return ((await reply.json()) as { token: string }).token;
}

async function centreResults(centre: RealCentre, token: string, agent: string): Promise<StoredPracticeResult[]> {
  const reply = await fetch(`${centre.url}${PRACTICE_RESULTS_PATH}?agent=${agent}`, { headers: { authorization: `Bearer ${token}` } });
  return ((await reply.json()) as { results: StoredPracticeResult[] }).results;
}

describe('a trainer plays the caller live through the PBX', () => {
  let lab: SipLab;
  let trainerContext: BrowserContext;
  let traineeContext: BrowserContext;
  let dirs: ReturnType<typeof makeTempDir>[] = [];
  let trainer: AgentApp | undefined;
  let trainee: AgentApp | undefined;

  beforeAll(async () => {
    lab = await startLab();
    [trainerContext, traineeContext] = await Promise.all([launchLabBrowser(lab), launchLabBrowser(lab)]);
    await serveDir(trainerContext, 'http://localhost/app/', RENDERER_DIR);
    await serveDir(traineeContext, 'http://localhost/app/', RENDERER_DIR);
  }, 60_000);
  afterAll(async () => {
    await trainerContext?.close().catch(() => undefined);
    await traineeContext?.close().catch(() => undefined);
    await lab?.stop();
  });
  afterEach(async () => {
    await trainer?.close();
    await trainee?.close();
    trainer = trainee = undefined;
    for (const dir of dirs) dir.remove();
    dirs = [];
  });

  describe('desks set up by hand', () => {
    beforeEach(async () => {
      dirs = [makeTempDir('hotline-trainer-'), makeTempDir('hotline-trainee-')];
      trainer = await openAgentApp(trainerContext, dirs[0]!.path);
      trainee = await openAgentApp(traineeContext, dirs[1]!.path);
      for (const [app, user] of [[trainer, '1004'], [trainee, '1001']] as const) {
        await app.page.setViewportSize({ width: 1366, height: 768 });
        await fillAgentSettings(app.page, lab, user, { displayName: user === '1004' ? '班长张' : '学员王' });
        await expect.poll(() => app.page.getByTestId('registration-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('registered');
      }
    });

    it('both desks treat the call as practice; the trainer reads the caller\'s script, the trainee sees none of it', async () => {
      const { page: trainerPage } = trainer!;
      const { page: traineePage } = trainee!;

      await trainerPage.getByTestId('practice-launch').click();
      await trainerPage.getByTestId('practice-trainee-number').locator('input').fill('1001');
      await trainerPage.locator('[data-call-trainee="land-compensation"]').click();

      // The trainer's script: who to play and the lines, with the turns the trainee's handling leads to.
      const script = trainerPage.getByTestId('practice-script');
      await script.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await script.getAttribute('data-scenario')).toBe('land-compensation');
      expect(await script.locator('[data-line-id="open"]').textContent()).toContain('补偿款');

      await traineePage.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
      await traineePage.getByTestId('answer-button').click();
      await expect.poll(() => deskState(traineePage), { timeout: 10_000 }).toBe('talking');
      await expect.poll(() => deskState(trainerPage), { timeout: 10_000 }).toBe('talking');

      // Practice on both desks: each has a practice work order in the same pane, and the trainee no script.
      await traineePage.getByTestId('work-order-practice').waitFor({ state: 'visible', timeout: 10_000 });
      await trainerPage.getByTestId('work-order-practice').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await traineePage.getByTestId('practice-script').count()).toBe(0);
      await screenshot(trainerPage, 'practice-live-01-trainer-script-zh-CN');
      await screenshot(traineePage, 'practice-live-02-trainee-zh-CN');
      await trainerPage.getByTestId('language-select').selectOption('en');
      await expect.poll(() => script.locator('.practice-subtitles__badge').textContent()).toBe('Practice · you play the caller');
      await screenshot(trainerPage, 'practice-live-03-trainer-script-en');

      await trainerPage.getByTestId('hangup-button').click();
      await expect.poll(() => deskState(traineePage), { timeout: 10_000 }).not.toBe('talking');
      for (const app of [trainer!, trainee!]) {
        await expect.poll(() => lastCallPractice(app), { timeout: 5_000 }).toBe(1);
        expect(app.core.db.prepare("SELECT COUNT(*) FROM work_orders WHERE practice = 0 OR sync_state <> 'draft'").pluck().get()).toBe(0);
      }
      // The trainee's result is kept on their desk (not signed in to a centre: it stays there); the trainer's desk keeps none.
      await expect.poll(() => trainee!.core.db.prepare('SELECT COUNT(*) FROM practice_results').pluck().get(), { timeout: 10_000 }).toBe(1);
      expect(trainer!.core.db.prepare('SELECT COUNT(*) FROM practice_results').pluck().get()).toBe(0);
    });

    it('an ordinary call between the same desks is not practice', async () => {
      const { page: trainerPage } = trainer!;
      const { page: traineePage } = trainee!;
      await trainerPage.getByTestId('dial-input').fill('1001');
      await trainerPage.getByTestId('dial-input').press('Enter');
      await traineePage.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
      await traineePage.getByTestId('answer-button').click();
      await expect.poll(() => deskState(traineePage), { timeout: 10_000 }).toBe('talking');
      await traineePage.getByTestId('ticket-panel').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await traineePage.getByTestId('work-order-practice').count()).toBe(0);
      expect(await trainerPage.getByTestId('practice-script').count()).toBe(0);
      await traineePage.getByTestId('hangup-button').click();
      await expect.poll(() => lastCallPractice(trainee!), { timeout: 5_000 }).toBe(0);
      expect(lastCallPractice(trainer!)).toBe(0);
    });

    it('a caller not authenticated as a trainer cannot mark a call as practice: the PBX removes the header, the desk takes a real call', async () => {
      const { page: traineePage } = trainee!;
      const caller = await openCallerPhone(trainerContext);
      try {
        await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001'), displayName: 'Citizen Li' });
        await caller.call(`sip:1001@${lab.domain}`, { extraHeaders: ['X-Hotline-Practice: land-compensation'] });
        await traineePage.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
        await traineePage.getByTestId('answer-button').click();
        await expect.poll(() => deskState(traineePage), { timeout: 10_000 }).toBe('talking');
        // A real call: the real work order (not the practice one), no simulated caller's subtitles, logged as real.
        await traineePage.getByTestId('ticket-panel').waitFor({ state: 'visible', timeout: 10_000 });
        expect(await traineePage.getByTestId('work-order-practice').count()).toBe(0);
        expect(await traineePage.getByTestId('practice-subtitles').count()).toBe(0);
        await traineePage.getByTestId('hangup-button').click();
        await expect.poll(() => lastCallPractice(trainee!), { timeout: 5_000 }).toBe(0);
      } finally {
        await caller.close();
      }
    });
  });

  describe('signed in to the centre', () => {
    let centre: RealCentre | undefined;
    afterEach(async () => {
      await centre?.close();
      centre = undefined;
    });

    it("the trainee's desk scores the live call, keeps it marked live and sends it once; the trainer's desk keeps nothing; the trainer's 学员练习记录 shows it", async () => {
      const traineeAccount = lab.account('1001');
      centre = await startRealCentre({ uri: traineeAccount.uri, authUser: traineeAccount.authUser, password: traineeAccount.password, servers: [lab.wsUrl] });
      const trainerAccount = lab.account('1004');
      await centre.admin(['create-person', '--work-number', TRAINER.workNumber, '--name', TRAINER.name, '--team', 'team-a', '--roles', 'agent,trainer', '--password-stdin'], `${TRAINER.password}\n`);
      await centre.admin(['set-sip', '--work-number', TRAINER.workNumber, '--uri', trainerAccount.uri, '--auth-user', trainerAccount.authUser, '--sip-password-stdin'], `${trainerAccount.password}\n`);
      dirs = [makeTempDir('hotline-trainer-'), makeTempDir('hotline-trainee-')];
      trainer = await openAgentApp(trainerContext, dirs[0]!.path);
      trainee = await openAgentApp(traineeContext, dirs[1]!.path);
      const { page: trainerPage } = trainer;
      const { page: traineePage } = trainee;
      for (const page of [trainerPage, traineePage]) await page.setViewportSize({ width: 1366, height: 768 });
      await signIn(trainerPage, centre.url, TRAINER);
      await signIn(traineePage, centre.url, CENTRE_AGENT);

      await trainerPage.getByTestId('practice-launch').click();
      await trainerPage.getByTestId('practice-trainee-number').locator('input').fill('1001');
      await trainerPage.locator('[data-call-trainee="land-compensation"]').click();
      await traineePage.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
      await traineePage.getByTestId('answer-button').click();
      await expect.poll(() => deskState(traineePage), { timeout: 10_000 }).toBe('talking');
      await expect.poll(() => deskState(trainerPage), { timeout: 10_000 }).toBe('talking');
      // The trainee's desk says a trainer plays the caller (no simulated lines).
      const live = traineePage.locator('[data-testid="practice-subtitles"][data-live="true"]');
      await live.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await live.textContent()).toContain(TRAINER.name);
      await screenshot(traineePage, 'practice-live-04-trainee-live-zh-CN');

      // The trainer (the caller) hangs up.
      await trainerPage.getByTestId('hangup-button').click();
      await expect.poll(() => deskState(traineePage), { timeout: 10_000 }).not.toBe('talking');
      const callId = trainee.core.db.prepare('SELECT id FROM calls WHERE practice = 1 ORDER BY started_at DESC LIMIT 1').pluck().get() as string;

      // Kept on the trainee's desk, scored through the one path, marked live with the trainer; sent.
      const keptBody = () => trainee!.core.db.prepare('SELECT body FROM practice_results WHERE call_id = ?').pluck().get(callId) as string | undefined;
      await expect.poll(keptBody, { timeout: 15_000 }).toBeDefined();
      const kept = JSON.parse(keptBody()!) as PracticeResult;
      expect(kept).toMatchObject({ scenarioId: 'land-compensation', endedBy: 'caller', lines: [], maxScore: 100, live: { trainerNumber: '1004', trainerName: TRAINER.name } });
      await expect.poll(() => trainee!.core.db.prepare('SELECT upload_state FROM practice_results WHERE call_id = ?').pluck().get(callId), { timeout: 15_000 }).toBe('done');
      // The trainer's desk keeps no result for itself.
      expect(trainer.core.db.prepare('SELECT COUNT(*) FROM practice_results').pluck().get()).toBe(0);

      // At the centre exactly once, as the trainee's; nothing as the trainer's.
      const trainerToken = await centreToken(centre, TRAINER);
      const atCentre = await centreResults(centre, trainerToken, CENTRE_AGENT.workNumber);
      expect(atCentre.map((result) => result.callId)).toEqual([callId]);
      expect(atCentre[0]).toMatchObject({ agent: CENTRE_AGENT.workNumber, score: kept.score, live: kept.live });
      expect(await centreResults(centre, trainerToken, TRAINER.workNumber)).toEqual([]);

      // The trainee sees the result went to the centre, and in their history.
      await expect.poll(() => traineePage.getByTestId('practice-result-sync').locator('[data-sync]').getAttribute('data-sync'), { timeout: 10_000 }).toBe('sent');
      await traineePage.getByTestId('call-feedback').waitFor({ state: 'visible', timeout: 10_000 });
      await screenshot(traineePage, 'practice-live-05-trainee-feedback-zh-CN');
      await traineePage.getByTestId('practice-launch').click();
      await traineePage.getByTestId('practice-history-open').click();
      const historyRow = traineePage.locator(`[data-testid="practice-history"] tr[data-call-id="${callId}"]`);
      await historyRow.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await historyRow.getAttribute('data-live')).toBe('true');
      expect(await historyRow.locator('[data-sync]').getAttribute('data-sync')).toBe('sent');
      await screenshot(traineePage, 'practice-live-06-trainee-history-zh-CN');
      await traineePage.keyboard.press('Escape');
      await traineePage.getByTestId('language-select').selectOption('en');
      await traineePage.getByTestId('practice-launch').click();
      await traineePage.getByTestId('practice-history-open').click();
      await historyRow.waitFor({ state: 'visible', timeout: 10_000 });
      await screenshot(traineePage, 'practice-live-06-trainee-history-en');

      // The trainer's 学员练习记录: the trainee's one attempt, played live; the trainer has none of their own.
      await trainerPage.getByTestId('practice-review-open').click();
      const cell = trainerPage.locator(`[data-testid="practice-review"] tr[data-agent="${CENTRE_AGENT.workNumber}"] [data-scenario="land-compensation"]`);
      await cell.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await cell.getAttribute('data-attempts')).toBe('1');
      expect(await cell.getAttribute('data-live')).toBe('1');
      expect(await cell.getAttribute('data-latest')).toBe(String(kept.score));
      expect(await trainerPage.locator(`[data-testid="practice-review"] tr[data-agent="${TRAINER.workNumber}"] [data-scenario]`).count()).toBe(0);
      expect(await trainerPage.locator(`[data-testid="practice-review"] tr[data-agent="${CENTRE_AGENT.workNumber}"] .practice-review__last`).textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      await screenshot(trainerPage, 'practice-live-07-trainer-review-zh-CN');
      await trainerPage.keyboard.press('Escape');
      await trainerPage.getByTestId('language-select').selectOption('en');
      await trainerPage.getByTestId('practice-review-open').click();
      await cell.waitFor({ state: 'visible', timeout: 10_000 });
      await screenshot(trainerPage, 'practice-live-07-trainer-review-en');
    });
  });
});

/**
 * A trainer plays the caller live (issue 14): two desks through the lab's
 * Kamailio. The trainer's desk (1004) calls the trainee's (1001) from the
 * practice launcher with X-Hotline-Practice naming a scenario; both desks
 * treat the call as practice (the call log, the work order marked practice and
 * never queued), the trainer reads the caller's script and the trainee sees
 * none of it. An ordinary call between the same desks stays an ordinary call.
 * A subscriber who is not a trainer (a citizen's phone, 2001) sending the
 * header gets it removed by the PBX: the trainee's desk takes a real call.
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

const lastCallPractice = (app: AgentApp) => app.core.db.prepare('SELECT practice FROM calls ORDER BY started_at DESC LIMIT 1').pluck().get();
const deskState = (page: Page) => page.getByTestId('desk-state').getAttribute('data-state');

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
  afterEach(async () => {
    await trainer?.close();
    await trainee?.close();
    trainer = trainee = undefined;
    for (const dir of dirs) dir.remove();
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

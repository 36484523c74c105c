/**
 * Out of the box: a fresh desk (no centre, no PBX configured) takes a practice
 * call. From the sign-in page the trainee picks a scenario; the simulated caller
 * rings in the same softphone bar, is answered, speaks its first line (shown as
 * subtitles), and the call is logged as practice; nothing is queued for the
 * work-order service.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { SipLab } from './lab/lab';
import { startAgentLab, stopAgentLab } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { makeTempDir } from '../support/temp-dir';
import { screenshot } from './workbench/screen-check';

describe('a practice call on a fresh desk', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let callerContext: BrowserContext;
  let dataDir: ReturnType<typeof makeTempDir>;
  let app: AgentApp | undefined;

  beforeAll(async () => {
    ({ lab, agentContext, callerContext } = await startAgentLab());
  });
  afterAll(() => stopAgentLab({ lab, agentContext, callerContext }));
  beforeEach(() => {
    dataDir = makeTempDir('hotline-practice-e2e-');
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    dataDir.remove();
  });

  it('rings from the sign-in page with no PBX, is answered, speaks, and is logged as practice only', async () => {
    app = await openAgentApp(agentContext, dataDir.path);
    const { page, core } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('sign-in-screen').waitFor({ state: 'visible', timeout: 10_000 });

    await page.getByTestId('practice-launch').click();
    await page.locator('[data-scenario="policy-question"]').click();
    await page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByTestId('desk-state').getAttribute('data-state')).toBe('ringing');
    await screenshot(page, 'practice-01-ringing');

    await page.getByTestId('answer-button').click();
    await expect.poll(() => page.getByTestId('desk-state').getAttribute('data-state'), { timeout: 5_000 }).toBe('talking');
    const subtitles = page.getByTestId('practice-subtitles');
    await subtitles.waitFor({ state: 'visible', timeout: 5_000 });
    // The caller's first line comes after the trainee's greeting window; its text is on screen.
    await expect.poll(async () => (await subtitles.locator('p').getAttribute('data-line-id')) ?? '', { timeout: 20_000 }).not.toBe('');
    expect((await subtitles.locator('p').textContent())?.length ?? 0).toBeGreaterThan(4);
    // A practice-only desk asks for no phone settings: nothing covers the panes.
    expect(await page.getByTestId('settings-overlay').count()).toBe(0);
    await screenshot(page, 'practice-02-talking');

    await page.getByTestId('hangup-button').click();
    await expect
      .poll(() => core.db.prepare('SELECT practice FROM calls ORDER BY started_at DESC LIMIT 1').pluck().get(), { timeout: 5_000 })
      .toBe(1);
    // No PBX was set up, and nothing went to the work-order service's queue.
    expect(await page.getByTestId('registration-status').getAttribute('data-state')).not.toBe('registered');
    expect(core.db.prepare("SELECT COUNT(*) FROM work_orders WHERE sync_state <> 'draft'").pluck().get()).toBe(0);
  });
});

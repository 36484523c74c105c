/**
 * The replay screen's centre tabs in the lab browser (issue 13), through the
 * real path: the agent's desk (signed in to the real centre service) ends a
 * recorded call, which it reports and uploads; a trainer's desk opens the
 * centre's call list (中心通话), plays the call, saves a note and a verdict on
 * the scorecard to the centre and shares the review; the agent's desk sees
 * the shared review read-only. Then the agent exports the call as a review
 * bundle (.hlreview) and a third desk profile imports it: shown read-only,
 * with the number, the household address and the name masked. Screenshots at
 * 1366x768 in zh-CN and English.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/app-core';
import type { InvokeChannel, ReplyOf, RequestOf } from '../../src/shared/ipc/contract';
import { APP_URL, openAgentApp, type AgentApp } from './app/agent-app';
import { RENDERER_DIR } from './app/agent-lab';
import { LAB_CHROMIUM_ARGS, serveDir } from './lab/browser';
import { APP_SENDER } from '../support/app-core';
import { CENTRE_AGENT, startRealCentre, type RealCentre } from '../support/real-centre';
import { chromiumChunks } from '../unit/recordings/recording-fixture';
import { completeDraft } from '../unit/work-orders/helpers';
import { brokenShortTexts, checkboxWordsOffset, inViewport, pageScrolls, screenshot } from './workbench/screen-check';

const CALL = '7a1c2a8e-0000-4000-8000-0000000000c1';
const TRAINER = { workNumber: '0701', name: '赵敏', password: 'trainer-0701-pw' } as const;
const STARTED = Date.now() - 3_600_000;
const NOTE = '联系人：陈晓东，家住汉渝路21号3栋1单元602室，坐席没有复述';

async function invoke<C extends InvokeChannel>(core: AppCore, channel: C, request: RequestOf<C>): Promise<ReplyOf<C>> {
  const envelope = await core.router.handle(APP_SENDER, channel, request);
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`);
  return envelope.value as ReplyOf<C>;
}

/** A 6 s recorded call on the agent's desk, with a work order and a note that carry personal data. */
async function recordCall(core: AppCore): Promise<void> {
  const base = { id: CALL, direction: 'inbound', remoteNumber: '13983456789', remoteName: '', startedAt: STARTED, practice: false } as const;
  await invoke(core, 'calls:event', { type: 'ringing', ...base });
  const { workOrder } = await invoke(core, 'calls:event', { type: 'answered', ...base, answeredAt: STARTED + 2000 });
  const fields = { ...completeDraft(1), callerName: '陈晓东', address: '沙坪坝区汉渝路21号3栋1单元602室', description: '我叫陈晓东，楼下烧烤店每晚吵到两点。' };
  await invoke(core, 'workOrders:save', { id: workOrder!.id, fields });
  await invoke(core, 'guidance:appendTimeline', {
    callId: CALL,
    entries: [
      { seq: 0, kind: 'step-ticked', subject: 'greeting', startMs: 1_000, endMs: null, payload: { by: 'agent' } },
      { seq: 1, kind: 'work-order-edited', subject: '', startMs: 2_000, endMs: null, payload: { fields: { callerName: '陈晓东', address: fields.address } } },
    ],
  });
  const recordingId = (await core.recordings.start({ callId: CALL, practice: false, startedAt: STARTED + 2000 }))!;
  for (const [seq, chunk] of chromiumChunks().entries()) await core.recordings.appendChunk(recordingId, seq, chunk);
  const wave = Uint8Array.from({ length: 120 }, (_, i) => (i * 7) % 200);
  await core.recordings.finish(recordingId, STARTED + 8000, { perSecond: 20, caller: wave, agent: wave.slice().reverse() });
  await invoke(core, 'calls:event', { type: 'ended', id: CALL, endedAt: STARTED + 8000, outcome: 'answered', endedBy: 'remote' });
  await invoke(core, 'replay:annotate', { callId: CALL, startMs: 3000, tag: 'missed-restatement', text: NOTE });
}

async function language(app: AgentApp, lang: 'zh-CN' | 'en'): Promise<void> {
  await invoke(app.core, 'settings:setLanguage', { language: lang });
}

/** Nothing of the screen is off its edges and the page itself does not scroll. */
async function fits(page: Page, testIds: string[]): Promise<void> {
  expect(await pageScrolls(page)).toBe(false);
  // The list column never scrolls sideways (a column pushed out of it, the score say).
  expect(await page.locator('.replay-list').first().evaluate((list) => list.scrollWidth - list.clientWidth)).toBeLessThanOrEqual(1);
  for (const id of testIds) {
    const { inside, box } = await inViewport(page.getByTestId(id).first());
    expect(inside, `${id} at ${JSON.stringify(box)}`).toBe(true);
  }
}

describe('the replay screen\'s centre tabs and review bundles in the lab browser', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const apps: AgentApp[] = [];
  let centre: RealCentre;
  let agent: AgentApp;
  let trainer: AgentApp;

  async function desk(): Promise<AgentApp> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    contexts.push(context);
    await serveDir(context, 'http://localhost/app/', RENDERER_DIR);
    const app = await openAgentApp(context, mkdtempSync(join(tmpdir(), 'replay-centre-desk-')));
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    // No phone in this test: the SIP servers the centre hands out are never reached.
    centre = await startRealCentre({ uri: 'sip:0307@lab.invalid', authUser: '0307', password: 'sip-pw', servers: ['wss://127.0.0.1:9/ws'] });
    await centre.admin(['create-person', '--work-number', TRAINER.workNumber, '--name', TRAINER.name, '--team', 'team-a', '--roles', 'trainer', '--password-stdin'], `${TRAINER.password}\n`);
    // A desk signs in only with a phone account (the trainer's desk is a desk like any other).
    await centre.admin(['set-sip', '--work-number', TRAINER.workNumber, '--uri', 'sip:0701@lab.invalid', '--auth-user', '0701', '--sip-password-stdin'], 'sip-pw-0701\n');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...LAB_CHROMIUM_ARGS] });
    agent = await desk();
    trainer = await desk();
    for (const [app, who] of [[agent, CENTRE_AGENT], [trainer, TRAINER]] as const) {
      const signedIn = await invoke(app.core, 'centre:signIn', { centreUrl: centre.url, workNumber: who.workNumber, password: who.password });
      expect(signedIn, who.workNumber).toMatchObject({ outcome: 'signed-in' });
    }
    await recordCall(agent.core);
  });
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await centre?.close();
  });

  it('a trainer finds the call in the centre list, plays it, saves a note and a verdict at the centre and shares the review', async () => {
    // The agent's desk reported the call and uploaded its recording (each once, as they go): listed, then playable.
    let recordingId: string | null = null;
    await expect
      .poll(async () => {
        const reply = await invoke(trainer.core, 'replay:centreCalls', { limit: 25, prompts: [] });
        recordingId = reply.state === 'ok' ? (reply.page.calls.find((call) => call.callId === CALL)?.recordingId ?? null) : null;
        return recordingId;
      }, { timeout: 20_000, interval: 250 })
      .not.toBeNull();
    await expect
      .poll(async () => {
        const reply = await invoke(trainer.core, 'replay:centreAudio', { recordingId: recordingId! });
        return reply.state;
      }, { timeout: 20_000, interval: 250 })
      .toBe('ok');

    const page = trainer.page;
    await page.goto(`${APP_URL}#/replay`);
    await page.getByTestId('replay-source-centre').click();
    await page.getByTestId('centre-search').click();
    const row = page.locator(`[data-testid="centre-calls"] tr[data-call-id="${CALL}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('139****6789');
    await row.click();
    await page.locator('[data-testid="centre-player"] audio').waitFor({ timeout: 10_000 });

    await page.getByTestId('centre-annotation-text').locator('input').fill('开头问候规范，承诺具体');
    await page.getByTestId('centre-annotate').click();
    await expect.poll(() => page.locator('[data-testid="centre-annotations"] li').count(), { timeout: 5_000 }).toBe(1);

    // A verdict on the first item of the card (the centre keeps no timeline: every item waits for the trainer).
    const card = page.getByTestId('centre-review').getByTestId('scorecard');
    const item = card.locator('[data-item]').first();
    const itemId = (await item.getAttribute('data-item'))!;
    expect(await item.getAttribute('data-verdict')).toBe('trainer');
    await page.getByTestId(`override-comment-${itemId}`).locator('input').fill('问候语缺少工号');
    await page.getByTestId(`override-fail-${itemId}`).click();
    await expect.poll(() => card.locator(`[data-item="${itemId}"]`).first().getAttribute('data-verdict'), { timeout: 5_000 }).toBe('fail');

    await page.getByTestId('centre-share').click();
    await page.getByTestId('centre-shared-at').waitFor({ timeout: 5_000 });
    const stored = await invoke(trainer.core, 'review:centreReview', { callId: CALL });
    expect(stored.state).toBe('ok');
    if (stored.state !== 'ok') return;
    expect(stored.review.annotations.map((a) => a.text)).toEqual(['开头问候规范，承诺具体']);
    expect(stored.review.scorecard?.items.find((i) => i.id === itemId)).toMatchObject({ verdict: 'fail', override: { comment: '问候语缺少工号', by: TRAINER.workNumber } });
    expect(stored.review.sharedAt).not.toBeNull();

    await fits(page, ['centre-share', 'centre-search', 'replay-source-template']);
    expect(await checkboxWordsOffset(page.getByTestId('centre-filter-repeat'))).toBeLessThan(4);
    await screenshot(page, 'replay-centre-trainer-zh-CN');
    await language(trainer, 'en');
    await page.reload();
    await page.getByTestId('replay-source-centre').click();
    await page.getByTestId('centre-search').click();
    await row.click();
    await page.getByTestId('centre-shared-at').waitFor({ timeout: 5_000 });
    await fits(page, ['centre-share', 'centre-search', 'replay-source-template']);
    // The narrow list may put a call's day and time on two lines, never break a date or a number.
    expect(await brokenShortTexts(page.getByTestId('centre-calls').locator('table'))).toEqual([]);
    await screenshot(page, 'replay-centre-trainer-en');
  });

  it('the agent\'s desk lists the shared review and shows it read-only', async () => {
    const page = agent.page;
    await page.goto(`${APP_URL}#/replay`);
    await page.getByTestId('replay-source-centre').click();
    await page.getByTestId('shared-with-me').click();
    const shared = page.locator(`[data-testid="centre-shared"] button[data-call-id="${CALL}"]`);
    await shared.waitFor({ timeout: 10_000 });
    await shared.click();
    await expect.poll(() => page.locator('[data-testid="centre-annotations"] li').allTextContents(), { timeout: 5_000 }).toEqual([expect.stringContaining('开头问候规范，承诺具体')]);
    const card = page.getByTestId('centre-review').getByTestId('scorecard');
    await expect.poll(() => card.locator('[data-verdict="fail"]').count(), { timeout: 5_000 }).toBe(1);
    // Read only: no note form, no verdict buttons, no sharing.
    expect(await page.getByTestId('centre-annotate').count()).toBe(0);
    expect(await page.locator('[data-testid^="override-"]').count()).toBe(0);
    expect(await page.getByTestId('centre-share').count()).toBe(0);
    await screenshot(page, 'replay-centre-agent-zh-CN');
  });

  it('exports the call as a masked bundle that another desk profile imports and shows read-only', async () => {
    const page = agent.page;
    await page.goto(`${APP_URL}#/replay`);
    // The same page as the test before (a hash change does not reload it): back to this desk's calls.
    await page.getByTestId('replay-source-desk').click();
    await page.locator(`[data-testid="replay-calls"] tr[data-call-id="${CALL}"]`).click();
    await page.getByTestId('replay-player').waitFor({ timeout: 10_000 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.getByTestId('bundle-export').click()]);
    const file = join(mkdtempSync(join(tmpdir(), 'replay-bundle-')), download.suggestedFilename());
    await download.saveAs(file);
    expect(file.endsWith('.hlreview')).toBe(true);
    const text = readFileSync(file, 'utf8');
    for (const secret of ['13983456789', '陈晓东', '21号', '602室']) expect(text).not.toContain(secret);
    for (const kept of ['139****6789', '陈某', '汉渝路**号**栋**单元**室', '沙坪坝区']) expect(text).toContain(kept);

    const other = await desk();
    const view = other.page;
    await view.goto(`${APP_URL}#/replay`);
    await view.getByTestId('replay-source-imported').click();
    await view.getByTestId('bundle-import').setInputFiles(file);
    const opened = view.getByTestId('imported-review-view');
    await opened.waitFor({ timeout: 10_000 });
    expect(await opened.getAttribute('data-call-id')).toBe(CALL);
    expect(await view.getByTestId('imported-reviews').textContent()).toContain('139****6789');
    const shown = (await opened.textContent()) ?? '';
    expect(shown).toContain('联系人：陈某，家住汉渝路**号**栋**单元**室');
    expect(shown).not.toContain('陈晓东');
    // Read only: nothing to annotate, score or export there.
    for (const id of ['annotate-moment', 'annotation-text', 'replay-score', 'bundle-export']) expect(await view.getByTestId(id).count(), id).toBe(0);
    await view.getByTestId('replay-wave').waitFor();
    await fits(view, ['imported-reviews', 'replay-player', 'replay-source-template']);
    await screenshot(view, 'replay-imported-zh-CN');
    await language(other, 'en');
    await view.reload();
    await view.getByTestId('replay-source-imported').click();
    await view.locator('[data-testid="imported-reviews"] button[data-bundle-id]').first().click();
    await opened.waitFor({ timeout: 10_000 });
    await fits(view, ['imported-reviews', 'replay-player', 'replay-source-template']);
    await screenshot(view, 'replay-imported-en');
  });
});

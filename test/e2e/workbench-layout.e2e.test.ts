/**
 * The workbench at the agent PC's sizes (1366x768 and 1920x1080), in zh-CN and
 * English, through a real call in the lab (Kamailio, sip.js caller phones):
 * in every phase — ringing (over the open settings), talking, on hold,
 * consulting, after-call work, not ready — the softphone bar with the caller,
 * the timer and the phase's main buttons is inside the viewport, the state it
 * shows is the desk's real state, the newest prompt is in view, and the page
 * itself never scrolls. Screenshots of each screen go to test-results/screens.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { SipLab } from './lab/lab';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { startAgentLab, stopAgentLab } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { registerAgent } from './caller/lab-agent';
import { AGENT_CITY } from './app/agent-settings';
import { makeTempDir } from '../support/temp-dir';
import { openTestCore } from '../support/app-core';
import { seedDeskHistory } from '../support/desk-history';
import { boldChineseText, brokenShortTexts, offFontText, inViewport, isTopmost, pageScrolls, screenshot, shortcutHintOffCentre, showingThrough } from './workbench/screen-check';

const SIZES = [
  { width: 1366, height: 768, name: '1366x768' },
  { width: 1920, height: 1080, name: '1920x1080' },
  // A 1366x768 screen with Windows' display scaling at 125%: the page has 1093x614 CSS pixels.
  { width: 1093, height: 614, name: '1366x768@125%' },
] as const;
const LANGUAGES = ['zh-CN', 'en'] as const;

describe('the workbench keeps what matters on screen', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let callerContext: BrowserContext;
  let dataDir: ReturnType<typeof makeTempDir>;
  let app: AgentApp | undefined;
  const phones: CallerPhone[] = [];

  const phone = async (user: string, autoAnswer = false): Promise<CallerPhone> => {
    const p = await openCallerPhone(callerContext);
    phones.push(p);
    await p.register({ wsUrl: lab.wsUrl, ...lab.account(user), displayName: `Phone ${user}`, autoAnswer });
    return p;
  };

  beforeAll(async () => {
    ({ lab, agentContext, callerContext } = await startAgentLab());
  });
  afterAll(() => stopAgentLab({ lab, agentContext, callerContext }));
  beforeEach(() => {
    dataDir = makeTempDir('hotline-layout-e2e-');
  });
  afterEach(async () => {
    for (const p of phones.splice(0)) await p.close();
    await app?.close();
    app = undefined;
    dataDir.remove();
  });

  const deskState = (page: Page) => page.getByTestId('desk-state').getAttribute('data-state');

  /** Each locator is wholly inside the viewport, and the page has no scroll of its own. */
  async function expectOnScreen(page: Page, phase: string, testIds: string[]): Promise<void> {
    for (const id of testIds) {
      const { inside, box } = await inViewport(page.getByTestId(id).first());
      expect({ phase, id, inside, box }).toMatchObject({ phase, id, inside: true });
    }
    expect({ phase, pageScrolls: await pageScrolls(page) }).toEqual({ phase, pageScrolls: false });
  }

  /** The most lines any work-order summary in the list is drawn on. */
  const summaryLines = (page: Page) =>
    page.locator('.wo-list__summary-text').evaluateAll((spans) =>
      Math.max(0, ...spans.map((span) => Math.round(span.getBoundingClientRect().height / parseFloat(getComputedStyle(span).lineHeight)))),
    );

  for (const size of SIZES) {
    for (const language of LANGUAGES) {
      const tag = `${size.name}-${language}`;
      const byKeyboard = language === 'en';

      it(`${tag}: every phase of a call on screen, the bar telling the truth`, async () => {
        // A desk in use: its last calls and work orders (names, addresses, long summaries) on the first screen.
        const history = openTestCore(dataDir.path);
        seedDeskHistory(history.db, { calls: 60, timelineEvents: 0 }, Date.now());
        await history.close();
        app = await openAgentApp(agentContext, dataDir.path);
        const { page } = app;
        await page.setViewportSize({ width: size.width, height: size.height });
        // A fresh desk opens on the centre sign-in, in the language chosen there.
        await page.getByTestId('sign-in-screen').waitFor({ state: 'visible', timeout: 10_000 });
        // index.html's hidden font warm-up line is gone once React has rendered into #root.
        expect(await page.locator('.boot-font-warm').count()).toBe(0);
        // The first chunk is a classic deferred script (Chromium reads V8's code cache back for those only), and the lazy
        // sign-in screen on show read what it shares with it from the one frozen global (scripts/classic-entry.mts).
        const firstChunk = await page.evaluate(() => {
          const script = [...document.scripts].find((s) => /\/assets\/index-[^/]+\.js$/.test(s.src));
          return { type: script?.type, defer: script?.defer, shared: Object.isFrozen((globalThis as Record<string, unknown>)['__deskShared']) };
        });
        expect(firstChunk).toEqual({ type: '', defer: true, shared: true });
        if (language === 'en') await page.getByTestId('language-select').selectOption('en');
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
        await expectOnScreen(page, 'sign-in', ['sign-in-submit', 'sign-in-manual-setup']);
        await screenshot(page, `${tag}-00-sign-in`);
        await registerAgent(page, lab, '1001');
        if (language === 'en') await page.getByTestId('language-select').selectOption('en');
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
        await expect.poll(() => deskState(page), { timeout: 5_000 }).toBe('ready');
        await screenshot(page, `${tag}-01-idle`);
        expect(await boldChineseText(page)).toEqual([]);
        expect(await offFontText(page)).toEqual([]);
        // The call log and work-order list of a desk in use: no head, time, number or state broken over lines, summaries two
        // lines at most.
        expect(await page.getByTestId('work-order-row').count()).toBeGreaterThan(0);
        expect(await brokenShortTexts(page.getByTestId('work-order-list'))).toEqual([]);
        expect(await brokenShortTexts(page.getByTestId('call-log'))).toEqual([]);
        expect(await summaryLines(page)).toBeLessThanOrEqual(2);
        for (const list of ['work-order-list', 'call-log']) {
          const overflow = await page.getByTestId(list).evaluate((element) => element.scrollWidth - element.clientWidth);
          expect({ list, overflow }).toEqual({ list, overflow: 0 });
        }
        // Fifty orders and fifty calls, of which the first twelve of each are drawn at start (a 768 px screen shows fewer);
        // the rest come when the end of those is scrolled to.
        for (const [list, row] of [['work-order-list', 'work-order-row'], ['call-log', 'call-log-row']] as const) {
          if (size.height <= 768) expect({ list, rows: await page.getByTestId(row).count() }).toEqual({ list, rows: 12 });
          const marker = page.getByTestId(list).locator('.list-sentinel');
          if ((await marker.count()) > 0) await marker.evaluate((element) => element.scrollIntoView({ block: 'end' }));
          await expect.poll(() => page.getByTestId(row).count(), { timeout: 3_000 }).toBe(50);
          await page.getByTestId(row).first().scrollIntoViewIfNeeded();
        }
        // The default break reasons in the desk's language (stored as their zh-CN values).
        const breakMenu = await page.getByTestId('agent-break').locator('option').allTextContents();
        expect(breakMenu.slice(1)).toEqual(language === 'en' ? ['Meal', 'Rest', 'Training', 'Meeting', 'Recovery'] : ['用餐', '休息', '培训', '会议', '情绪恢复']);
        const caller = await phone('2001');
        const colleague = await phone('2003', true);

        // Ringing while the settings (or the desk settings) are open: the Answer button is on top, reachable by mouse and keys.
        const panel = language === 'zh-CN' ? 'settings-overlay' : 'desk-settings';
        await page.getByTestId(language === 'zh-CN' ? 'open-settings' : 'desk-settings-open').click();
        await page.getByTestId(panel).waitFor({ state: 'visible', timeout: 5_000 });
        await screenshot(page, `${tag}-01b-${panel}`);
        if (panel === 'settings-overlay') {
          // The account settings say how English greetings name the city (main's pinyin, the field left blank).
          await page.getByTestId('settings-city-en').scrollIntoViewIfNeeded();
          expect(await page.getByTestId('settings-city-en').inputValue()).toBe('');
          expect(await page.getByTestId('settings-city-in-english').textContent()).toBe('当前英文问候语中的城市：Chongqing');
          await screenshot(page, `${tag}-01c-settings-city`);
        }
        await caller.call(`sip:1001@${lab.domain}`);
        await page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
        expect(await deskState(page)).toBe('ringing');
        await expectOnScreen(page, 'ringing', ['incoming-number', 'answer-button', 'decline-button', 'desk-state']);
        expect(await isTopmost(page.getByTestId('answer-button'))).toBe(true);
        // The key to press sits in the middle of the button, not on its top edge.
        expect(await shortcutHintOffCentre(page.getByTestId('answer-button'))).toBeLessThanOrEqual(2);
        await screenshot(page, `${tag}-02-ringing-over-settings`);
        if (byKeyboard) await page.keyboard.press('Control+Alt+KeyA');
        else await page.getByTestId('answer-button').click();
        await caller.waitForState('Established', 15_000);
        await page.keyboard.press('Escape');
        await page.getByTestId(panel).waitFor({ state: 'detached', timeout: 5_000 });

        // Talking: a prompt raised by the agent (Alt+1) appears in view; the work order scrolled to its end moves nothing else.
        await expect.poll(() => deskState(page), { timeout: 5_000 }).toBe('talking');
        // The greeting names the city as its language does: 重庆 in Chinese, Chongqing (main's pinyin) in English.
        const greeting = (await page.getByTestId('script-phrase-greeting-standard').textContent()) ?? '';
        if (language === 'en') expect(greeting).toMatch(/^Hello, Chongqing 12345 hotline/);
        else expect(greeting).toContain(`${AGENT_CITY}12345`);
        await page.keyboard.press('Alt+Digit1');
        await page.getByTestId('prompt-card').first().waitFor({ state: 'visible', timeout: 5_000 });
        await expect.poll(async () => (await inViewport(page.getByTestId('prompt-card').first())).inside, { timeout: 3_000 }).toBe(true);
        await page.getByTestId('pane-work-order').evaluate((pane) => pane.scrollTo(0, pane.scrollHeight));
        await expectOnScreen(page, 'talking', ['active-call', 'call-timer', 'hangup-button', 'hold-button', 'mute-button', 'desk-state']);
        expect(await shortcutHintOffCentre(page.getByTestId('hangup-button'))).toBeLessThanOrEqual(2);
        await screenshot(page, `${tag}-03-talking`);
        // The work order's tabs stay on top of the form scrolled under them.
        expect(await showingThrough(page.getByTestId('pane-work-order'), '.wo-pane__top')).toEqual([]);
        // Dark, as the OS says: the design system's theme follows prefers-color-scheme.
        await page.emulateMedia({ colorScheme: 'dark' });
        await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('theme-mode'))).toBe('dark');
        await screenshot(page, `${tag}-03-talking-dark`);
        await page.emulateMedia({ colorScheme: 'light' });
        await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('theme-mode'))).toBe('light');
        // The phrase library (Ctrl+K) opens in the guidance pane and closes with Escape.
        await page.keyboard.press('Control+KeyK');
        await page.getByTestId('phrase-library').waitFor({ state: 'visible', timeout: 5_000 });
        await expectOnScreen(page, 'phrase library', ['phrase-search', 'hangup-button']);
        expect(await isTopmost(page.getByTestId('phrase-search'))).toBe(true);
        await screenshot(page, `${tag}-03a-phrase-library`);
        await page.keyboard.press('Escape');
        await page.getByTestId('phrase-library').waitFor({ state: 'hidden', timeout: 5_000 });

        // An emergency (Alt+3) takes the strip under the bar, in view, and closes only with what was done.
        await page.keyboard.press('Alt+Digit3');
        const emergency = page.locator('[data-testid="prompt-card"][data-kind="emergency"]');
        await emergency.waitFor({ state: 'visible', timeout: 5_000 });
        await expectOnScreen(page, 'emergency', ['emergency-reported', 'emergency-not-emergency', 'hangup-button']);
        expect((await inViewport(emergency)).inside).toBe(true);
        await screenshot(page, `${tag}-03b-emergency`);
        await page.getByTestId('emergency-not-emergency').click();
        await emergency.waitFor({ state: 'detached', timeout: 5_000 });

        // On hold: the bar says 保持 with the hold timer; Resume is in reach.
        await page.getByTestId('hold-button').click();
        await expect.poll(() => deskState(page), { timeout: 10_000 }).toBe('held');
        await expectOnScreen(page, 'held', ['hold-timer', 'hold-button', 'hangup-button', 'call-timer']);
        await screenshot(page, `${tag}-04-held`);
        await page.getByTestId('hold-button').click();
        await expect.poll(() => deskState(page), { timeout: 10_000 }).toBe('talking');

        // Consulting a colleague before a transfer.
        await page.getByTestId('transfer-toggle').click();
        await page.getByTestId('transfer-target').fill('2003');
        await page.getByTestId('transfer-consult').click();
        await colleague.waitForState('Established', 15_000);
        await expect.poll(() => deskState(page), { timeout: 10_000 }).toBe('consulting');
        await expectOnScreen(page, 'consulting', ['consult-controls', 'transfer-complete', 'transfer-cancel', 'hangup-button']);
        await screenshot(page, `${tag}-05-consulting`);
        // The caller on hold is one line under the bar (its buttons included), not a block that takes the panes' height.
        const held = await page.getByTestId('held-call').boundingBox();
        expect(held?.height ?? Infinity).toBeLessThan(60);
        await page.getByTestId('transfer-cancel').click();
        await expect.poll(() => deskState(page), { timeout: 10_000 }).toBe('talking');
        await page.getByTestId('hangup-button').waitFor({ state: 'visible', timeout: 5_000 });

        // The caller hangs up: after-call work, with its countdown and Done in the bar.
        if (byKeyboard) await page.keyboard.press('Control+Alt+KeyH');
        else await page.getByTestId('hangup-button').click();
        await expect.poll(() => deskState(page), { timeout: 10_000 }).toBe('after-call');
        await expectOnScreen(page, 'after-call', ['desk-state', 'after-call-countdown', 'after-call-finish', 'after-call-extend']);
        // Done stands for Ready while wrapping up (the same action); at 1366 px and wider the bar keeps one row, so the
        // panes under it do not move down at the end of every call.
        expect(await page.getByTestId('agent-ready').count()).toBe(0);
        if (size.width >= 1366) expect(await page.getByTestId('softphone-bar-row').getAttribute('data-fit')).not.toBe('wrap');
        await screenshot(page, `${tag}-06-after-call`);
        // The recent calls beside the guidance: no column head or time broken over lines, Call back on one line.
        expect(await page.getByTestId('call-log-row').count()).toBeGreaterThan(0);
        expect(await brokenShortTexts(page.getByTestId('call-log'))).toEqual([]);
        await page.getByTestId('call-log').scrollIntoViewIfNeeded();
        await screenshot(page, `${tag}-06b-recent-calls`);

        // Not ready: the next caller hears busy (486) and the bar says 示忙, not ready or ringing.
        await page.getByTestId('agent-not-ready').click();
        await expect.poll(() => deskState(page), { timeout: 5_000 }).toBe('not-ready');
        await caller.call(`sip:1001@${lab.domain}`);
        await expect(caller.waitForState('Established', 15_000)).rejects.toThrow(/486/);
        expect(await deskState(page)).toBe('not-ready');
        expect(await page.getByTestId('incoming-call').count()).toBe(0);
        await screenshot(page, `${tag}-07-not-ready`);
      });
    }
  }
});

/**
 * The incoming-call notification end to end: the built renderer (1004) against
 * the lab Kamailio, a sip.js caller (2003). While another page of the agent's
 * browser is in front, a ringing call shows one real web Notification (headless
 * Chromium's own, recorded by the notification probe); clicking it asks main to
 * focus the window (AgentDeskHooks.focusWindow over IPC) and closes it, and the
 * call can still be answered. With the desk in front there is no notification;
 * a call the caller cancels closes its notification by itself.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { SipLab } from './lab/lab';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { registerAgent } from './caller/lab-agent';
import { startAgentLab, stopAgentLab } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { clickNotification, followRealFocus, hasFocus, probeNotifications, shownNotifications } from './app/notification-probe';
import { makeTempDir } from '../support/temp-dir';

const CALLER = '2003';
const CALLER_NAME = 'Citizen Zhao';
// alerts.incomingTitle / incomingBody in zh-CN, the app's default language.
const TITLE = `来电：${CALLER}`;
const BODY = `${CALLER_NAME}  点击切换到热线工作台`;

/**
 * Resolves once a paint and a background-priority task have passed in the page:
 * the steps the coordinator's afterPaint waits before it decides on a
 * notification for a call that has started ringing (FIFO, so it has run by then).
 */
function afterAppPaint(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => {
          const scheduler = (globalThis as { scheduler?: { postTask(cb: () => void, o: { priority: string }): Promise<void> } }).scheduler;
          if (scheduler) void scheduler.postTask(resolve, { priority: 'background' });
          else setTimeout(resolve, 0);
        }),
      ),
  );
}

describe('incoming-call notification against the lab', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let callerContext: BrowserContext;
  let dataDir: ReturnType<typeof makeTempDir>;
  let app: AgentApp | undefined;
  let caller: CallerPhone | undefined;
  let otherPage: Page | undefined;
  /** Calls of main's focusWindow hook (the Electron entry raises the BrowserWindow there). */
  let focusWindowCalls: number;

  beforeAll(async () => {
    ({ lab, agentContext, callerContext } = await startAgentLab());
    await probeNotifications(agentContext);
  });

  afterAll(() => stopAgentLab({ lab, agentContext, callerContext }));

  beforeEach(() => {
    dataDir = makeTempDir('hotline-notification-');
    focusWindowCalls = 0;
  });

  afterEach(async () => {
    await caller?.close();
    caller = undefined;
    await otherPage?.close();
    otherPage = undefined;
    await app?.close();
    app = undefined;
    dataDir.remove();
  });

  /** The desk registered and Ready, its hasFocus() following the real focus; main's focusWindow raises its page, as Electron raises the window. */
  async function openDesk(): Promise<Page> {
    app = await openAgentApp(agentContext, dataDir.path, {
      agentDesk: {
        applyShortcuts: () => [],
        focusWindow: () => {
          focusWindowCalls++;
          void app?.page.bringToFront().catch(() => undefined);
        },
      },
    });
    const { page } = app;
    await followRealFocus(page);
    await registerAgent(page, lab, '1004');
    await expect.poll(() => page.getByTestId('agent-state').getAttribute('data-status'), { timeout: 5_000 }).toBe('ready');
    expect(await page.evaluate(() => Notification.permission)).toBe('granted');
    return page;
  }

  /** Another page of the agent's browser comes to the front: the desk loses focus. */
  async function putDeskBehind(page: Page): Promise<void> {
    otherPage = await agentContext.newPage();
    await otherPage.bringToFront();
    await expect.poll(() => hasFocus(page), { timeout: 5_000 }).toBe(false);
  }

  async function callDesk(): Promise<CallerPhone> {
    caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account(CALLER), displayName: CALLER_NAME });
    await caller.call(`sip:1004@${lab.domain}`);
    return caller;
  }

  it('notifies a call ringing behind another window; the click asks main to focus the desk, closes it, and the call is answered', async () => {
    const page = await openDesk();
    await putDeskBehind(page);

    const phone = await callDesk();
    await page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => shownNotifications(page), { timeout: 5_000 }).toHaveLength(1);
    const [notification] = await shownNotifications(page);
    expect(notification).toMatchObject({ title: TITLE, body: BODY, closed: false });
    expect(notification!.tag).not.toBe('');
    await expect.poll(async () => (await shownNotifications(page))[0]?.shown, { timeout: 5_000 }).toBe(true);
    expect(focusWindowCalls).toBe(0);

    await clickNotification(page, 0);
    await expect.poll(() => focusWindowCalls, { timeout: 5_000 }).toBe(1);
    await expect.poll(async () => (await shownNotifications(page))[0]?.closed, { timeout: 5_000 }).toBe(true);
    await expect.poll(() => hasFocus(page), { timeout: 5_000 }).toBe(true);

    // Still ringing, and answered from the desk.
    expect(await page.getByTestId('incoming-call').isVisible()).toBe(true);
    await page.getByTestId('answer-button').click({ timeout: 5_000 });
    await phone.waitForState('Established', 15_000);
    expect(await shownNotifications(page)).toHaveLength(1);
    expect(focusWindowCalls).toBe(1);
  });

  it('shows no notification while the desk is in front', async () => {
    const page = await openDesk();
    await page.bringToFront();
    await expect.poll(() => hasFocus(page), { timeout: 5_000 }).toBe(true);

    const phone = await callDesk();
    await page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
    await afterAppPaint(page);
    expect(await shownNotifications(page)).toEqual([]);

    await page.getByTestId('answer-button').click({ timeout: 5_000 });
    await phone.waitForState('Established', 15_000);
    expect(await shownNotifications(page)).toEqual([]);
    expect(focusWindowCalls).toBe(0);
  });

  it('closes the notification by itself when the caller gives up before an answer', async () => {
    const page = await openDesk();
    await putDeskBehind(page);

    const phone = await callDesk();
    await expect.poll(() => shownNotifications(page), { timeout: 15_000 }).toHaveLength(1);
    expect((await shownNotifications(page))[0]).toMatchObject({ title: TITLE, closed: false });

    await phone.hangup(); // CANCEL while it rings
    await page.getByTestId('incoming-call').waitFor({ state: 'hidden', timeout: 15_000 });
    await expect.poll(async () => (await shownNotifications(page))[0]?.closed, { timeout: 5_000 }).toBe(true);
    expect(await shownNotifications(page)).toHaveLength(1);
    expect(focusWindowCalls).toBe(0);
    expect(await hasFocus(page)).toBe(false);
  });
});

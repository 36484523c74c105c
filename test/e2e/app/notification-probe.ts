import type { BrowserContext, Page } from 'playwright-core';

/** A web Notification the page created, as the probe saw it. */
export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  /** Chromium fired 'show' (the notification reached the platform). */
  shown: boolean;
  /** Chromium fired 'close' (closed by the page, or by the platform). */
  closed: boolean;
}

interface ProbeWindow {
  __notifications: ShownNotification[];
  __notificationInstances: Notification[];
}

/**
 * Test-only instrumentation: lets the pages of `context` show notifications and
 * remembers every Notification they create (the real one: the constructor is
 * Chromium's, only wrapped), so the test can read them and click one.
 *
 * The grant is context-wide on purpose: a grant for one origin replaces, for
 * that origin, the context-wide ones the lab browser launches with
 * (microphone, local-network-access), and without local-network-access the
 * app's WebSocket to Kamailio is blocked. Headless Chromium's default is 'denied'.
 */
export async function probeNotifications(context: BrowserContext): Promise<void> {
  await context.grantPermissions(['notifications']);
  await context.addInitScript(() => {
    const Original = window.Notification;
    const probe = window as unknown as ProbeWindow;
    probe.__notifications = [];
    probe.__notificationInstances = [];
    window.Notification = class extends Original {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        const record: ShownNotification = { title: this.title, body: this.body, tag: this.tag, shown: false, closed: false };
        this.addEventListener('show', () => (record.shown = true));
        this.addEventListener('close', () => (record.closed = true));
        probe.__notifications.push(record);
        probe.__notificationInstances.push(this);
      }
    } as typeof Notification;
  });
}

/** The notifications the page has created so far, oldest first. */
export function shownNotifications(page: Page): Promise<ShownNotification[]> {
  return page.evaluate(() => (window as unknown as ProbeWindow).__notifications);
}

/**
 * Clicks notification `index` as far as the page can tell: a 'click' event on
 * it, so the app's own onclick runs. (Headless Chromium has no notification UI
 * to click; unlike a real click this one carries no user activation, so the
 * page's own window.focus() cannot raise its window.)
 */
export async function clickNotification(page: Page, index: number): Promise<void> {
  await page.evaluate((i) => {
    const notification = (window as unknown as ProbeWindow).__notificationInstances[i];
    if (!notification) throw new Error(`No notification #${i}`);
    notification.dispatchEvent(new Event('click'));
  }, index);
}

/**
 * Makes document.hasFocus() in `page` follow which page of the browser is in
 * front. Playwright emulates focus for every page (hasFocus() is always true
 * there, even behind another page); without that emulation headless Chromium
 * gives focus to the page brought to the front (page.bringToFront()).
 */
export async function followRealFocus(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send('Emulation.setFocusEmulationEnabled', { enabled: false });
}

export function hasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => document.hasFocus());
}

/**
 * Node-side handle on a caller phone page:
 *
 *   const context = await launchLabBrowser(lab);
 *   const caller = await openCallerPhone(context);
 *   await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001') });
 *   await caller.call('sip:1001@hotline.test');
 *   await caller.waitForState('Established', 10_000);
 */
import type { BrowserContext, Page } from 'playwright-core';
import { serveFiles } from '../lab/browser';
import { buildCallerBundle, callerHtml } from './build';
import type {
  CallerAnswerOptions,
  CallerCallOptions,
  CallerCallState,
  CallerRegisterOptions,
  InboundAudioStats,
  IncomingCallInfo,
  OutboundAudioStats,
} from './api';

export type * from './api';

export const CALLER_PAGE_URL = 'http://localhost/caller/caller.html';

const served = new WeakSet<BrowserContext>();

/** Intercepts http://localhost/caller/{caller.html,caller-phone.js} in this context (idempotent). */
export async function serveCallerPhone(context: BrowserContext): Promise<void> {
  if (served.has(context)) return;
  served.add(context);
  const [html, js] = await Promise.all([callerHtml(), buildCallerBundle()]);
  await serveFiles(context, {
    '/caller/caller.html': { body: html },
    '/caller/caller-phone.js': { body: js },
  });
}

export class CallerPhone {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  register(options: CallerRegisterOptions): Promise<'registered'> {
    return this.page.evaluate((o) => window.callerPhone!.register(o), options);
  }

  unregister(timeoutMs?: number): Promise<void> {
    return this.page.evaluate((t) => window.callerPhone!.unregister(t), timeoutMs);
  }

  call(targetUri: string, options?: CallerCallOptions): Promise<void> {
    return this.page.evaluate(([u, o]) => window.callerPhone!.call(u, o), [targetUri, options] as const);
  }

  answerNext(options?: CallerAnswerOptions): Promise<void> {
    return this.page.evaluate((o) => window.callerPhone!.answerNext(o), options);
  }

  answer(options?: CallerAnswerOptions): Promise<void> {
    return this.page.evaluate((o) => window.callerPhone!.answer(o), options);
  }

  reject(statusCode?: number): Promise<void> {
    return this.page.evaluate((c) => window.callerPhone!.reject(c), statusCode);
  }

  hangup(): Promise<void> {
    return this.page.evaluate(() => window.callerPhone!.hangup());
  }

  state(): Promise<CallerCallState> {
    return this.page.evaluate(() => window.callerPhone!.state());
  }

  /** See CallerPhoneApi.waitForState ('latest' by default, 'next' for a call that has not started yet). */
  waitForState(state: CallerCallState, timeoutMs: number, which: 'latest' | 'next' = 'latest'): Promise<CallerCallState> {
    return this.page.evaluate(([s, t, w]) => window.callerPhone!.waitForState(s, t, w), [state, timeoutMs, which] as const);
  }

  waitForIncoming(timeoutMs: number): Promise<IncomingCallInfo> {
    return this.page.evaluate((t) => window.callerPhone!.waitForIncoming(t), timeoutMs);
  }

  inboundAudioStats(): Promise<InboundAudioStats | null> {
    return this.page.evaluate(() => window.callerPhone!.inboundAudioStats());
  }

  outboundAudioStats(): Promise<OutboundAudioStats | null> {
    return this.page.evaluate(() => window.callerPhone!.outboundAudioStats());
  }

  waitForInboundAudio(minPackets: number, timeoutMs: number): Promise<InboundAudioStats> {
    return this.page.evaluate(([n, t]) => window.callerPhone!.waitForInboundAudio(n, t), [minPackets, timeoutMs] as const);
  }

  setUnresponsive(on: boolean): Promise<void> {
    return this.page.evaluate((o) => window.callerPhone!.setUnresponsive(o), on);
  }

  dtmfReceived(): Promise<string> {
    return this.page.evaluate(() => window.callerPhone!.dtmfReceived());
  }

  remoteHold(): Promise<'held' | 'active' | 'none'> {
    return this.page.evaluate(() => window.callerPhone!.remoteHold());
  }

  remoteIceUfrag(): Promise<string | null> {
    return this.page.evaluate(() => window.callerPhone!.remoteIceUfrag());
  }

  setMicEnabled(on: boolean): Promise<void> {
    return this.page.evaluate((o) => window.callerPhone!.setMicEnabled(o), on);
  }

  reconnect(timeoutMs?: number): Promise<'registered'> {
    return this.page.evaluate((t) => window.callerPhone!.reconnect(t), timeoutMs);
  }

  sendMessage(targetUri: string, body: string, timeoutMs?: number): Promise<number> {
    return this.page.evaluate(([u, b, t]) => window.callerPhone!.sendMessage(u, b, t), [targetUri, body, timeoutMs] as const);
  }

  isConnected(): Promise<boolean> {
    return this.page.evaluate(() => window.callerPhone!.isConnected());
  }

  lastFailure(): Promise<string | null> {
    return this.page.evaluate(() => window.callerPhone!.lastFailure());
  }

  events(): Promise<string[]> {
    return this.page.evaluate(() => window.callerPhone!.events());
  }

  /** Stops the phone (bounded) and closes the page. */
  async close(): Promise<void> {
    if (this.page.isClosed()) return;
    await this.page.evaluate(() => window.callerPhone?.stop(2_000)).catch(() => undefined);
    await this.page.close().catch(() => undefined);
  }
}

/** Opens a new page with the caller phone loaded (window.callerPhone ready). */
export async function openCallerPhone(context: BrowserContext, options: { timeoutMs?: number } = {}): Promise<CallerPhone> {
  await serveCallerPhone(context);
  const page = await context.newPage();
  const timeout = options.timeoutMs ?? 10_000;
  await page.goto(CALLER_PAGE_URL, { timeout });
  await page.waitForFunction(() => window.callerPhone !== undefined, null, { timeout });
  return new CallerPhone(page);
}

/**
 * Drives a page through the raw DevTools protocol only (Runtime.evaluate and
 * Input.dispatchMouseEvent), so none of Playwright's injected scripts (about
 * 0.7 MB of source strings plus their compiled code) enter the page's JS heap.
 * The heap bench uses it to measure the renderer as it runs in Electron, where
 * there is no test harness in the page.
 */
import type { CDPSession } from 'playwright-core';

type EvaluateResult = { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } };

export async function evaluate<T>(cdp: CDPSession, expression: string): Promise<T> {
  const reply = (await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as EvaluateResult;
  if (reply.exceptionDetails) throw new Error(`in page: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
  return reply.result.value as T;
}

/** Polls `expression` from Node (every 50 ms, bounded) until it is truthy. */
export async function waitFor(cdp: CDPSession, expression: string, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < Math.ceil(timeoutMs / 50) + 1; i++) {
    if (await evaluate<boolean>(cdp, `!!(${expression})`)) return;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what}: not reached within ${timeoutMs} ms`);
}

export const byTestId = (id: string): string => `document.querySelector('[data-testid="${id}"]')`;

/** A trusted click in the middle of the element, through the browser's input pipeline (as a user's). */
export async function click(cdp: CDPSession, testId: string): Promise<void> {
  const box = await evaluate<{ x: number; y: number } | null>(
    cdp,
    `(() => { const e = ${byTestId(testId)}; if (!e) return null; e.scrollIntoView({ block: 'center' }); const r = e.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
  );
  if (!box) throw new Error(`no element with data-testid="${testId}"`);
  const at = { x: box.x, y: box.y, button: 'left' as const, clickCount: 1 };
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: at.x, y: at.y });
  await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at });
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at });
}

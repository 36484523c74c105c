/** Test-only page instrumentation for the phone bench: SIP over the WebSocket with performance.now() stamps, and Answer clicks. */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { evaluate } from './cdp-driver';

export type SipEntry = { t: number; dir: string; first: string; cseq: string };

export async function instrument(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    type Entry = { t: number; dir: '<' | '>' | 'close'; first: string; cseq: string };
    const log: Entry[] = [];
    const w = window as unknown as { __sip: Entry[]; __clicks: number[] };
    w.__sip = log;
    w.__clicks = [];
    const cseqOf = (text: string) => /\r\nCSeq:\s*\d+\s+(\w+)/i.exec(text)?.[1] ?? '';
    const Original = window.WebSocket;
    window.WebSocket = class extends Original {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', (e) => {
          const text = String(e.data);
          log.push({ t: performance.now(), dir: '<', first: text.slice(0, text.indexOf('\r\n')), cseq: cseqOf(text) });
        });
        this.addEventListener('close', () => log.push({ t: performance.now(), dir: 'close', first: '', cseq: '' }));
      }
      override send(data: string) {
        const text = String(data);
        log.push({ t: performance.now(), dir: '>', first: text.slice(0, text.indexOf('\r\n')), cseq: cseqOf(text) });
        super.send(data);
      }
    } as typeof WebSocket;
    window.addEventListener(
      'pointerdown',
      (e) => {
        if ((e.target as HTMLElement | null)?.closest?.('[data-testid="answer-button"]')) w.__clicks.push(performance.now());
      },
      true,
    );
  });
}

export const sipLog = (page: Page): Promise<SipEntry[]> => page.evaluate(() => (window as unknown as { __sip: SipEntry[] }).__sip);
export const sipLogCdp = (cdp: CDPSession): Promise<SipEntry[]> => evaluate<SipEntry[]>(cdp, 'window.__sip');

/** CDP Performance.getMetrics' DOM and listener counters (what peers are measured with), and the element count beside them. */
export async function domCounters(cdp: CDPSession): Promise<{ nodes: number; listeners: number; elements: number }> {
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const elements = await evaluate<number>(cdp, `document.getElementsByTagName('*').length`);
  return { nodes: get('Nodes'), listeners: get('JSEventListeners'), elements };
}

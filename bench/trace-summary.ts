/**
 * What the renderer's main thread did, from a Chromium trace (CDP Tracing): the time of each
 * top-level task's work summed by event name (script compile and evaluation, code cache, style,
 * layout, HTML parsing, garbage collection...), for a window of the page's timeline. The phone
 * bench's cold starts use it to say what runs before the first REGISTER.
 */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.compile',
  'blink',
  'loading',
  ...(process.env['PHONE_BENCH_TRACE_EXTRA'] ?? '').split(',').filter(Boolean),
].join(',');

export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: unknown[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await Promise.race([complete, new Promise((r) => setTimeout(r, 10_000))]);
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

/** The page's main thread: the renderer main thread that parsed our page. */
function mainThread(events: TraceEvent[], urlPart: string): { pid: number; tid: number } | null {
  const parse = events.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args ?? {}).includes(urlPart));
  if (parse) return { pid: parse.pid, tid: parse.tid };
  const names = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && (e.args as { name?: string })?.name === 'CrRendererMain');
  return names[0] ? { pid: names[0].pid, tid: names[0].tid } : null;
}

export interface TraceSummary {
  /** Inclusive ms by event name (nested events are counted in their own name too). */
  inclusive: Array<[string, number]>;
  /** Self ms by event name: each event's time minus its children's on the same thread. */
  self: Array<[string, number]>;
  busyMs: number;
  /** Code cache use of the page's scripts: how many compiles consumed a cache, produced one, or had none. */
  codeCache: { consumed: number; produced: number; none: number; consumedBytes: number };
}

/** Summarises the main thread's complete events between `fromUs` and `toUs` (trace clock). */
export function summariseTrace(events: TraceEvent[], urlPart: string, fromUs: number, toUs: number): TraceSummary | null {
  const thread = mainThread(events, urlPart);
  if (!thread) return null;
  const mine = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.dur !== undefined && e.ts >= fromUs && e.ts < toUs)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  const stack: Array<{ end: number; name: string; child: number; dur: number }> = [];
  let busy = 0;
  const close = (until: number) => {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= until) {
      const top = stack.pop()!;
      self.set(top.name, (self.get(top.name) ?? 0) + (top.dur - top.child) / 1000);
    }
  };
  for (const e of mine) {
    close(e.ts);
    const dur = e.dur ?? 0;
    inclusive.set(e.name, (inclusive.get(e.name) ?? 0) + dur / 1000);
    const parent = stack[stack.length - 1];
    if (parent) parent.child += dur;
    else if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') busy += dur / 1000;
    stack.push({ end: e.ts + dur, name: e.name, child: 0, dur });
  }
  close(Number.POSITIVE_INFINITY);
  const codeCache = { consumed: 0, produced: 0, none: 0, consumedBytes: 0 };
  for (const e of events) {
    if (e.pid !== thread.pid || !/compile/i.test(e.name)) continue;
    const data = ((e.args as { data?: Record<string, unknown> } | undefined)?.data ?? {}) as Record<string, unknown>;
    if (!String(data['url'] ?? '').includes('/assets/')) continue;
    if (typeof data['consumedCacheSize'] === 'number') {
      codeCache.consumed++;
      codeCache.consumedBytes += data['consumedCacheSize'] as number;
    } else if (typeof data['producedCacheSize'] === 'number') codeCache.produced++;
    else if (e.name === 'v8.compile' || e.name === 'v8.compileModule') codeCache.none++;
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { inclusive: sorted(inclusive), self: sorted(self), busyMs: busy, codeCache };
}

/**
 * The phone, measured in the loopback lab (issue 3): the built renderer in
 * headless Chromium (IPC bridged to the real main core) registered to Kamailio,
 * a sip.js test phone calling it 20 times.
 *
 *  1. INVITE arrival (WebSocket message event) → ringing UI painted (app mark
 *     'hotline:ringing-painted', set in the task after the next animation frame);
 *  2. Answer click (pointer event) → 200 OK handed to the WebSocket;
 *  3. renderer start (navigation) → REGISTER 200 OK received, with saved settings;
 *  4. Kamailio back (startKamailio resolved) → REGISTER 200 OK received;
 *  5. server drops the WebSocket mid-call → 200 OK to our ICE-restart re-INVITE
 *     (in this lab media is browser to browser and never stops: see below);
 *  6. JS heap (CDP Runtime.getHeapUsage) and DOM node count during a call;
 *  7. the same heap as the app holds it: after a reload, 20 more calls driven
 *     through raw CDP only (bench/cdp-driver.ts), so none of Playwright's
 *     injected scripts are in the page; during the last of them a heap snapshot
 *     summed by kind (what holds the heap; PHONE_BENCH_HEAP_SNAPSHOT=<file> keeps it).
 *  0. first (issue 16), what an agent meets once a shift: COLD starts, each in a new browser
 *     process with a fresh copy of a configured data folder, then the FIRST call after that start
 *     (bench/cold-start.ts; PHONE_BENCH_COLD=10 runs of each kind, percentiles over them), with
 *     DOM nodes and JS event listeners from CDP Performance.getMetrics (the counters peers are
 *     measured with) and elements beside them. The last table puts cold, first call and warm
 *     side by side. PHONE_BENCH_ONLY=cold runs only this part; PHONE_BENCH_COLD_VARIANTS=
 *     a=<dist/renderer>,b=<other dist/renderer> alternates builds run by run (before/after);
 *     two names for one build (a=<dir>,b=<dir>) show how far paired figures move by chance.
 *     PHONE_BENCH_ANSWER_AFTER_MS=500 presses the first Answer that long after the ring was
 *     painted (a quick hand) instead of at once; PHONE_BENCH_IDLE_GCS=N runs N full garbage
 *     collections 5 s into the page before the first call (a desk that waited: V8 drops old bytecode).
 *
 * The INVITE → painted time is also split at the app's marks 'hotline:invite'
 * (sip.js hands the INVITE to the app) and 'hotline:ringing-rendered' (React
 * committed the panel). PHONE_BENCH_DEBUG=1 prints each call's stages (with the
 * 100/180 sends); PHONE_BENCH_PROFILE=1 CPU-profiles the last 5 INVITEs and
 * prints the functions with the most self time.
 *
 * Run: npm run bench -- phone (builds, then runs this file under Vitest, unbundled because the
 * lab finds its files from import.meta.url, twice: the agent's renderer with Chromium's default
 * V8 flags, PHONE_BENCH_V8=defaults, then with the app's, src/main/renderer-v8-flags.ts).
 * Needs root, kamailio and chromium, like the e2e tests.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startLab, type SipLab } from '../test/e2e/lab/lab';
import { launchLabBrowser, serveDir } from '../test/e2e/lab/browser';
import { openCallerPhone } from '../test/e2e/caller/page';
import { openAgentApp } from '../test/e2e/app/agent-app';
import { registerAgent, waitForRegistration } from '../test/e2e/caller/lab-agent';
import { makeTempDir } from '../test/support/temp-dir';
import { heapSnapshotSummary } from './heap-summary';
import { byTestId, click, evaluate, waitFor } from './cdp-driver';
import { domCounters, instrument, sipLog, type SipEntry } from './page-instrument';
import { ANSWER_AFTER_MS, YEAR_OF_DATA, runColdStarts, type ColdRun, type ColdStartResults } from './cold-start';
import { RENDERER_JS_FLAGS } from '../src/main/renderer-v8-flags';
import { median, p90, percentile } from './stats';

const ROOT = process.env['HOTLINE_ROOT'] ?? process.cwd();
const RENDERER_DIR = join(ROOT, 'dist/renderer');
const CALLS = Number(process.env['PHONE_BENCH_CALLS'] ?? 20);
const DROPS = Number(process.env['PHONE_BENCH_DROPS'] ?? 5);
const RESTARTS = Number(process.env['PHONE_BENCH_RESTARTS'] ?? 3);
const HEAP_CALLS = Number(process.env['PHONE_BENCH_HEAP_CALLS'] ?? 20);
const V8_DEFAULTS = process.env['PHONE_BENCH_V8'] === 'defaults';
/** Cold starts of each kind (a new browser process and data folder each; see bench/cold-start.ts). */
const COLD_RUNS = Number(process.env['PHONE_BENCH_COLD'] ?? 10);
/** PHONE_BENCH_ONLY=cold: the cold starts and their first calls only (for iterating on start-up). */
const COLD_ONLY = process.env['PHONE_BENCH_ONLY'] === 'cold';
/**
 * PHONE_BENCH_COLD_VARIANTS=before=/path/dist/renderer,after=/other/dist/renderer: cold starts of
 * several builds, alternated run by run so they share the machine's load (for before/after). A build may
 * carry Chromium switches after its folder, each after a '|' (`cached=/path|--enable-features=X`), to
 * measure a browser setting the Electron app would make against the same renderer. The folder `@bare` is the bare
 * sip.js softphone (bench/bare-softphone): the floor this machine sets for a Chinese page that registers and answers.
 */
const COLD_VARIANTS = (process.env['PHONE_BENCH_COLD_VARIANTS'] ?? `app=${RENDERER_DIR}`).split(',').map((pair) => {
  const at = pair.indexOf('=');
  const [dir = '', ...chromiumArgs] = pair.slice(at + 1).split('|');
  return { name: pair.slice(0, at), dir, chromiumArgs };
});

const p95 = (values: number[]) => percentile(values, 95);
const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
const max = (v: number[]) => (v.length ? Math.max(...v) : NaN);

/** The summary issue 16 asks for: per figure, cold (both kinds) and first call next to the warm medians. */
function printColdTable(cold: ColdStartResults, variant: string, warm: Partial<Record<'start' | 'invite' | 'answer' | 'nodes' | 'listeners' | 'elements' | 'heap', number[]>>): void {
  type Figure = keyof Omit<ColdRun, 'kind' | 'variant'>;
  const of = (kind: ColdRun['kind'], key: Figure) => cold.runs.filter((r) => r.kind === kind && r.variant === variant).map((r) => r[key]).filter(Number.isFinite);
  const cell = (v: number[], d = 1) => (v.length ? `${fmt(median(v), d)} / ${fmt(p90(v), d)} / ${fmt(max(v), d)} (${v.length})` : 'n/a');
  const warmCell = (v: number[] | undefined, d = 1) => (v?.length ? `${fmt(median(v), d)} / ${fmt(p95(v), d)} (${v.length})` : 'not run');
  const rows: [string, Figure, keyof typeof warm | null, string, number][] = [
    ['start → registered, ms', 'startToRegistered', 'start', '< 300 ms cold', 1],
    ['  start → DOMContentLoaded, ms', 'domContentLoaded', null, '', 1],
    ['  start → first REGISTER sent, ms', 'firstRegisterSent', null, '', 1],
    ['start → UI first painted (first-contentful-paint), ms', 'uiPainted', null, '', 1],
    ['start → ready (registered and painted), ms', 'ready', null, '', 1],
    ['  CPU to registered: renderer main thread (ThreadTime), ms', 'mainThreadCpu', null, '', 1],
    ['  CPU to registered: renderer process (ProcessTime), ms', 'processCpu', null, '', 1],
    ['  main thread to registered: script (ScriptDuration), ms', 'scriptMs', null, '', 1],
    ['  main thread to registered: V8 compile (V8CompileDuration), ms', 'compileMs', null, '', 1],
    ['  main thread to registered: style + layout, ms', 'styleLayoutMs', null, '', 1],
    ['first call: INVITE arrival → ringing painted, ms', 'inviteToPainted', 'invite', '< 30 ms first call', 1],
    ['  of which sip.js (message → INVITE handed to the app), ms', 'sip', null, '', 1],
    ['  of which React (→ ringing panel committed), ms', 'render', null, '', 1],
    ['  of which committed → painted, ms', 'paint', null, '', 1],
    ['first Answer click → 200 OK sent, ms', 'clickToOk', 'answer', '< 40 ms first call', 1],
    ['DOM nodes in a call (Performance.getMetrics Nodes)', 'nodes', 'nodes', '', 0],
    ['JS event listeners in a call (Performance.getMetrics JSEventListeners)', 'listeners', 'listeners', '', 0],
    ['elements in a call (getElementsByTagName("*"))', 'elements', 'elements', '', 0],
    ['JS heap live in a call (after a forced GC), MB', 'heapLiveMB', 'heap', '', 2],
  ];
  console.log(`\nCold start and first call, build '${variant}' (code cache held ${((cold.codeCacheBytes[variant] ?? 0) / 1e6).toFixed(2)} MB after the warm-up starts)`);
  console.log('| measure | cold, code cache: median / p90 / max (n) | cold, no code cache: median / p90 / max (n) | warm: median / p95 (n) | goal |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const [label, key, warmKey, goal, d] of rows) {
    console.log(`| ${label} | ${cell(of('code cache', key), d)} | ${cell(of('no code cache', key), d)} | ${warmKey ? warmCell(warm[warmKey], d) : ''} | ${goal} |`);
  }
}

/**
 * With several builds (PHONE_BENCH_COLD_VARIANTS, listed as successive changes), each build against
 * the one before it, round by round: the runs of one round ran back to back under the same load,
 * so the median of their differences says more than the difference of the medians on a shared machine.
 */
function printPairedDifferences(cold: ColdStartResults): void {
  if (COLD_VARIANTS.length < 2) return;
  const figures: Array<[string, keyof Omit<ColdRun, 'kind' | 'variant'>]> = [
    ['CPU to registered, main thread', 'mainThreadCpu'],
    ['CPU to registered, renderer process', 'processCpu'],
    ['start → registered', 'startToRegistered'],
    ['start → UI painted', 'uiPainted'],
    ['start → ready', 'ready'],
    ['first INVITE → ringing painted', 'inviteToPainted'],
    ['first Answer → 200 OK', 'clickToOk'],
  ];
  for (const kind of ['no code cache', 'code cache'] as const) {
    for (const [index, other] of COLD_VARIANTS.entries()) {
      const base = COLD_VARIANTS[index - 1];
      if (!base) continue;
      const baseRuns = cold.runs.filter((r) => r.kind === kind && r.variant === base.name);
      const otherRuns = cold.runs.filter((r) => r.kind === kind && r.variant === other.name);
      const pairs = Math.min(baseRuns.length, otherRuns.length);
      const cells = figures.map(([label, key]) => {
        const d = Array.from({ length: pairs }, (_, i) => otherRuns[i]![key] - baseRuns[i]![key]).filter(Number.isFinite);
        const better = d.filter((x) => x < 0).length;
        return `${label} ${fmt(median(d))} ms (lower in ${better} of ${d.length})`;
      });
      console.log(`\nPaired by round, ${other.name} − ${base.name} (${kind}, median of differences): ${cells.join('; ')}`);
    }
  }
}

async function backToReady(page: Page): Promise<void> {
  const finish = page.getByTestId('after-call-finish');
  if (await finish.count()) await finish.click().catch(() => undefined);
}

export async function main(): Promise<void> {
  const lab: SipLab = await startLab();
  const dataDir = makeTempDir('hotline-bench-phone-');
  const drivenDataDir = makeTempDir('hotline-bench-phone-driven-');
  // The agent's renderer runs with the V8 flags the Electron entry gives it, unless PHONE_BENCH_V8=defaults
  // (Chromium's own), which `npm run bench -- phone` runs first for the side-by-side comparison.
  const [agentContext, callerContext] = await Promise.all([launchLabBrowser(lab, { v8Flags: V8_DEFAULTS ? 'defaults' : 'app' }), launchLabBrowser(lab)]);
  try {
    const caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001') });
    // 0. Cold starts, each with its first call (a browser process of their own; see bench/cold-start.ts).
    const loadAtStart = loadavg()[0]!;
    const coldStarted = new Date().toISOString().slice(11, 16);
    const cold = await runColdStarts({
      lab,
      caller,
      variants: COLD_VARIANTS,
      runs: COLD_RUNS,
      v8: V8_DEFAULTS ? 'defaults' : 'app',
      agentUser: '1003',
      ...(process.env['PHONE_BENCH_COLD_PROFILE'] ? { profileDir: process.env['PHONE_BENCH_COLD_PROFILE'] } : {}),
    });
    console.log(`\nCold starts ${coldStarted}–${new Date().toISOString().slice(11, 16)} UTC, load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end${ANSWER_AFTER_MS > 0 ? `; the first Answer pressed ${ANSWER_AFTER_MS} ms after the ring was painted` : ''}${YEAR_OF_DATA ? '; the desk on a year of its data' : ''}`);
    if (COLD_ONLY) {
      for (const v of COLD_VARIANTS) printColdTable(cold, v.name, {});
      printPairedDifferences(cold);
      await caller.close();
      return;
    }
    await serveDir(agentContext, 'http://localhost/app/', RENDERER_DIR);
    await instrument(agentContext);
    // Save the settings once; later page loads (same main core) start from them.
    const app = await openAgentApp(agentContext, dataDir.path);
    await registerAgent(app.page, lab, '1001');

    // 3. renderer start → registered: reload the renderer 5 times (navigation start = 0).
    const startToRegistered: number[] = [];
    for (let i = 0; i < 5; i++) {
      await app.page.reload();
      await waitForRegistration(app.page, 'registered', 15_000);
      const log = await sipLog(app.page);
      const ok = log.find((e) => e.dir === '<' && e.cseq === 'REGISTER' && e.first.includes(' 200 '));
      if (ok) startToRegistered.push(ok.t);
      if (process.env['PHONE_BENCH_DEBUG']) {
        const first = log.find((e) => e.dir === '>' && e.cseq === 'REGISTER');
        const challenge = log.find((e) => e.dir === '<' && e.cseq === 'REGISTER' && e.first.includes(' 401 '));
        const loaded = await app.page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd ?? NaN);
        console.log(`start ${i + 1}: DOMContentLoaded ${fmt(loaded)} first REGISTER sent ${fmt(first?.t ?? NaN)} 401 ${fmt(challenge?.t ?? NaN)} 200 ${fmt(ok?.t ?? NaN)} ms`);
      }
    }
    const freshCdp = await agentContext.newCDPSession(app.page);

    // 7 (first, before the Playwright-driven calls). The heap as the app holds it in Electron: a fresh
    // page (reload), then calls driven through raw CDP only, so nothing of Playwright's injected
    // scripts is in the page's heap. Left in the page: the preload stand-in (bridge shim, 2 kB), the
    // bench's WebSocket log and Playwright's small evaluate helper that pushes main's events in.
    const harnessFreeHeap: number[] = [];
    const harnessFreeHeapAfterGc: number[] = [];
    const harnessFreeDomNodes: number[] = [];
    const harnessFreeCounters = { nodes: [] as number[], listeners: [] as number[] };
    await app.page.reload();
    const registered = `${byTestId('registration-status')}?.getAttribute('data-state') === 'registered'`;
    await waitFor(freshCdp, registered, 15_000, 'registered after reload');
    for (let i = 0; i < HEAP_CALLS; i++) {
      if (await evaluate<boolean>(freshCdp, `!!${byTestId('after-call-finish')}`)) {
        await click(freshCdp, 'after-call-finish');
        await waitFor(freshCdp, `!${byTestId('after-call-finish')}`, 5_000, 'back to ready');
      }
      await caller.call(`sip:1001@${lab.domain}`);
      await waitFor(freshCdp, byTestId('answer-button'), 15_000, 'ringing');
      await click(freshCdp, 'answer-button');
      await caller.waitForState('Established', 10_000);
      await caller.waitForInboundAudio(10, 10_000);
      harnessFreeHeap.push(((await freshCdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 1e6);
      await freshCdp.send('HeapProfiler.collectGarbage');
      harnessFreeHeapAfterGc.push(((await freshCdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 1e6);
      const counters = await domCounters(freshCdp);
      harnessFreeDomNodes.push(counters.elements);
      harnessFreeCounters.nodes.push(counters.nodes);
      harnessFreeCounters.listeners.push(counters.listeners);
      if (process.env['PHONE_BENCH_DEBUG']) console.log(`harness-free call ${i + 1}: heap ${fmt(harnessFreeHeap.at(-1)!, 2)} MB, live ${fmt(harnessFreeHeapAfterGc.at(-1)!, 2)} MB`);
      if (i === HEAP_CALLS - 1) {
        const { totalBytes, groups, largestStrings } = await heapSnapshotSummary(freshCdp, process.env['PHONE_BENCH_HEAP_SNAPSHOT']);
        console.log(`\nHeap snapshot during harness-free call ${i + 1}: ${(totalBytes / 1e6).toFixed(2)} MB in nodes (shallow sizes by kind)`);
        for (const g of groups.slice(0, 30)) console.log(`  ${(g.bytes / 1e3).toFixed(0).padStart(7)} kB  ${String(g.count).padStart(6)}  ${g.key}`);
        console.log('Largest strings:');
        for (const g of largestStrings) console.log(`  ${(g.bytes / 1e3).toFixed(0).padStart(7)} kB  ${g.key}`);
      }
      await caller.hangup();
      await caller.waitForState('Terminated', 10_000);
      await waitFor(freshCdp, `!${byTestId('hangup-button')}`, 10_000, 'call ended');
    }

    await app.close();

    // The Playwright-driven calls start from an empty call log too (their own data folder), as before.
    const drivenApp = await openAgentApp(agentContext, drivenDataDir.path);
    await registerAgent(drivenApp.page, lab, '1001');
    const page = drivenApp.page;
    const cdp = await agentContext.newCDPSession(page);

    // 1, 2, 6: 20 calls.
    const inviteToPainted: number[] = [];
    const stages = { sip: [] as number[], render: [] as number[], paint: [] as number[] };
    const clickToOk: number[] = [];
    const heap: number[] = [];
    const heapAfterGc: number[] = [];
    const domNodes: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      await backToReady(page);
      const before = (await sipLog(page)).length;
      await page.evaluate(() => ['hotline:ringing-painted', 'hotline:ringing-rendered', 'hotline:invite'].forEach((n) => performance.clearMarks(n)));
      const profile = process.env['PHONE_BENCH_PROFILE'] && i >= CALLS - 5;
      if (profile) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
      }
      await caller.call(`sip:1001@${lab.domain}`);
      await page.getByTestId('answer-button').waitFor({ state: 'visible', timeout: 15_000 });
      await page.waitForFunction(() => performance.getEntriesByName('hotline:ringing-painted').length > 0, null, { timeout: 5_000 });
      if (profile) {
        type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
        const { profile: p } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number } };
        const self = new Map<number, number>();
        p.samples.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[k + 1] ?? 0)));
        const byFn = new Map<string, number>();
        for (const n of p.nodes) {
          const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
          byFn.set(key, (byFn.get(key) ?? 0) + (self.get(n.id) ?? 0));
        }
        console.log(`profile call ${i + 1}:`, [...byFn].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, us]) => `${(us / 1000).toFixed(2)}ms ${k}`).join('\n  '));
      }
      const painted = await page.evaluate(() => performance.getEntriesByName('hotline:ringing-painted').at(-1)!.startTime);
      const log = (await sipLog(page)).slice(before);
      const invite = log.find((e) => e.dir === '<' && e.first.startsWith('INVITE '));
      if (invite) inviteToPainted.push(painted - invite.t);
      // Where the time goes: WebSocket message → sip.js hands us the INVITE → React committed the panel → painted.
      const marks = await page.evaluate(() => ['hotline:invite', 'hotline:ringing-rendered'].map((n) => performance.getEntriesByName(n).at(-1)?.startTime ?? NaN));
      if (invite && process.env['PHONE_BENCH_DEBUG']) {
        const sent = (code: string) => log.find((e) => e.dir === '>' && e.first.startsWith(`SIP/2.0 ${code}`) && e.cseq === 'INVITE')?.t ?? NaN;
        console.log(`call ${i + 1}: 100 +${fmt(sent('100') - invite.t)} 180 +${fmt(sent('180') - invite.t)} invite-mark +${fmt(marks[0]! - invite.t)} rendered +${fmt(marks[1]! - invite.t)} painted +${fmt(painted - invite.t)}`);
      }
      if (invite) {
        stages.sip.push(marks[0]! - invite.t);
        stages.render.push(marks[1]! - marks[0]!);
        stages.paint.push(painted - marks[1]!);
      }

      await page.getByTestId('answer-button').click();
      await caller.waitForState('Established', 10_000);
      const after = (await sipLog(page)).slice(before);
      const ok = after.find((e) => e.dir === '>' && e.first.startsWith('SIP/2.0 200') && e.cseq === 'INVITE');
      const click = await page.evaluate(() => (window as unknown as { __clicks: number[] }).__clicks.at(-1)!);
      if (ok) clickToOk.push(ok.t - click);

      await caller.waitForInboundAudio(10, 10_000);
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      heap.push(usage.usedSize / 1e6);
      await cdp.send('HeapProfiler.collectGarbage');
      const live = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      heapAfterGc.push(live.usedSize / 1e6);
      domNodes.push(await page.evaluate(() => document.getElementsByTagName('*').length));
      await caller.hangup();
      await caller.waitForState('Terminated', 10_000);
      await page.getByTestId('hangup-button').waitFor({ state: 'detached', timeout: 10_000 });
    }

    // 5. Server drops the WebSocket mid-call → ICE-restart re-INVITE answered.
    const dropToRenegotiated: number[] = [];
    const helper = await openCallerPhone(callerContext);
    await helper.register({ wsUrl: lab.wsUrl, ...lab.account('2002') });
    await backToReady(page);
    await caller.call(`sip:1001@${lab.domain}`);
    await page.getByTestId('answer-button').click({ timeout: 15_000 });
    await caller.waitForState('Established', 10_000);
    for (let i = 0; i < DROPS; i++) {
      const before = (await sipLog(page)).length;
      await helper.sendMessage(`sip:lab-drop-ws@${lab.domain}`, '1001');
      await waitForRegistration(page, 'registered', 15_000);
      await page.waitForFunction(
        (n) => {
          const log = (window as unknown as { __sip: SipEntry[] }).__sip.slice(n);
          return log.some((e) => e.dir === '<' && e.cseq === 'INVITE' && e.first.startsWith('SIP/2.0 200'));
        },
        before,
        { timeout: 20_000 },
      );
      const log = (await sipLog(page)).slice(before);
      const closed = log.find((e) => e.dir === 'close');
      const reinviteOk = log.find((e) => e.dir === '<' && e.cseq === 'INVITE' && e.first.startsWith('SIP/2.0 200'));
      if (closed && reinviteOk) dropToRenegotiated.push(reinviteOk.t - closed.t);
    }
    await caller.hangup();

    // 4. Kamailio restarted → registered again.
    const restartToRegistered: number[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      await lab.stopKamailio();
      await waitForRegistration(page, 'failed', 10_000);
      const before = (await sipLog(page)).length;
      await lab.startKamailio();
      const back = await page.evaluate(() => performance.now());
      await waitForRegistration(page, 'registered', 40_000);
      const ok = (await sipLog(page)).slice(before).find((e) => e.dir === '<' && e.cseq === 'REGISTER' && e.first.includes(' 200 '));
      if (ok) restartToRegistered.push(ok.t - back);
    }

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const rows: [string, number[], string][] = [
      ['INVITE arrival → ringing UI painted', inviteToPainted, 'ms'],
      ['  of which: WebSocket message → INVITE handed to the app (sip.js)', stages.sip, 'ms'],
      ['  of which: INVITE handed to the app → ringing panel committed (React)', stages.render, 'ms'],
      ['  of which: panel committed → frame painted', stages.paint, 'ms'],
      ['Answer click → 200 OK sent', clickToOk, 'ms'],
      ['renderer start → registered (saved settings)', startToRegistered, 'ms'],
      ['Kamailio back → registered again', restartToRegistered, 'ms'],
      ['WebSocket dropped mid-call → ICE-restart re-INVITE answered', dropToRenegotiated, 'ms'],
      ['JS heap used during a call (CDP, as found), page driven by Playwright', heap, 'MB'],
      ['JS heap live during a call (CDP, after a forced GC), page driven by Playwright', heapAfterGc, 'MB'],
      ['JS heap used during a call (CDP, as found), no harness in the page', harnessFreeHeap, 'MB'],
      ['JS heap live during a call (CDP, after a forced GC), no harness in the page', harnessFreeHeapAfterGc, 'MB'],
      ['DOM elements during a call, page driven by Playwright', domNodes, ''],
      ['DOM elements during a call, no harness in the page', harnessFreeDomNodes, ''],
      ['DOM nodes during a call (CDP Performance.getMetrics Nodes), no harness in the page', harnessFreeCounters.nodes, ''],
      ['JS event listeners during a call (CDP Performance.getMetrics JSEventListeners), no harness in the page', harnessFreeCounters.listeners, ''],
      ['First call of the 20 on a fresh page (warm process): INVITE arrival → ringing UI painted', inviteToPainted.slice(0, 1), 'ms'],
      ['First call of the 20 on a fresh page (warm process): Answer click → 200 OK sent', clickToOk.slice(0, 1), 'ms'],
    ];
    console.log(`\nPhone bench: ${cpu}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
    console.log(`Agent renderer V8 flags: ${V8_DEFAULTS ? "Chromium's defaults" : `${RENDERER_JS_FLAGS} (the app's, src/main/renderer-v8-flags.ts)`}`);
    console.log('| measure | n | median | p95 | unit |\n| --- | ---: | ---: | ---: | --- |');
    for (const [name, values, unit] of rows) console.log(`| ${name} | ${values.length} | ${fmt(median(values), unit === 'MB' ? 2 : 1)} | ${fmt(p95(values), unit === 'MB' ? 2 : 1)} | ${unit} |`);
    printColdTable(cold, COLD_VARIANTS[0]!.name, {
      start: startToRegistered,
      invite: inviteToPainted,
      answer: clickToOk,
      nodes: harnessFreeCounters.nodes,
      listeners: harnessFreeCounters.listeners,
      elements: harnessFreeDomNodes,
      heap: harnessFreeHeapAfterGc,
    });
    await helper.close();
    await caller.close();
    await drivenApp.close();
  } finally {
    await agentContext.close().catch(() => undefined);
    await callerContext.close().catch(() => undefined);
    await lab.stop();
    dataDir.remove();
    drivenDataDir.remove();
  }
}

// The lab and the test phones find their files next to their sources (import.meta.url), so the
// bench runs unbundled, under Vitest's TypeScript loader, as one long "test".
if (process.env['VITEST']) {
  const { it } = await import('vitest');
  it('phone bench', () => main(), 1_200_000);
}

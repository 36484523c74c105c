/**
 * Cold starts and the first call (issue 16), as an agent meets them: a new browser process (so a
 * new renderer process and a new V8 isolate, nothing compiled in memory), a fresh copy of a data
 * folder that holds saved settings, the page loaded over plain HTTP from the lab's namespace
 * (bench/cold-start-server.mjs, no Playwright routing, which would turn the HTTP cache and with it
 * V8's code cache off), then the first call of the shift.
 *
 * Two kinds, interleaved run by run so they share the machine's load:
 *  - 'no code cache': a new, empty browser profile: the first start after an install or an update;
 *  - 'code cache': one browser profile kept from start to start (as Electron keeps its user data
 *    folder), warmed by three starts first, meant to hold V8's code cache for the bundle as the
 *    app:// scheme (registered with `codeCache: true`) does from the second or third start on.
 *    Chromium reads that cache back for classic scripts only (PHONE_BENCH_COLD_TRACE shows
 *    `consumedBytes`): the desk's first chunk is one (scripts/classic-entry.mts); its lazy chunks,
 *    ES modules, compile again at every start. docs/benchmarks.md says so beside the figures.
 *
 * The page is driven through raw CDP only (bench/cdp-driver.ts): nothing of Playwright's injected
 * scripts runs in it. PHONE_BENCH_COLD_PROFILE=<dir> CPU-profiles (CDP Profiler, 100 µs) the
 * start of the last run of each kind until registered, its first INVITE until painted and its first Answer until the 200 OK, writes
 * the .cpuprofile files there and prints where the time went (bench/profile-summary.ts); with
 * PHONE_BENCH_COLD_TRACE=1 it takes a Chromium trace instead (start, first INVITE, first Answer)
 * and prints what the main thread did (bench/trace-summary.ts; PHONE_BENCH_TRACE_EXTRA=webrtc,... adds trace
 * categories, e.g. to see where the answer's peer-connection steps ran). PHONE_BENCH_COLD_THREADS=1 prints, for every
 * start, the CPU each Chromium process and thread spent from navigation to registered (bench/proc-threads.ts):
 * on two cores the browser, GPU and utility processes compete with the renderer for the same CPU.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import type { SipLab } from '../test/e2e/lab/lab';
import { LAB_CHROMIUM_ARGS } from '../test/e2e/lab/browser';
import type { CallerPhone } from '../test/e2e/caller/page';
import { registerAgent } from '../test/e2e/caller/lab-agent';
import { openTestCore, TEST_ORIGIN } from '../test/support/app-core';
import { createTestCipher } from '../test/support/test-cipher';
import { makeTempDir } from '../test/support/temp-dir';
import type { SecretCipher } from '../src/main/secrets/secret-cipher';
import { RENDERER_JS_FLAGS } from '../src/main/renderer-v8-flags';
import { byTestId, click, evaluate, waitFor } from './cdp-driver';
import { domCounters, instrument, sipLogCdp, type SipEntry } from './page-instrument';
import { SourceResolver, samplesOf, parentsOf, sumBy, type CpuProfile, type Sample } from './profile-summary';
import { startTrace, summariseTrace, type TraceEvent } from './trace-summary';
import { chromiumThreadCpu, cpuBetween } from './proc-threads';
import { BARE_SOFTPHONE, buildBareSoftphone } from './bare-softphone/build';
import { seedDeskHistory } from '../test/support/desk-history';

export type ColdKind = 'no code cache' | 'code cache';
/** PHONE_BENCH_COLD_KINDS=new: only 'no code cache' starts (half the runs); =cache: only 'code cache' starts. */
const KINDS_BY_NAME: Record<string, readonly ColdKind[]> = { new: ['no code cache'], cache: ['code cache'] };
const KINDS: readonly ColdKind[] = KINDS_BY_NAME[process.env['PHONE_BENCH_COLD_KINDS'] ?? ''] ?? ['no code cache', 'code cache'];
/**
 * PHONE_BENCH_COLD_CALL_AT=registered: the first call is placed the moment the page shows registered (an ACD routing a
 * queued caller to a desk as soon as it signs in), not after the first paint; no trace or profile of that call then.
 */
const CALL_AT_REGISTERED = process.env['PHONE_BENCH_COLD_CALL_AT'] === 'registered';
/**
 * When the first call's Answer is pressed, in ms after its ringing frame was painted: 0 (the default) presses at once,
 * amid the work the ring put after its frame; an agent's hand takes a few hundred ms at the quickest.
 */
export const ANSWER_AFTER_MS = Number(process.env['PHONE_BENCH_ANSWER_AFTER_MS'] ?? 0);
/**
 * PHONE_BENCH_IDLE_GCS=N: N full garbage collections (CDP) between the start and the first call, standing for a desk
 * that waited a while: V8 ages the bytecode of functions that did not run at each one and drops it when old, so a call
 * after a quiet spell may compile again what the start and the warm-ups compiled.
 */
const IDLE_GCS = Number(process.env['PHONE_BENCH_IDLE_GCS'] ?? 0);
/**
 * PHONE_BENCH_CALL_AFTER_REGISTERED_MS=N: the first call is placed N ms (page time) after the REGISTER's 200 OK instead
 * of as soon as the desk is painted; 2010 lands it on the desk's warm-ups that start 2 s after registering.
 */
const CALL_AFTER_REGISTERED_MS = Number(process.env['PHONE_BENCH_CALL_AFTER_REGISTERED_MS'] ?? 0);
/**
 * PHONE_BENCH_COLD_DATA=year: the desk starts on a year of its agent's data (bench/seed-year.ts: 20,000 calls with
 * callers' names, their work orders with addresses), so its first screen lists recent calls and work orders as a desk
 * in use does; by default the data folder holds the saved settings only.
 */
export const YEAR_OF_DATA = process.env['PHONE_BENCH_COLD_DATA'] === 'year';

/**
 * The page's long animation frames (PHONE_BENCH_TIMELINE): start, duration, when rendering began (what came before is
 * tasks, what follows is style, layout and paint), and each script in it with its start, duration and forced layout.
 * A frame with no script and a late renderStart is the browser's own work, e.g. the first line of Chinese text.
 */
const LONG_FRAMES = `JSON.stringify(performance.getEntriesByType('long-animation-frame').map((f) => ({ at: Math.round(f.startTime), ms: Math.round(f.duration), renderAt: Math.round(f.renderStart), scripts: f.scripts.map((s) => [s.invokerType, s.invoker.split('/').at(-1), Math.round(s.startTime), Math.round(s.duration), Math.round(s.forcedStyleAndLayoutDuration)]) })))`;

/** Resolves once the page's clock (performance.now(), ms) reaches `at`; at once if it has (or `at` is not a number). */
function untilPageTime(cdp: CDPSession, at: number): Promise<unknown> {
  return evaluate(cdp, `new Promise((done) => setTimeout(done, Math.max(0, ${Number.isFinite(at) ? at : 0} - performance.now())))`);
}

export interface ColdRun {
  kind: ColdKind;
  /** Which build (PHONE_BENCH_COLD_VARIANTS), 'build' when there is one. */
  variant: string;
  /** Navigation start → REGISTER 200 OK received (ms, the page's performance.now()). */
  startToRegistered: number;
  domContentLoaded: number;
  firstRegisterSent: number;
  /** Navigation start → the UI's first contentful paint (the page is empty until React renders). */
  uiPainted: number;
  /** Navigation start → both registered and painted: when the agent can see the desk and take a call. */
  ready: number;
  /**
   * CPU time, not wall time (CDP Performance.getMetrics, read as soon as the page was seen
   * registered, polled every 50 ms): the renderer's main thread (ThreadTime) and its process
   * (ProcessTime), and the main thread's script, compile, and style + layout task time. On a
   * loaded machine the wall-clock figures move with other jobs; these move far less, so they
   * are what tells two builds apart.
   */
  mainThreadCpu: number;
  processCpu: number;
  scriptMs: number;
  compileMs: number;
  styleLayoutMs: number;
  /** First call after the start: INVITE arrival → ringing painted, and its stages. */
  inviteToPainted: number;
  sip: number;
  render: number;
  paint: number;
  /** First Answer click → 200 OK sent. */
  clickToOk: number;
  /** During the first call, after a forced GC: CDP Performance.getMetrics Nodes / JSEventListeners, and elements. */
  nodes: number;
  listeners: number;
  elements: number;
  heapLiveMB: number;
}

/** A build of the renderer, served at /<name>/ (the page's origin stays http://localhost, which main trusts). */
export interface RendererVariant {
  name: string;
  dir: string;
  /** Extra Chromium switches for this build's browser (a browser feature measured against the same renderer). */
  chromiumArgs?: readonly string[];
}
const appUrl = (variant: RendererVariant) => `${TEST_ORIGIN}/${variant.name}/index.html`;

function bridgeShim(): Promise<string> {
  return build({
    entryPoints: [fileURLToPath(new URL('../test/e2e/app/bridge-shim.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'warning',
  }).then((r) => r.outputFiles[0]!.text);
}

async function startServer(lab: SipLab, variants: RendererVariant[]): Promise<ChildProcess> {
  const [command, args] = lab.inNetns(process.execPath, [fileURLToPath(new URL('./cold-start-server.mjs', import.meta.url)), '80', ...variants.map((v) => `/${v.name}/=${v.dir}`)]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('cold-start server: not ready within 10 s')), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`cold-start server exited (${code})`)));
  });
  return child;
}

function launch(lab: SipLab, profileDir: string, v8: 'app' | 'defaults', extraArgs: readonly string[] = []): Promise<BrowserContext> {
  const args = [...LAB_CHROMIUM_ARGS, ...extraArgs];
  // A variant's own --js-flags replace the app's (Chromium reads one of two given, not both).
  if (v8 !== 'defaults' && !extraArgs.some((arg) => arg.startsWith('--js-flags='))) args.push(`--js-flags=${RENDERER_JS_FLAGS}`);
  return chromium.launchPersistentContext(profileDir, {
    executablePath: lab.chromiumPath,
    headless: true,
    chromiumSandbox: false,
    args,
    permissions: ['local-network-access', 'microphone'],
    timeout: 30_000,
  });
}

function dirBytes(dir: string): number {
  let total = 0;
  let stack = [dir];
  for (let guard = 0; stack.length > 0 && guard < 10_000; guard++) {
    const next: string[] = [];
    for (const d of stack) {
      let names: string[];
      try {
        names = readdirSync(d);
      } catch {
        continue;
      }
      for (const name of names) {
        const path = join(d, name);
        const info = statSync(path);
        if (info.isDirectory()) next.push(path);
        else total += info.size;
      }
    }
    stack = next;
  }
  return total;
}

interface OpenedDesk {
  context: BrowserContext;
  cdp: CDPSession;
  close(): Promise<void>;
}

/** A new browser on `profileDir`, the bridge to a new core on `dataDir`, a CDP session on its first page, before any navigation. */
async function openDesk(
  lab: SipLab,
  profileDir: string,
  dataDir: string,
  cipher: SecretCipher,
  shim: string,
  v8: 'app' | 'defaults',
  extraArgs: readonly string[] = [],
): Promise<OpenedDesk & { page: Page }> {
  const context = await launch(lab, profileDir, v8, extraArgs);
  const core = openTestCore(dataDir, cipher);
  await context.exposeBinding('__hotlineInvoke', (source, channel: string, request: unknown) =>
    core.router.handle({ frameUrl: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }, channel, request),
  );
  await context.addInitScript({ content: shim });
  await instrument(context);
  const page = context.pages()[0] ?? (await context.newPage());
  const unsubscribe = core.events.on((event, payload) => {
    if (!page.isClosed())
      page
        .evaluate(([name, body]) => (window as unknown as { __hotlineDispatch(c: string, p: unknown): void }).__hotlineDispatch(name, body), [event, payload] as const)
        .catch(() => undefined);
  });
  const cdp = await context.newCDPSession(page);
  return {
    context,
    page,
    cdp,
    close: async () => {
      unsubscribe();
      await context.close().catch(() => undefined);
      await core.close();
    },
  };
}

export interface ColdStartOptions {
  lab: SipLab;
  caller: CallerPhone;
  /** Builds to compare, alternated run by run (one for a plain bench run). */
  variants: RendererVariant[];
  runs: number;
  v8: 'app' | 'defaults';
  agentUser: string;
  profileDir?: string;
}

export interface ColdStartResults {
  runs: ColdRun[];
  /** Bytes in each build's kept profile's code cache after its warm-up starts, by build name. */
  codeCacheBytes: Record<string, number>;
}

export async function runColdStarts(given: ColdStartOptions): Promise<ColdStartResults> {
  const options = { ...given, variants: await Promise.all(given.variants.map(async (v) => (v.dir === BARE_SOFTPHONE ? { ...v, dir: await buildBareSoftphone() } : v))) };
  const { lab, caller, runs: count, v8, agentUser } = options;
  const server = await startServer(lab, options.variants);
  const shim = await bridgeShim();
  const cipher = createTestCipher();
  const seed = makeTempDir('hotline-bench-cold-seed-');
  const profiles = mkdtempSync(join(lab.tmpDir, 'cold-profiles-'));
  const keptProfiles = new Map(options.variants.map((v) => [v.name, join(profiles, `kept-${v.name}`)]));
  for (const dir of keptProfiles.values()) mkdirSync(dir);
  const runs: ColdRun[] = [];
  try {
    // The desk of an agent who has configured it: settings saved through the form once. Every run
    // starts from a copy of this folder.
    {
      const desk = await openDesk(lab, mkdtempSync(join(profiles, 'seed-')), seed.path, cipher, shim, v8);
      await desk.page.goto(appUrl(options.variants[0]!));
      await registerAgent(desk.page, lab, agentUser);
      await desk.close();
      if (YEAR_OF_DATA) {
        const core = openTestCore(seed.path, cipher);
        // Two timeline events a call, not twenty: the folder is copied for every start, and the first screen reads none.
        seedDeskHistory(core.db, { calls: 20_000, timelineEvents: 2 });
        await core.close();
      }
    }
    // Three starts of each kept profile: Chromium marks a script as seen on its first load, writes
    // its code cache on the second (after it ran), reads it from the third on.
    if (KINDS.includes('code cache')) for (const variant of options.variants) for (let i = 0; i < 3; i++) await coldRun(variant, 'code cache', true);
    const codeCacheBytes = Object.fromEntries([...keptProfiles].map(([name, dir]) => [name, dirBytes(join(dir, 'Default', 'Code Cache'))]));

    for (let i = 0; i < count; i++) {
      // The order turns round by round, so no build always runs first (or last) in its round.
      const order = options.variants.map((_, k) => options.variants[(k + i) % options.variants.length]!);
      for (const variant of order) {
        for (const kind of KINDS) {
          const run = await coldRun(variant, kind, false, options.profileDir !== undefined && i === count - 1);
          runs.push(run);
          if (process.env['PHONE_BENCH_DEBUG']) console.log(`cold ${i + 1} (${variant.name}, ${kind}): ${JSON.stringify(run)}`);
        }
      }
    }
    return { runs, codeCacheBytes };
  } finally {
    server.kill('SIGTERM');
    seed.remove();
  }

  async function coldRun(variant: RendererVariant, kind: ColdKind, warmUp: boolean, profile = false): Promise<ColdRun> {
    const profileDir = kind === 'code cache' ? keptProfiles.get(variant.name)! : mkdtempSync(join(profiles, 'fresh-'));
    const data = makeTempDir('hotline-bench-cold-data-');
    cpSync(seed.path, data.path, { recursive: true });
    const desk = await openDesk(lab, profileDir, data.path, cipher, shim, v8, variant.chromiumArgs);
    const { cdp, page } = desk;
    try {
      await cdp.send('Performance.enable');
      const tracing = profile && process.env['PHONE_BENCH_COLD_TRACE'] ? await startTrace(cdp) : null;
      if (profile && !tracing) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
      }
      const threadsBefore = process.env['PHONE_BENCH_COLD_THREADS'] ? chromiumThreadCpu(profileDir) : null;
      await page.goto(appUrl(variant), { waitUntil: 'commit' });
      const registered = `${byTestId('registration-status')}?.getAttribute('data-state') === 'registered'`;
      await waitFor(cdp, registered, 15_000, 'registered (cold)').catch(async (error: unknown) => {
        throw new Error(`${(error as Error).message} (${variant.name}); the page says: ${await evaluate<string>(cdp, 'document.body?.innerText.slice(0, 300)').catch(() => '?')}`);
      });
      if (threadsBefore) {
        const spent = cpuBetween(threadsBefore, chromiumThreadCpu(profileDir));
        const total = spent.reduce((sum, [, ms]) => sum + ms, 0);
        console.log(`cpu to registered ${variant.name} ${kind}: ${total} ms; ${spent.slice(0, 14).map(([k, ms]) => `${k} ${ms}`).join('; ')}`);
      }
      // A queue with callers waiting routes one to the desk as soon as it registers (PHONE_BENCH_COLD_CALL_AT).
      const routedAtOnce = !warmUp && CALL_AT_REGISTERED ? caller.call(`sip:${agentUser}@${lab.domain}`) : null;
      const cpu = await cpuMetrics(cdp);
      const log = await sipLogCdp(cdp);
      const ok = log.find((e) => e.dir === '<' && e.cseq === 'REGISTER' && e.first.includes(' 200 '));
      const first = log.find((e) => e.dir === '>' && e.cseq === 'REGISTER');
      if (process.env['PHONE_BENCH_TIMELINE']) {
        const entries = await evaluate<string>(cdp, `JSON.stringify(performance.getEntries().filter((e) => e.entryType !== 'resource' || e.name.endsWith('.js') || e.name.endsWith('.css')).map((e) => [e.entryType, e.name.split('/').at(-1), Math.round(e.startTime), Math.round(e.responseEnd ?? e.duration ?? 0)]))`);
        const frames = await evaluate<string>(cdp, LONG_FRAMES);
        console.log(`timeline ${variant.name} ${kind}: ${entries}\n  sip: ${JSON.stringify(log.slice(0, 4).map((e) => [e.dir, e.first.slice(0, 20), Math.round(e.t)]))}\n  long frames: ${frames}`);
      }
      const dcl = await evaluate<number>(cdp, `performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? NaN`);
      await waitFor(cdp, `performance.getEntriesByName('first-contentful-paint').length > 0`, 10_000, 'UI painted (cold)');
      const uiPainted = await evaluate<number>(cdp, `performance.getEntriesByName('first-contentful-paint')[0].startTime`);
      const tag = `${variant.name}-${kind.replaceAll(' ', '-')}`;
      if (tracing) await reportTrace(cdp, await tracing(), variant, `start-${tag}`, [['before the first REGISTER was sent', 0, first?.t ?? NaN], ['first REGISTER sent → 200 OK', first?.t ?? NaN, ok?.t ?? NaN]]);
      else if (profile) await reportProfile(cdp, variant, `start-${tag}`, first?.t ?? NaN, ok?.t ?? NaN);
      if (warmUp) return { kind, variant: variant.name } as ColdRun;

      if (IDLE_GCS > 0 && !routedAtOnce) {
        // After the desk's warm-ups (idle callbacks once registered, lazy parts 2 s later): 5 s of page time at least.
        await untilPageTime(cdp, 5000);
        for (let gc = 0; gc < IDLE_GCS; gc++) await cdp.send('HeapProfiler.collectGarbage');
      }
      if (CALL_AFTER_REGISTERED_MS > 0 && !routedAtOnce) await untilPageTime(cdp, (ok?.t ?? NaN) + CALL_AFTER_REGISTERED_MS);
      // The first call of the shift.
      // Entries after the REGISTER's 200 OK: with a call routed at once its INVITE may already be in the log read above.
      const before = ok ? log.indexOf(ok) + 1 : log.length;
      const tracingCall = tracing && !routedAtOnce ? await startTrace(cdp) : null;
      if (profile && !tracing && !routedAtOnce) await cdp.send('Profiler.start');
      await (routedAtOnce ?? caller.call(`sip:${agentUser}@${lab.domain}`));
      await waitFor(cdp, `performance.getEntriesByName('hotline:ringing-painted').length > 0 && ${byTestId('answer-button')}`, 15_000, 'ringing (cold)');
      const marks = await evaluate<number[]>(cdp, `['hotline:invite', 'hotline:ringing-rendered', 'hotline:ringing-painted'].map((n) => performance.getEntriesByName(n).at(-1)?.startTime ?? NaN)`);
      const afterInvite = (await sipLogCdp(cdp)).slice(before);
      const invite = afterInvite.find((e) => e.dir === '<' && e.first.startsWith('INVITE '));
      if (tracingCall) await reportTrace(cdp, await tracingCall(), variant, `first-invite-${tag}`, [['INVITE arrival → ringing painted', invite?.t ?? NaN, marks[2]!]]);
      else if (profile && !routedAtOnce) await reportProfile(cdp, variant, `first-invite-${tag}`, invite?.t ?? NaN, marks[2]!);
      // The press as a person's hand makes it, that long after the ring was painted (page time, bounded by the value).
      if (ANSWER_AFTER_MS > 0) await untilPageTime(cdp, marks[2]! + ANSWER_AFTER_MS);
      const tracingAnswer = tracing ? await startTrace(cdp) : null;
      if (profile && !tracing) await cdp.send('Profiler.start');
      await click(cdp, 'answer-button');
      await caller.waitForState('Established', 10_000);
      await waitFor(cdp, `window.__sip.slice(${before}).some((e) => e.dir === '>' && e.first.startsWith('SIP/2.0 200') && e.cseq === 'INVITE')`, 5_000, '200 OK sent');
      const after = (await sipLogCdp(cdp)).slice(before);
      const okSent = after.find((e: SipEntry) => e.dir === '>' && e.first.startsWith('SIP/2.0 200') && e.cseq === 'INVITE');
      const clickAt = await evaluate<number>(cdp, 'window.__clicks.at(-1)');
      if (tracingAnswer) await reportTrace(cdp, await tracingAnswer(), variant, `first-answer-${tag}`, [['Answer click → 200 OK sent', clickAt, okSent?.t ?? NaN]]);
      else if (profile) await reportProfile(cdp, variant, `first-answer-${tag}`, clickAt, okSent?.t ?? NaN);
      await caller.waitForInboundAudio(10, 10_000);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 1e6;
      const counters = await domCounters(cdp);
      await caller.hangup();
      await caller.waitForState('Terminated', 10_000);
      await waitFor(cdp, `!${byTestId('hangup-button')}`, 10_000, 'call ended (cold)');
      const t = (e: SipEntry | undefined) => e?.t ?? NaN;
      return {
        kind,
        variant: variant.name,
        startToRegistered: t(ok),
        domContentLoaded: dcl,
        uiPainted,
        ready: Math.max(t(ok), uiPainted),
        firstRegisterSent: t(first),
        ...cpu,
        inviteToPainted: marks[2]! - t(invite),
        sip: marks[0]! - t(invite),
        render: marks[1]! - marks[0]!,
        paint: marks[2]! - marks[1]!,
        clickToOk: t(okSent) - clickAt,
        nodes: counters.nodes,
        listeners: counters.listeners,
        elements: counters.elements,
        heapLiveMB: heap,
      };
    } finally {
      await desk.close();
      data.remove();
    }
  }

  async function cpuMetrics(cdp: CDPSession): Promise<Pick<ColdRun, 'mainThreadCpu' | 'processCpu' | 'scriptMs' | 'compileMs' | 'styleLayoutMs'>> {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
    return {
      mainThreadCpu: ms('ThreadTime'),
      processCpu: ms('ProcessTime'),
      scriptMs: ms('ScriptDuration'),
      compileMs: ms('V8CompileDuration'),
      styleLayoutMs: ms('LayoutDuration') + ms('RecalcStyleDuration'),
    };
  }

  /** Prints what the main thread did in each window (page ms) of a trace; keeps the trace in the profile folder. */
  async function reportTrace(cdp: CDPSession, events: TraceEvent[], variant: RendererVariant, name: string, windows: Array<[string, number, number]>): Promise<void> {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    const navStartUs = (metrics.find((m) => m.name === 'NavigationStart')?.value ?? 0) * 1e6;
    if (options.profileDir) {
      mkdirSync(options.profileDir, { recursive: true });
      writeFileSync(join(options.profileDir, `${name}.trace.json`), JSON.stringify({ traceEvents: events }));
    }
    console.log(`\nTrace ${name} (${events.length} events):`);
    for (const [label, from, to] of windows) {
      const summary = summariseTrace(events, `/${variant.name}/`, navStartUs + from * 1000, navStartUs + to * 1000);
      if (!summary) {
        console.log(`  ${label}: the page's main thread was not found in the trace`);
        continue;
      }
      console.log(`  ${label} (${from.toFixed(1)} → ${to.toFixed(1)} ms): main thread busy ${summary.busyMs.toFixed(1)} ms; code cache: ${JSON.stringify(summary.codeCache)}`);
      console.log('    self ms by event:', summary.self.slice(0, 16).map(([k, ms]) => `${k} ${ms.toFixed(1)}`).join(', '));
      console.log('    inclusive ms by event:', summary.inclusive.slice(0, 16).map(([k, ms]) => `${k} ${ms.toFixed(1)}`).join(', '));
    }
  }

  /** Stops the profiler, keeps the profile, prints where the time went up to `until` (page ms), split at `mark`. */
  async function reportProfile(cdp: CDPSession, variant: RendererVariant, name: string, mark: number, until: number): Promise<void> {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    const navStartUs = (metrics.find((m) => m.name === 'NavigationStart')?.value ?? 0) * 1e6;
    if (options.profileDir) {
      mkdirSync(options.profileDir, { recursive: true });
      writeFileSync(join(options.profileDir, `${name}.cpuprofile`), JSON.stringify(profile));
    }
    const resolver = new SourceResolver(join(variant.dir, 'assets'));
    const parent = parentsOf(profile);
    const pageMs = (s: Sample) => (s.at - navStartUs) / 1000;
    const isStart = name.startsWith('start');
    const from = isStart ? 0 : mark - 1;
    const window_ = samplesOf(profile).filter((s) => pageMs(s) >= from && pageMs(s) <= until);
    const busy = window_.filter((s) => s.node.callFrame.functionName !== '(idle)');
    const reactOf = (s: Sample): boolean => {
      for (let n: typeof s.node | undefined = s.node, i = 0; n && i < 500; n = parent.get(n.id), i++) {
        const o = resolver.origin(n.callFrame);
        if (o === 'react-dom' || o === 'scheduler') return true;
      }
      return false;
    };
    const sumMs = (list: Sample[]) => list.reduce((a, s) => a + s.us / 1000, 0);
    const split = isStart ? [['before the first REGISTER was sent', busy.filter((s) => pageMs(s) < mark)], ['first REGISTER sent → 200 OK', busy.filter((s) => pageMs(s) >= mark)]] as const
      : [[name.startsWith('first-answer') ? 'Answer click → 200 OK sent' : 'INVITE arrival → ringing painted', busy]] as const;
    console.log(`\nCPU profile ${name}: page 0 → ${until.toFixed(1)} ms (${isStart ? `first REGISTER sent at ${mark.toFixed(1)} ms` : `window from ${mark.toFixed(1)} ms`}), busy ${sumMs(busy).toFixed(1)} ms`);
    for (const [label, list] of split) {
      console.log(`  ${label}: busy ${sumMs(list).toFixed(1)} ms, of which under React (react-dom/scheduler on the stack) ${sumMs(list.filter(reactOf)).toFixed(1)} ms`);
      console.log('    self time by origin:', sumBy(list, (s) => resolver.origin(s.node.callFrame)).slice(0, 14).map(([k, ms]) => `${k} ${ms.toFixed(1)}`).join(', '));
    }
    // Library time by the app's code that called into it (zod: which modules build schemas at load; i18next: who translates).
    for (const library of ['zod', 'i18next']) {
      const callerOf = (s: Sample): string => {
        for (let n: typeof s.node | undefined = s.node, i = 0; n && i < 500; n = parent.get(n.id), i++) {
          const o = resolver.origin(n.callFrame);
          if (o !== library && o !== 'react-i18next') return `${o} ${n.callFrame.functionName || '(anon)'}`;
        }
        return '(none)';
      };
      const own = busy.filter((s) => resolver.origin(s.node.callFrame) === library);
      if (own.length) console.log(`  ${library} ${sumMs(own).toFixed(1)} ms by caller:`, sumBy(own, callerOf).slice(0, 10).map(([k, ms]) => `${k} ${ms.toFixed(1)}`).join(', '));
    }
    const fns = sumBy(busy, (s) => `${s.node.callFrame.functionName || '(anon)'} [${resolver.origin(s.node.callFrame)}]`).slice(0, 15);
    console.log('  top functions (self):', fns.map(([k, ms]) => `${ms.toFixed(1)} ${k}`).join('; '));
  }
}

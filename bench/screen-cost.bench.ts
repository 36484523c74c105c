/**
 * What the workbench's screen costs, side by side in one run: the renderer as
 * built now (TDesign, the softphone bar, three panes) against the build before
 * the design system (BASE_COMMIT, built into a git worktree once). Same Chromium
 * flags, same harness (the test core behind the bridge shim), the scripted
 * caller as the call source so the SIP path is not part of the figure: bundle
 * bytes, first render, ring → ringing painted (first ring of a fresh page and
 * the median of the next ones), JS heap in a call after a forced GC, DOM nodes
 * and JS event listeners (CDP Performance.getMetrics).
 *
 *   npm run bench -- screen        (SCREEN_BENCH_RINGS=20, SCREEN_BENCH_PAGES=5)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { it } from 'vitest';
import { LAB_CHROMIUM_ARGS, serveDir } from '../test/e2e/lab/browser';
import { openAgentApp, type AgentApp } from '../test/e2e/app/agent-app';
import { RENDERER_JS_FLAGS } from '../src/main/renderer-v8-flags';
import { APP_SENDER } from '../test/support/app-core';
import { makeTempDir } from '../test/support/temp-dir';
import { median } from './stats';

const ROOT = join(import.meta.dirname, '..');
/** The last commit before the design system and the new shell. */
const BASE_COMMIT = '081e5b0';
const RINGS = Number(process.env.SCREEN_BENCH_RINGS ?? 20);
const PAGES = Number(process.env.SCREEN_BENCH_PAGES ?? 5);

interface BuildFigures {
  name: string;
  jsBytes: number;
  cssBytes: number;
  firstRingMs: number[];
  ringMs: number[];
  heapInCallMb: number[];
  nodes: number[];
  listeners: number[];
}

function bytesOf(dir: string, ext: string): number {
  const assets = join(dir, 'assets');
  return readdirSync(assets)
    .filter((file) => file.endsWith(ext) && !file.includes('worklet'))
    .reduce((sum, file) => sum + statSync(join(assets, file)).size, 0);
}

/** The renderer of BASE_COMMIT, built once into a worktree beside the repository's node_modules. */
function baseRenderer(): string {
  const tree = join(ROOT, 'node_modules', '.cache', `hotline-base-${BASE_COMMIT}`);
  const out = join(tree, 'dist', 'renderer');
  if (existsSync(join(out, 'index.html'))) return out;
  if (!existsSync(tree)) execFileSync('git', ['worktree', 'add', '--detach', tree, BASE_COMMIT], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(join(tree, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'), 'dir');
  execFileSync('npx', ['vite', 'build', '--config', 'vite.config.mts', '--logLevel', 'warn'], { cwd: tree, stdio: 'inherit' });
  return out;
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)] ?? NaN;

async function metrics(cdp: CDPSession): Promise<{ nodes: number; listeners: number }> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const value = (name: string) => list.find((m) => m.name === name)?.value ?? NaN;
  return { nodes: value('Nodes'), listeners: value('JSEventListeners') };
}

/** Rings through the scripted caller and waits for the painted mark; returns ms from ring to painted. */
async function ringAndPaint(page: Page): Promise<{ ms: number; callId: string }> {
  return page.evaluate(async () => {
    const hooks = (window as unknown as { __hotlineTest: { ring(n: string, m: string, w: boolean): string } }).__hotlineTest;
    const started = performance.now();
    const callId = hooks.ring('13800138000', '王女士', false);
    const deadline = started + 5_000;
    for (;;) {
      const mark = performance.getEntriesByName('hotline:ringing-painted').find((entry) => (entry as PerformanceMark).detail === callId);
      if (mark) return { ms: mark.startTime - started, callId };
      if (performance.now() > deadline) throw new Error('ringing never painted');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  });
}

async function measure(name: string, rendererDir: string, figures: BuildFigures): Promise<void> {
  for (let pageIndex = 0; pageIndex < PAGES; pageIndex++) {
    const data = makeTempDir('hotline-screen-bench-');
    const profile = makeTempDir('hotline-screen-profile-');
    let context: BrowserContext | undefined;
    let app: AgentApp | undefined;
    try {
      context = await chromium.launchPersistentContext(profile.path, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        chromiumSandbox: false,
        args: [...LAB_CHROMIUM_ARGS, `--js-flags=${RENDERER_JS_FLAGS}`],
        viewport: { width: 1366, height: 768 },
      });
      await serveDir(context, 'http://localhost/app/', rendererDir);
      app = await openAgentApp(context, data.path, {}, { testHooks: true });
      const saved = (await app.core.router.handle(APP_SENDER, 'settings:save', {
        account: { wsServer: 'ws://127.0.0.1:9/', sipUri: 'sip:1001@hotline.test', authUser: '1001', displayName: '王芳' },
        agent: { workNumber: '0307', city: '重庆' },
        language: 'zh-CN',
        password: 'pw',
      })) as { ok: boolean };
      if (!saved.ok) throw new Error('settings not saved');
      const page = app.page;
      await page.reload();
      await page.waitForFunction(() => '__hotlineTest' in window, undefined, { timeout: 10_000 });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      for (let ring = 0; ring < RINGS; ring++) {
        const { ms, callId } = await ringAndPaint(page);
        (ring === 0 ? figures.firstRingMs : figures.ringMs).push(ms);
        await page.evaluate((id) => (window as unknown as { __hotlineTest: { answer(id: string): Promise<void> } }).__hotlineTest.answer(id), callId);
        if (ring === RINGS - 1) {
          await page.getByTestId('active-call').waitFor({ state: 'visible', timeout: 5_000 });
          await cdp.send('HeapProfiler.collectGarbage');
          const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
          figures.heapInCallMb.push(heap.usedSize / 2 ** 20);
          const counted = await metrics(cdp);
          figures.nodes.push(counted.nodes);
          figures.listeners.push(counted.listeners);
        }
        await page.evaluate((id) => (window as unknown as { __hotlineTest: { hangup(id: string): Promise<void> } }).__hotlineTest.hangup(id), callId);
      }
      console.log(`${name}: page ${pageIndex + 1}/${PAGES} done`);
    } finally {
      await app?.close().catch(() => undefined);
      await context?.close().catch(() => undefined);
      data.remove();
      profile.remove();
    }
  }
}

it('the screen: this build against the build before the design system', async () => {
  const builds: [string, string][] = [
    [`before (${BASE_COMMIT})`, baseRenderer()],
    ['now', join(ROOT, 'dist', 'renderer')],
  ];
  const results: BuildFigures[] = [];
  for (const [name, dir] of builds) {
    const figures: BuildFigures = { name, jsBytes: bytesOf(dir, '.js'), cssBytes: bytesOf(dir, '.css'), firstRingMs: [], ringMs: [], heapInCallMb: [], nodes: [], listeners: [] };
    await measure(name, dir, figures);
    results.push(figures);
  }
  const f = (n: number, digits = 1) => n.toFixed(digits);
  console.log(`\nScreen cost, ${PAGES} fresh pages × ${RINGS} rings each, 1366x768, the app's V8 flags (median / p95)`);
  console.log('| | ' + results.map((r) => r.name).join(' | ') + ' |');
  console.log('|---|' + results.map(() => '---:').join('|') + '|');
  const row = (label: string, pick: (r: BuildFigures) => string) => console.log(`| ${label} | ${results.map(pick).join(' | ')} |`);
  row('JS / CSS (KiB)', (r) => `${f(r.jsBytes / 1024, 0)} / ${f(r.cssBytes / 1024, 0)}`);
  row('first ring of a page → painted (ms)', (r) => `${f(median(r.firstRingMs))} / ${f(p95(r.firstRingMs))}`);
  row('later rings → painted (ms)', (r) => `${f(median(r.ringMs))} / ${f(p95(r.ringMs))}`);
  row('JS heap in a call after GC (MB)', (r) => `${f(median(r.heapInCallMb), 2)} / ${f(p95(r.heapInCallMb), 2)}`);
  row('DOM nodes in a call (CDP)', (r) => `${f(median(r.nodes), 0)} / ${f(p95(r.nodes), 0)}`);
  row('JS event listeners in a call (CDP)', (r) => `${f(median(r.listeners), 0)} / ${f(p95(r.listeners), 0)}`);
});

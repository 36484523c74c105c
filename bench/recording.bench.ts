/**
 * Call recording, measured (issue 13), in the lab's Chromium (headless, on this machine's cores):
 *  1. CPU cost of recording a call: all of Chromium's processes' CPU time while a
 *     call's two streams run with and without recording, as a share of one core;
 *     MediaRecorder (the desk's CallRecorder) next to WebCodecs' AudioEncoder;
 *  2. bytes per minute: the encoded stream, and on disk after main's encryption;
 *  3. main's cost per chunk (seal + append + fdatasync + SQLite row).
 *
 *   npm run bench -- recording      (RECORDING_BENCH_SECONDS=30 by default per run; RECORDING_BENCH_KINDS=none,media-recorder,… to choose)
 */
import { build, type PluginBuild } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { RecordingStore } from '../src/main/recordings';
import { openDatabase } from '../src/main/store/database';
import { createTestCipher } from '../test/support/test-cipher';

const ROOT = process.env.HOTLINE_ROOT ?? process.cwd();
const SECONDS = Number(process.env.RECORDING_BENCH_SECONDS ?? 30);
const ROUNDS = Number(process.env.RECORDING_BENCH_ROUNDS ?? 3);
type Kind = 'none' | 'tap' | 'tap+recorder-own' | 'tap+recorder-shared' | 'tap+recorder-shared-no-peaks' | 'graph-only' | 'media-recorder' | 'media-recorder-16k' | 'webcodecs';
// By default what a desk runs: the call, the guidance tap, and the recorder in its own context (the build
// before) or in the tap's shared one, alternated round by round so both see the same load.
const KINDS: Kind[] = (process.env.RECORDING_BENCH_KINDS?.split(',') as Kind[] | undefined) ?? ['none', 'tap', 'tap+recorder-own', 'tap+recorder-shared'];
async function pageScript(): Promise<string> {
  // The guidance tap and the recorder's peaks import their worklets' URLs the Vite way (`?worker&url`): here each
  // worklet is bundled first and handed over as a blob: URL (a routed http URL is not fetched for a worklet in
  // headless Chromium).
  const workletUrl = {
    name: 'worklet-url',
    setup(b: PluginBuild) {
      b.onResolve({ filter: /\?worker&url$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/\?worker&url$/, '')), namespace: 'worklet-url' }));
      b.onLoad({ filter: /.*/, namespace: 'worklet-url' }, async (args) => {
        const worklet = await build({ entryPoints: [args.path], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'warning' });
        return {
          contents: `export default URL.createObjectURL(new Blob([${JSON.stringify(worklet.outputFiles[0]!.text)}], { type: 'text/javascript' }));`,
          loader: 'js',
        };
      });
    },
  };
  const page = await build({ entryPoints: [join(ROOT, 'bench/recording-page.ts')], bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'warning', plugins: [workletUrl] });
  return page.outputFiles[0]!.text;
}

async function cpuSeconds(cdp: CDPSession): Promise<number> {
  const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; cpuTime: number }[] };
  return info.processInfo.reduce((sum, process) => sum + process.cpuTime, 0);
}

async function measure(page: Page, cdp: CDPSession, kind: Kind): Promise<{ cpuPercent: number; bytesPerMinute: number; chunks: number }> {
  await page.evaluate((k) => (window as unknown as { recordingBench: { start(k: string): Promise<void> } }).recordingBench.start(k), kind);
  // Let the graph settle before counting.
  await page.waitForTimeout(1_000);
  const cpu0 = await cpuSeconds(cdp);
  const t0 = performance.now();
  await page.waitForTimeout(SECONDS * 1_000);
  const cpu1 = await cpuSeconds(cdp);
  const wallS = (performance.now() - t0) / 1000;
  const out = await page.evaluate(() => (window as unknown as { recordingBench: { stop(): Promise<{ bytes: number; chunks: number }> } }).recordingBench.stop());
  return { cpuPercent: ((cpu1 - cpu0) / wallS) * 100, bytesPerMinute: (out.bytes / (wallS + 1)) * 60, chunks: out.chunks };
}

async function chromiumCost(): Promise<void> {
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    // A secure context (AudioWorklet, WebCodecs): http://localhost, answered here.
    const script = await pageScript();
    await page.route('http://localhost/bench.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><script>${script.replace(/<\/script/g, '<\\/script')}</script>` }));
    await page.goto('http://localhost/bench.html');
    const cdp = await browser.newBrowserCDPSession();
    const results = Object.fromEntries(KINDS.map((kind) => [kind, { cpu: [] as number[], bytes: [] as number[] }])) as Record<Kind, { cpu: number[]; bytes: number[] }>;
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of KINDS) {
        const r = await measure(page, cdp, kind);
        results[kind].cpu.push(r.cpuPercent);
        results[kind].bytes.push(r.bytesPerMinute);
      }
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const base = mean(results.none?.cpu ?? [0]);
    const withTap = results.tap ? mean(results.tap.cpu) : null;
    console.info(`Chromium, ${ROUNDS} × ${SECONDS} s each, all processes' CPU as % of one core (load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
    console.info(`  call streams only (baseline): ${base.toFixed(2)} %  (runs: ${(results.none?.cpu ?? []).map((c) => c.toFixed(2)).join(', ')})`);
    for (const kind of KINDS.filter((k) => k !== 'none')) {
      const cpu = mean(results[kind].cpu);
      // Beside the tap, a recorder costs what it adds to the tap; alone, what it adds to the call.
      const over = kind.startsWith('tap+') && withTap !== null ? { base: withTap, what: 'the tap' } : { base, what: 'the call' };
      const perRound = results[kind].cpu.map((c, i) => c - (kind.startsWith('tap+') && results.tap ? results.tap.cpu[i]! : results.none ? results.none.cpu[i]! : base));
      console.info(
        `  ${kind.padEnd(20)} ${cpu.toFixed(2)} %  → ${(cpu - over.base).toFixed(2)} % of a core over ${over.what} ` +
          `(per round: ${perRound.map((c) => c.toFixed(2)).join(', ')}); ${Math.round(mean(results[kind].bytes) / 1024)} KiB/min encoded (runs: ${results[kind].cpu.map((c) => c.toFixed(2)).join(', ')})`,
      );
    }
  } finally {
    await browser.close();
  }
}

async function mainCost(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-recording-bench-'));
  try {
    const db = openDatabase(join(dir, 'desk.sqlite'));
    const store = new RecordingStore({ db, cipher: createTestCipher(), dir: join(dir, 'recordings') });
    // A minute of 1 s chunks at the bitrate measured above (~4.2 kB each).
    const chunk = new Uint8Array(4_250).map((_, i) => (i * 31) & 0xff);
    const id = (await store.start({ callId: 'bench', practice: false, startedAt: Date.now() }))!;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const N = 60;
    for (let seq = 0; seq < N; seq++) await store.appendChunk(id, seq, chunk);
    const used = process.cpuUsage(cpu0);
    const wallMs = performance.now() - t0;
    const onDisk = store.summary(id).bytes;
    await store.close();
    db.close();
    console.info(
      `Main, per 1 s chunk: ${((used.user + used.system) / 1000 / N).toFixed(2)} ms CPU, ${(wallMs / N).toFixed(2)} ms wall (fdatasync included); ` +
        `on disk ${Math.round(onDisk / 1024)} KiB for a minute of ${Math.round((chunk.length * N) / 1024)} KiB encoded (+${(((onDisk - chunk.length * N) / (chunk.length * N)) * 100).toFixed(1)} %)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(): Promise<void> {
  await mainCost();
  await chromiumCost();
}

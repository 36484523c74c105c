// Runs the benchmarks on plain Node 22:  npm run bench [-- work-orders guidance phone]
// esbuild bundles each TypeScript bench (packages stay external) into
// node_modules/.cache, where better-sqlite3 and zod resolve, and runs it.
/* global console, URL */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The bundles run from node_modules/.cache: tell them where the project is.
process.env.HOTLINE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCHES = { 'work-orders': 'work-orders.bench.ts', guidance: 'guidance.bench.ts', centre: 'centre.bench.ts', dispatch: 'dispatch.bench.ts', recording: 'recording.bench.ts', knowledge: 'knowledge.bench.ts', replay: 'replay.bench.ts', 'desk-open': 'desk-open.bench.ts', 'guidance-first-call': 'guidance-first-call.bench.ts', 'main-load': 'main-load.bench.ts', 'cjk-first-layout': 'cjk-first-layout.bench.ts' };
// Run only when named: the centre bench seeds millions of rows and takes a long while.
const ON_REQUEST = new Set(['centre']);
// The phone bench drives the built app in the SIP lab through vitest (the lab
// resolves its files from import.meta.url, which a bundle would move).
const LAB_BENCHES = { phone: 'bench/vitest.phone.config.ts', screen: 'bench/vitest.screen.config.ts', monitor: 'bench/vitest.monitor.config.ts', practice: 'bench/vitest.practice.config.ts', floor: 'bench/vitest.floor.config.ts' };
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const selected = names.length > 0 ? names : [...Object.keys(BENCHES).filter((n) => !ON_REQUEST.has(n)), ...Object.keys(LAB_BENCHES)];
for (const name of selected) {
  if (LAB_BENCHES[name]) {
    const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', shell: false }).status === 0;
    if (!run('node', ['scripts/build.mjs'])) process.exit(1);
    // Side by side in one run: the renderer with Chromium's default V8 flags, then with the app's.
    for (const v8 of name === 'phone' ? ['defaults', 'app'] : ['app']) {
      process.env.PHONE_BENCH_V8 = v8;
      if (!run('npx', ['vitest', 'run', '--config', LAB_BENCHES[name]])) process.exit(1);
    }
    continue;
  }
  const entry = BENCHES[name];
  if (!entry) {
    console.error(`Unknown bench ${name}; one of: ${[...Object.keys(BENCHES), ...Object.keys(LAB_BENCHES)].join(', ')}`);
    process.exit(2);
  }
  const outfile = fileURLToPath(new URL(`../node_modules/.cache/hotline-bench/${name}-${process.pid}.mjs`, import.meta.url));
  await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'warning',
  });
  try {
    // A bench either runs when imported or exports main(args).
    const mod = await import(pathToFileURL(outfile).href);
    if (typeof mod.main === 'function') await mod.main(process.argv.slice(2));
  } finally {
    rmSync(outfile, { force: true });
  }
}

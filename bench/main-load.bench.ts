/**
 * Main's bundle loaded, before anything runs: Electron reads and runs `dist/main/index.js` (1.4 MB, with the
 * packages it requires at its top level) before its `ready` event, so before the window can exist. Here the bundle is
 * required in fresh Node 22 processes (Electron's own Node is 22 too) with `electron` and `electron-log/main` stubbed,
 * so that nothing after `app.whenReady()` runs: what is timed is loading, compiling and running the modules' top
 * level. Side by side in one run, alternated: without and with Node's compile cache (`NODE_COMPILE_CACHE`, warmed by
 * one load first). Also per package required at the top level, the time its require took.
 *
 *   npm run bench -- main-load      (builds first when dist/main/index.js is missing)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, p90 } from './stats';

const ROOT = process.env.HOTLINE_ROOT ?? process.cwd();
const BUNDLE = join(ROOT, 'dist/main/index.js');
const RUNS = 12;
const LOADER = join(ROOT, 'test/support/main-bundle-loader.cjs');


interface Load {
  loadMs: number;
  packages: Record<string, number>;
}

export function main(): void {
  if (!existsSync(BUNDLE) && spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  const dir = mkdtempSync(join(tmpdir(), 'main-load-'));
  try {
    const cache = join(dir, 'compile-cache');
    const load = (withCache: boolean): Load => {
      const env = { ...process.env };
      delete env['NODE_COMPILE_CACHE'];
      if (withCache) env['NODE_COMPILE_CACHE'] = cache;
      const child = spawnSync(process.execPath, [LOADER, BUNDLE], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
      if (child.status !== 0) throw new Error(`loading main's bundle failed: ${child.stderr}`);
      return JSON.parse(child.stdout) as Load;
    };
    load(true);
    const kinds = { 'no compile cache': [] as Load[], 'compile cache': [] as Load[] };
    const startLoad = loadavg()[0]!;
    for (let run = 0; run < RUNS; run++) {
      const order = run % 2 === 0 ? [false, true] : [true, false];
      for (const withCache of order) kinds[withCache ? 'compile cache' : 'no compile cache'].push(load(withCache));
    }
    const size = (statSync(BUNDLE).size / 1024 / 1024).toFixed(2);
    console.log(`\nMain's bundle loaded (${size} MB, ${RUNS} fresh Node ${process.version} processes each, alternated; ${cpus().length}× ${cpus()[0]?.model ?? '?'}; load ${startLoad.toFixed(1)} → ${loadavg()[0]!.toFixed(1)})`);
    console.log('| | require(dist/main/index.js), ms: median / p90 |');
    console.log('| --- | ---: |');
    for (const [kind, loads] of Object.entries(kinds)) {
      const ms = loads.map((l) => l.loadMs);
      console.log(`| ${kind} | ${median(ms).toFixed(1)} / ${p90(ms).toFixed(1)} |`);
    }
    const names = [...new Set(kinds['no compile cache'].flatMap((l) => Object.keys(l.packages)))];
    const rows = names.map((name) => [name, median(kinds['no compile cache'].map((l) => l.packages[name] ?? 0))] as const).sort((a, b) => b[1] - a[1]);
    console.log(`\nPackages required at the bundle's top level (no compile cache, median ms): ${rows.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Builds the three parts: main (Node, CommonJS), the sandboxed preload (one
// self-contained CommonJS file: a sandboxed preload can require only 'electron'),
// and the renderer (Vite). Output in dist/, which package.json's "main" points at.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const runtimeDependencies = Object.keys(pkg.dependencies ?? {});
const started = performance.now();

rmSync(new URL('../dist/main', import.meta.url), { recursive: true, force: true });
rmSync(new URL('../dist/preload', import.meta.url), { recursive: true, force: true });

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  build({
    ...common,
    entryPoints: ['src/main/electron/index.ts'],
    outfile: 'dist/main/index.js',
    // Native and runtime packages ship in node_modules (better-sqlite3's .node is unpacked from asar). zod is bundled:
    // required as a package it was ~50 files to resolve and read before the window (bundled: −10 ms, docs/benchmarks.md).
    external: ['electron', ...runtimeDependencies.filter((name) => name !== 'zod')],
    // Modules main loads at first use (src/main/lazy-require.ts) resolve from the bundle's own place, as in Node.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  // The database's full check runs in a worker thread of main (src/main/store/integrity-check.ts).
  build({
    ...common,
    entryPoints: ['src/main/store/integrity-worker.mts'],
    outfile: 'dist/main/integrity-worker.js',
    external: runtimeDependencies,
  }),
  build({
    ...common,
    entryPoints: ['src/preload/index.ts'],
    outfile: 'dist/preload/index.js',
    external: ['electron'],
  }),
  viteBuild({ configFile: 'vite.config.mts', logLevel: 'warn' }),
]);
console.log(`build: main, preload and renderer in ${Math.round(performance.now() - started)} ms`);

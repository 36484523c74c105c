import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Main's bundle as Electron runs it (built by `npm run test:e2e` before the suite), loaded by a stubbed-Electron loader.
const BUNDLE = fileURLToPath(new URL('../../dist/main/index.js', import.meta.url));
const LOADER = fileURLToPath(new URL('../support/main-bundle-loader.cjs', import.meta.url));
const load = (script: string) => JSON.parse(execFileSync(process.execPath, [LOADER, script], { encoding: 'utf8', timeout: 60_000 })) as { packages: Record<string, number> };

describe("main's bundle at start", () => {
  it('leaves the packages needed only at first use (the knowledge segmenter, pinyin, jose) out of its top level', () => {
    const required = Object.keys(load(BUNDLE).packages);
    expect(required).toContain('better-sqlite3');
    // zod is in the bundle itself (scripts/build.mjs), not required as a package.
    expect(required).not.toContain('zod');
    for (const later of ['@node-rs/jieba', '@node-rs/jieba/dict.js', 'pinyin-pro', 'jose']) expect(required).not.toContain(later);
  });

  it('requires neither zod nor wavesurfer.js anywhere, which the packaged app leaves out (electron-builder.yml)', () => {
    const bundles = ['../../dist/main/index.js', '../../dist/main/integrity-worker.js', '../../dist/preload/index.js'].map((path) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8'));
    for (const code of bundles) expect(code).not.toMatch(/require\(["'](?:zod|wavesurfer\.js)["'/]/);
    expect(readFileSync(fileURLToPath(new URL('../../electron-builder.yml', import.meta.url)), 'utf8')).toContain('"!**/node_modules/{zod,wavesurfer.js}/**"');
  });

  it('finds those packages from its own place when first asked for, as Electron will', () => {
    // src/main/lazy-require.ts: createRequire(import.meta.url), which the build defines as the bundle's own URL.
    expect(readFileSync(BUNDLE, 'utf8')).toMatch(/createRequire\)\(__bundleUrl\)/);
    const code = `const r = require('node:module').createRequire(require('node:url').pathToFileURL(${JSON.stringify(BUNDLE)}).href);
      process.stdout.write(JSON.stringify([r('pinyin-pro').pinyin('重庆', { toneType: 'none' }), typeof r('@node-rs/jieba').Jieba, typeof r('@node-rs/jieba/dict.js').dict, typeof r('jose').jwtVerify]));`;
    expect(JSON.parse(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 60_000 }))).toEqual(['chong qing', 'function', 'object', 'function']);
  });
});

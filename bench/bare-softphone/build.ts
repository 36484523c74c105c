import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The cold-start bench's variant folder that names this page instead of a build of the desk. */
export const BARE_SOFTPHONE = '@bare';

/** Builds the bare softphone (one minified classic script, as the desk's first chunk is) into a new folder; returns it. */
export async function buildBareSoftphone(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-bare-softphone-'));
  mkdirSync(join(dir, 'assets'));
  copyFileSync(fileURLToPath(new URL('./index.html', import.meta.url)), join(dir, 'index.html'));
  await build({
    entryPoints: [fileURLToPath(new URL('./bare-softphone.ts', import.meta.url))],
    outfile: join(dir, 'assets', 'bare-softphone.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome130',
    minify: true,
    logLevel: 'warning',
  });
  return dir;
}

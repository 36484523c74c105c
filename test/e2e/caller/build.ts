/** Bundles the test-only caller phone (caller-phone.ts + sip.js) for the browser, once per process. */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

let bundle: Promise<string> | undefined;

/** IIFE bundle of caller-phone.ts (sets window.callerPhone). Cached in memory. */
export function buildCallerBundle(): Promise<string> {
  bundle ??= (async () => {
    const result = await build({
      entryPoints: [join(here, 'caller-phone.ts')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      write: false,
      sourcemap: 'inline',
      logLevel: 'silent',
    });
    const out = result.outputFiles[0];
    if (!out) throw new Error('esbuild produced no output for caller-phone.ts');
    return out.text;
  })();
  // Do not cache a failure.
  bundle.catch(() => {
    bundle = undefined;
  });
  return bundle;
}

/** caller.html (loads ./caller-phone.js). */
export function callerHtml(): Promise<string> {
  return readFile(join(here, 'caller.html'), 'utf8');
}

import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { BrowserContext } from 'playwright-core';
import { serveDir } from '../lab/browser';
import { makeTempDir } from '../../support/temp-dir';

export const SIGN_IN_PAGE_URL = 'http://localhost/sign-in/index.html';

/**
 * Builds the sign-in test page (page/: the real app with the sign-in feature in
 * front of it) with the renderer's own Vite config, and serves it under
 * /sign-in/ (the app's origin, so the bridge answers it). Returns the cleanup.
 */
export async function serveSignInPage(context: BrowserContext): Promise<() => void> {
  const out = makeTempDir('hotline-sign-in-page-');
  try {
    await build({
      configFile: fileURLToPath(new URL('../../../vite.config.mts', import.meta.url)),
      root: fileURLToPath(new URL('./page', import.meta.url)),
      logLevel: 'warn',
      build: { outDir: out.path, emptyOutDir: true, sourcemap: false },
    });
    await serveDir(context, 'http://localhost/sign-in/', out.path);
  } catch (error) {
    out.remove();
    throw error;
  }
  return out.remove;
}

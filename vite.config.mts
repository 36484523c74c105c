import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The renderer bundle. It is loaded from a custom `app://` protocol in Electron
 * and from http://localhost/app/ in the end-to-end tests, so every URL in the
 * output must be relative (`base: './'`). The page's CSP allows no inline
 * script or style, so nothing may be inlined into index.html.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  // Vite serves the ringtone from the repo's assets/ folder, outside the root.
  server: { fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] } },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Chromium (Electron and the test browser) supports modulepreload natively;
    // the polyfill would only add code.
    modulePreload: { polyfill: false },
    // No data: URLs for scripts or styles; small media may still be inlined (media-src allows data:).
    assetsInlineLimit: (file) => (/\.(?:js|mjs|css)$/.test(file) ? false : undefined),
    target: 'chrome130',
    sourcemap: true,
    // One local bundle (react, sip.js, zod) read from disk, never downloaded: size is not a concern.
    chunkSizeWarningLimit: 1024,
  },
});

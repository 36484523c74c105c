import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { classicEntry } from './scripts/classic-entry.mts';

/**
 * sip.js 0.21's generated SIP grammar (peggy, bytecode mode) rebuilds its whole
 * bytecode table (about 240 strings split into arrays of char codes) on every
 * `parse()` call, i.e. for each header and URI of every SIP message: several ms
 * and a burst of garbage per INVITE. The table is constant and only read, so
 * it is built once, at module level. Fails the build if the generated code
 * changes shape, so an update of sip.js cannot silently drop (or break) this.
 */
function sipGrammarTableOnce(): Plugin {
  return {
    name: 'sip-grammar-table-once',
    transform(code, id) {
      if (!/[\\/]sip\.js[\\/]lib[\\/]grammar[\\/]pegjs[\\/]dist[\\/]grammar\.js$/.test(id)) return null;
      const start = code.indexOf('    const peg$bytecode = [');
      const end = start < 0 ? -1 : code.indexOf('\n    ];', start);
      const parseAt = code.indexOf('function peg$parse(input, options) {');
      if (start < 0 || end < 0 || parseAt < 0 || parseAt > start || code.split('peg$bytecode').length !== 3) {
        throw new Error('sip-grammar-table-once: sip.js grammar.js no longer has the expected shape; update or remove this plugin');
      }
      const table = code.slice(start, end + '\n    ];'.length).replaceAll('peg$decode(', 'peg$decodeOnce(');
      const hoisted = `const peg$decodeOnce = (s) => s.split("").map((ch) => ch.charCodeAt(0) - 32);\n${table.trim()}\n`;
      return { code: code.slice(0, parseAt) + hoisted + code.slice(parseAt, start) + code.slice(end + '\n    ];'.length), map: null };
    },
  };
}

/**
 * The renderer bundle. It is loaded from a custom `app://` protocol in Electron
 * and from http://localhost/app/ in the end-to-end tests, so every URL in the
 * output must be relative (`base: './'`). The page's CSP allows no inline
 * script or style, so nothing may be inlined into index.html.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [react(), sipGrammarTableOnce(), classicEntry()],
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
    chunkSizeWarningLimit: 2048,
    rolldownOptions: {
      output: {
        // Everything the first screen imports statically in one chunk: left to itself rolldown split it into ~20
        // (code the lazy parts share with it), each one more request and module record before the desk can start.
        codeSplitting: { groups: [{ name: 'desk', tags: ['$initial'] }] },
      },
    },
  },
});

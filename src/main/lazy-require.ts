import { createRequire } from 'node:module';

/**
 * `require` for packages main needs only at first use (the knowledge search's segmenter and dictionaries, pinyin):
 * loaded when first asked for instead of with main's bundle, whose top level Electron runs before the window exists
 * (`npm run bench -- main-load`). Resolves from this module's place: src/ under test, dist/main/index.js when built
 * (scripts/build.mjs defines its import.meta.url).
 */
export const lazyRequire = createRequire(import.meta.url);

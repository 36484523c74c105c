import type { Plugin } from 'vite';

/**
 * Turns the renderer's first chunk into a classic (deferred) script, the lazy chunks staying ES modules.
 *
 * Why: Chromium reads V8's code cache back for classic scripts and not for module scripts (measured in the
 * lab: docs/benchmarks.md, "code cache"). Electron keeps that cache for the app:// scheme (`codeCache: true`),
 * so from the second start on the desk's 1.3 MB first chunk is deserialised off the main thread instead of
 * parsed and lazily compiled again on every start.
 *
 * How: the chunk is wrapped in a strict function, run from a microtask; `import.meta.url` becomes the script's own URL; its
 * exports (what the lazy chunks share with it: React, sip.js, the stores) become getters on one frozen
 * global, and each lazy chunk's `import {…} from "./index-….js"` reads them from there. Every replacement is
 * padded to the length of what it replaces, so the source maps stay exact. The build fails when the output no
 * longer has the shape this expects, rather than shipping a desk that cannot load a lazy screen.
 */
export const CLASSIC_ENTRY_GLOBAL = '__deskShared';
const SCRIPT_URL = '__deskScriptUrl'; // as long as `import.meta.url`

export function classicEntry(): Plugin {
  return {
    name: 'classic-entry',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
      const entries = chunks.filter((chunk) => chunk.isEntry && chunk.fileName.endsWith('.js') && /(^|\/)index-/.test(chunk.fileName));
      if (entries.length !== 1) throw new Error(`classic-entry: expected one index entry chunk, found ${entries.length}`);
      const entry = entries[0]!;
      const entryFile = entry.fileName;
      const entryName = entryFile.split('/').pop()!;
      entry.code = classicEntryCode(entry.code);
      const map = bundle[`${entryFile}.map`];
      if (map?.type === 'asset' && typeof map.source === 'string') map.source = shiftMapOneLine(map.source);
      if (entry.map) entry.map.mappings = `;${entry.map.mappings}`;
      for (const chunk of chunks) {
        if (chunk === entry) continue;
        chunk.code = importsFromGlobal(chunk.code, entryName, chunk.fileName);
      }
      const html = bundle['index.html'];
      if (html?.type !== 'asset' || typeof html.source !== 'string') throw new Error('classic-entry: no index.html in the bundle');
      html.source = classicScriptTag(html.source, entryName);
    },
  };
}

/** The entry chunk as a deferred classic script: one strict function, its exports on a frozen global. */
export function classicEntryCode(code: string): string {
  const mapComment = /\n?\/\/# sourceMappingURL=[^\n]*\s*$/.exec(code);
  let body = mapComment ? code.slice(0, mapComment.index) : code;
  const exportAt = body.lastIndexOf('export{');
  const tail = exportAt < 0 ? '' : body.slice(exportAt);
  const exported = /^export\{([^}]*)\};?\s*$/.exec(tail);
  if (!exported) throw new Error('classic-entry: the entry chunk does not end with one export list');
  body = body.slice(0, exportAt);
  // rolldown hoists a chunk's static imports to its start; the first chunk must have none (it is the root).
  if (/^\s*import\s*[\w${*"'`]/.test(body) || body.includes('export{')) {
    throw new Error('classic-entry: the entry chunk has a static import or a second export');
  }
  body = body.replaceAll('import.meta.url', SCRIPT_URL).replaceAll('import.meta.resolve', '(void 0)'.padEnd('import.meta.resolve'.length));
  if (body.includes('import.meta')) throw new Error('classic-entry: the entry chunk reads an import.meta property other than url and resolve');
  const getters = exported[1]!
    .split(',')
    .filter(Boolean)
    .map((binding) => {
      const [local, as = local] = binding.trim().split(/\s+as\s+/);
      return `get ${JSON.stringify(as)}(){return ${local}}`;
    });
  // Run from a microtask, not called by the script's top level: a stack trace taken while the chunk evaluates
  // then has no frame of the script's top level, whose source positions V8 would get by parsing the whole
  // 1.3 MB again (measured: -70 ms of main-thread CPU on a start without a code cache). The parentheses keep
  // V8's eager compile of the function, in the background with the rest of the script.
  const prefix = `queueMicrotask((function(${SCRIPT_URL}){"use strict";\n`;
  const suffix = `\nObject.defineProperty(globalThis,${JSON.stringify(CLASSIC_ENTRY_GLOBAL)},{value:Object.freeze({${getters.join(',')}})});}).bind(void 0,document.currentScript.src));`;
  return prefix + body + suffix + (mapComment ? `\n${mapComment[0].trim()}\n` : '');
}

/** index.html loads the entry chunk as a deferred classic script (same order as a module script: after parsing). */
export function classicScriptTag(html: string, entryName: string): string {
  const tag = new RegExp(`<script type="module" crossorigin src="([^"]*/${escapeRegExp(entryName)})"></script>`);
  if (!tag.test(html)) throw new Error(`classic-entry: index.html has no module script tag for ${entryName}`);
  return html.replace(tag, '<script defer src="$1"></script>');
}

/** A lazy chunk's static imports from the entry chunk, read from the entry's global instead (same length). */
export function importsFromGlobal(code: string, entryName: string, fileName: string): string {
  const from = new RegExp(`import\\{([^}]*)\\}from"\\./${escapeRegExp(entryName)}";?`, 'g');
  const replaced = code.replace(from, (statement, bindings: string) => {
    const pairs = bindings
      .split(',')
      .filter(Boolean)
      .map((binding) => {
        const [imported, local = imported] = binding.trim().split(/\s+as\s+/);
        return imported === local ? imported : `${imported}:${local}`;
      });
    const read = `const{${pairs.join(',')}}=self.${CLASSIC_ENTRY_GLOBAL};`;
    if (read.length > statement.length) throw new Error(`classic-entry: ${fileName}'s import from the entry grew when rewritten`);
    return read.padEnd(statement.length);
  });
  const sideEffectOnly = new RegExp(`import"\\./${escapeRegExp(entryName)}";?`, 'g');
  const result = replaced.replace(sideEffectOnly, (statement) => ' '.repeat(statement.length));
  if (result.includes(entryName)) throw new Error(`classic-entry: ${fileName} still refers to ${entryName} in a way this cannot rewrite`);
  return result;
}

function shiftMapOneLine(json: string): string {
  const map = JSON.parse(json) as { mappings: string };
  map.mappings = `;${map.mappings}`;
  return JSON.stringify(map);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

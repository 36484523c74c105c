import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CLASSIC_ENTRY_GLOBAL, classicEntryCode, classicScriptTag, importsFromGlobal } from '../../../scripts/classic-entry.mts';

const ENTRY = [
  'const __vite__mapDeps=()=>[];',
  'var a=1;function b(){return a}const u=new URL(`ring.wav`,import.meta.url).href;',
  'function r(e){return import.meta.resolve?new URL(import.meta.resolve(e)):new URL(e,import.meta.url)}',
  'function bump(){a++}',
  'export{b as $,a as n,u as w,r as x,bump};',
  '//# sourceMappingURL=index-AbCd1234.js.map',
].join('\n');

function run(code: string): Record<string, unknown> {
  const microtasks: Array<() => void> = [];
  const sandbox: Record<string, unknown> = {
    document: { currentScript: { src: 'app://desk/assets/index-AbCd1234.js' } },
    URL,
    queueMicrotask: (task: () => void) => microtasks.push(task),
  };
  sandbox['globalThis'] = sandbox;
  sandbox['self'] = sandbox;
  runInNewContext(code, sandbox);
  // The chunk runs from a microtask, after the script's top level (where document.currentScript is still set).
  expect(sandbox[CLASSIC_ENTRY_GLOBAL]).toBeUndefined();
  sandbox['document'] = { currentScript: null };
  for (const task of microtasks.splice(0)) task();
  return sandbox;
}

describe('the first chunk as a classic script', () => {
  it('runs as one strict function, from a microtask, whose exports are live, read-only getters on one global', () => {
    const code = classicEntryCode(ENTRY);
    expect(code).not.toMatch(/\bexport\s*\{|import\.meta/);
    const shared = run(code)[CLASSIC_ENTRY_GLOBAL] as Record<string, unknown>;
    expect(Object.keys(shared).sort()).toEqual(['$', 'bump', 'n', 'w', 'x']);
    expect(shared['w']).toBe('app://desk/assets/ring.wav');
    expect((shared['x'] as (e: string) => URL)('./chunk.js').href).toBe('app://desk/assets/chunk.js');
    (shared['bump'] as () => void)();
    expect(shared['n']).toBe(2);
    expect(Object.isFrozen(shared)).toBe(true);
  });

  it('keeps every line of the chunk where it was, one line down, and the source map comment last', () => {
    const code = classicEntryCode(ENTRY);
    const before = ENTRY.split('\n');
    const after = code.split('\n');
    // import.meta.url and import.meta.resolve are replaced by text of the same length, so columns hold too.
    for (const [index, line] of before.slice(0, 4).entries()) expect(after[index + 1]!.length).toBe(line.length);
    expect(after[1]).toBe(before[0]);
    expect(code.trimEnd().split('\n').at(-1)).toBe('//# sourceMappingURL=index-AbCd1234.js.map');
  });

  it('refuses a first chunk that imports or exports anywhere but its end', () => {
    expect(() => classicEntryCode('import{x}from"./other.js";var a=x;export{a};')).toThrow(/static import/);
    expect(() => classicEntryCode('var a=1;export{a};var b=2;')).toThrow(/export list/);
    expect(() => classicEntryCode('var a=import.meta.env;export{a};')).toThrow(/import\.meta/);
  });
});

describe('a lazy chunk reading the first chunk', () => {
  it("reads its imports from the first chunk's global, in the same number of characters", () => {
    const chunk = 'import{An as e,B as t,zt}from"./index-AbCd1234.js";import"./index-AbCd1234.js";import{a as l}from"./use-now-X1.js";var q=e+t;';
    const rewritten = importsFromGlobal(chunk, 'index-AbCd1234.js', 'assets/replay.js');
    expect(rewritten).toHaveLength(chunk.length);
    expect(rewritten.indexOf('var q=')).toBe(chunk.indexOf('var q='));
    expect(rewritten).toContain(`const{An:e,B:t,zt}=self.${CLASSIC_ENTRY_GLOBAL};`);
    expect(rewritten).toContain('import{a as l}from"./use-now-X1.js";');
    expect(rewritten).not.toContain('index-AbCd1234.js');
  });

  it('fails the build when a chunk refers to the first chunk in a way it cannot rewrite', () => {
    expect(() => importsFromGlobal('export*from"./index-AbCd1234.js";', 'index-AbCd1234.js', 'assets/x.js')).toThrow(/still refers/);
  });
});

describe('index.html', () => {
  it('loads the first chunk with a deferred classic script tag', () => {
    const html = '<head><script type="module" crossorigin src="./assets/index-AbCd1234.js"></script></head>';
    expect(classicScriptTag(html, 'index-AbCd1234.js')).toBe('<head><script defer src="./assets/index-AbCd1234.js"></script></head>');
    expect(() => classicScriptTag('<head></head>', 'index-AbCd1234.js')).toThrow(/no module script tag/);
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Sample paths for every route the service's source can answer, found without
 * a route table (each module matches paths its own way: constants compared
 * with the path, regular expressions, a prefix): every string constant that
 * starts with /v1/, and one or more paths each regular expression on a /v1
 * path accepts. The openapi test sends each of these with every method to a
 * running service, so a route is found by what the router does, not by how it
 * is written.
 */
export function routeSamples(root: string): string[] {
  const files = [...tsFiles(join(root, 'services/workorder')), ...tsFiles(join(root, 'src/shared'))];
  const sources = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const globals = new Map<string, string>();
  const locals = new Map<string, Map<string, string>>();
  for (const { file, text } of sources) {
    const mine = new Map<string, string>();
    for (const m of text.matchAll(/(?:^|\n)\s*(?:export\s+)?const\s+([A-Z][A-Z0-9_]*)\s*=\s*(?:'([^'\n]*)'|`([^`\n]*)`)/g)) {
      mine.set(m[1]!, m[2] ?? m[3]!);
    }
    locals.set(file, mine);
    for (const [name, value] of mine) if (!globals.has(name)) globals.set(name, value);
  }
  const resolve = (file: string, text: string, depth = 0): string =>
    depth > 5 ? text : text.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (_, name: string) => resolve(file, locals.get(file)?.get(name) ?? globals.get(name) ?? `\${${name}}`, depth + 1));

  const samples = new Set<string>();
  for (const { file, text } of sources) {
    for (const [, value] of locals.get(file)!) {
      const path = resolve(file, value);
      if (path.startsWith('/v1/') && !path.includes('${')) samples.add(path);
    }
    // Regular expression literals and `new RegExp(`...`)` on a /v1 path.
    const patterns = [
      ...[...text.matchAll(/\/(\^\\\/v1\\\/.*?\$)\/[dgimsuy]*(?=[,;)\s])/g)].map((m) => m[1]!),
      ...[...text.matchAll(/new RegExp\(`([^`]*)`\)/g)].map((m) => resolve(file, m[1]!).replace(/\\\\/g, '\\')),
    ].filter((pattern) => pattern.startsWith('^/v1/') || pattern.startsWith('^\\/v1\\/'));
    for (const pattern of patterns) for (const path of expand(pattern)) samples.add(path);
  }
  return [...samples].filter((path) => /^\/v1\/[\w\-./:~%]*$/.test(path)).sort();
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Strings the pattern accepts: each alternative of each group, an optional part with and without it, a repeat its fewest times (at least once). */
export function expand(pattern: string): string[] {
  let at = 0;
  const sequence = (): string[] => {
    let outs = [''];
    while (at < pattern.length && pattern[at] !== ')' && pattern[at] !== '|') {
      const atom = atomAt();
      const { min, optional } = quantifier();
      const repeated = atom.map((s) => s.repeat(Math.max(min, 1)));
      const choices = optional || min === 0 ? [...repeated, ''] : repeated;
      outs = outs.flatMap((prefix) => choices.map((choice) => prefix + choice)).slice(0, 64);
    }
    return outs;
  };
  const atomAt = (): string[] => {
    const c = pattern[at]!;
    if (c === '^' || c === '$') {
      at += 1;
      return [''];
    }
    if (c === '\\') {
      const e = pattern[at + 1]!;
      at += 2;
      return [e === 'd' ? '1' : e === 'w' ? 'a' : e];
    }
    if (c === '[') {
      const end = pattern.indexOf(']', at + 2);
      const body = pattern.slice(at + 1, end);
      at = end + 1;
      if (body.startsWith('^')) return ['x'];
      return [body[0] === '\\' ? body[1]! : body[0]!];
    }
    if (c === '(') {
      at += 1;
      if (pattern.startsWith('?:', at)) at += 2;
      const alternatives: string[] = [];
      for (;;) {
        alternatives.push(...sequence());
        if (pattern[at] === '|') at += 1;
        else break;
      }
      at += 1; // ')'
      return alternatives;
    }
    at += 1;
    return [c === '.' ? 'x' : c];
  };
  const quantifier = (): { min: number; optional: boolean } => {
    const c = pattern[at];
    const simple = c === '?' ? { min: 1, optional: true } : c === '*' ? { min: 0, optional: true } : c === '+' ? { min: 1, optional: false } : null;
    if (simple) {
      at += 1;
      return simple;
    }
    if (c === '{') {
      const end = pattern.indexOf('}', at);
      const min = Number(pattern.slice(at + 1, end).split(',')[0]);
      at = end + 1;
      return { min, optional: false };
    }
    return { min: 1, optional: false };
  };
  const outs: string[] = [];
  for (;;) {
    outs.push(...sequence());
    if (pattern[at] === '|') at += 1;
    else break;
  }
  return outs;
}

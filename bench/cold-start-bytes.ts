/**
 * What the first screen loads (issue 16): the scripts and stylesheets the built index.html loads
 * or modulepreloads, their bytes, and the JS bytes by where the code came from (a package, or a
 * folder of src/), mapped through the source maps. No browser: it reads a dist/renderer folder.
 *
 *   npx esbuild bench/cold-start-bytes.ts --bundle --platform=node --format=esm --outfile=/tmp/bytes.mjs && node /tmp/bytes.mjs [dist/renderer ...]
 *
 * One line per build: chunks, first-screen JS and CSS (KiB), all JS (KiB), the largest origins.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeMappings, sourceOrigin } from './profile-summary';

export interface FirstScreenBytes {
  scripts: string[];
  styles: string[];
  jsBytes: number;
  cssBytes: number;
  allJsBytes: number;
  /** First-screen JS bytes by origin, largest first. */
  byOrigin: Array<[string, number]>;
}

/** The first screen's files, from index.html: the entry script, its modulepreloads, its stylesheets. */
function firstScreenFiles(dir: string): { scripts: string[]; styles: string[] } {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    if (tag.startsWith('<script') && attr(tag, 'type') === 'module' && attr(tag, 'src')) scripts.push(attr(tag, 'src')!);
    else if (attr(tag, 'rel') === 'modulepreload') scripts.push(attr(tag, 'href')!);
    else if (attr(tag, 'rel') === 'stylesheet') styles.push(attr(tag, 'href')!);
  }
  return { scripts: scripts.map((s) => s.replace(/^\.\//, '')), styles: styles.map((s) => s.replace(/^\.\//, '')) };
}

/** Bytes of one minified file by origin: each mapped segment owns the bytes up to the next one. */
function bytesByOrigin(file: string, into: Map<string, number>): void {
  const mapPath = `${file}.map`;
  const code = readFileSync(file, 'utf8');
  if (!existsSync(mapPath)) {
    into.set('(no source map)', (into.get('(no source map)') ?? 0) + Buffer.byteLength(code));
    return;
  }
  const map = JSON.parse(readFileSync(mapPath, 'utf8')) as { mappings: string; sources: string[] };
  const lines = decodeMappings(map.mappings);
  code.split('\n').forEach((line, index) => {
    const segs = lines[index] ?? [];
    const add = (origin: string, from: number, to: number) => into.set(origin, (into.get(origin) ?? 0) + Buffer.byteLength(line.slice(from, to)));
    add('(unmapped)', 0, segs[0]?.[0] ?? line.length);
    segs.forEach(([col, source], i) => add(sourceOrigin(map.sources[source] ?? '(unmapped)'), col, segs[i + 1]?.[0] ?? line.length));
  });
}

export function firstScreenBytes(dir: string): FirstScreenBytes {
  const { scripts, styles } = firstScreenFiles(dir);
  const size = (f: string) => statSync(join(dir, f)).size;
  const byOrigin = new Map<string, number>();
  for (const script of scripts) bytesByOrigin(join(dir, script), byOrigin);
  const assets = join(dir, 'assets');
  const allJsBytes = readdirSync(assets).filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + statSync(join(assets, f)).size, 0);
  return {
    scripts,
    styles,
    jsBytes: scripts.reduce((sum, f) => sum + size(f), 0),
    cssBytes: styles.reduce((sum, f) => sum + size(f), 0),
    allJsBytes,
    byOrigin: [...byOrigin].sort((a, b) => b[1] - a[1]),
  };
}

const kib = (bytes: number) => (bytes / 1024).toFixed(0);

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const dir of process.argv.slice(2).length ? process.argv.slice(2) : ['dist/renderer']) {
    const b = firstScreenBytes(dir);
    console.log(
      `${dir}: ${b.scripts.length} scripts + ${b.styles.length} stylesheets at start; first-screen JS ${kib(b.jsBytes)} KiB, CSS ${kib(b.cssBytes)} KiB; all JS ${kib(b.allJsBytes)} KiB`,
    );
    console.log(`  largest: ${b.byOrigin.slice(0, 24).map(([origin, bytes]) => `${origin} ${kib(bytes)}`).join(', ')}`);
  }
}

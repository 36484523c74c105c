/**
 * Sums a V8 CPU profile (CDP Profiler) by where the code came from: each sampled frame of the
 * built bundle is mapped back through its source map to the original file (a package under
 * node_modules, or a folder of src/), so a minified bundle's profile says "react-dom" or
 * "features/phone" instead of "index-K67KmI9t.js:1:48213". Bench-only, no dependency: the
 * mappings are decoded here (Source Map v3, base64 VLQ).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Per generated line: [generated column, source index][] sorted by column. */
export type LineMap = Array<Array<[number, number]>>;

export function decodeMappings(mappings: string): LineMap {
  const lines: LineMap = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segs: Array<[number, number]> = [];
    let col = 0;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += values[0] ?? 0;
      if (values.length >= 4) source += values[1] ?? 0;
      segs.push([col, source]);
    }
    lines.push(segs);
  }
  return lines;
}

/** Maps script URL + position to a short name of the original source's package or folder. */
export class SourceResolver {
  private readonly maps = new Map<string, { lines: LineMap; sources: string[] } | null>();
  constructor(private readonly assetsDir: string) {}

  private mapFor(url: string): { lines: LineMap; sources: string[] } | null {
    const file = url.split('?')[0]!.split('/').pop() ?? '';
    if (!this.maps.has(file)) {
      const path = join(this.assetsDir, `${file}.map`);
      if (!file.endsWith('.js') || !existsSync(path)) this.maps.set(file, null);
      else {
        const raw = JSON.parse(readFileSync(path, 'utf8')) as { mappings: string; sources: string[] };
        this.maps.set(file, { lines: decodeMappings(raw.mappings), sources: raw.sources });
      }
    }
    return this.maps.get(file) ?? null;
  }

  /** 'react-dom', 'sip.js', 'src/renderer/features/phone', or the script's file name when it has no map. */
  origin(frame: ProfileNode['callFrame']): string {
    if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
    const map = this.mapFor(frame.url);
    if (!map) return frame.url.split('/').pop() || frame.url;
    const segs = map.lines[frame.lineNumber] ?? [];
    let found: number | undefined;
    for (const [col, source] of segs) {
      if (col > frame.columnNumber) break;
      found = source;
    }
    const source = found === undefined ? undefined : map.sources[found];
    return source ? sourceOrigin(source) : 'bundle (unmapped)';
  }
}

/** A source map's source as a package ('react-dom', '@scope/name') or a folder of src/ ('src/renderer/features/phone'). */
export function sourceOrigin(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = source.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const parts = source.replace(/^(\.\.\/)+/, '').split('/');
  // src/renderer/features/<name>, src/renderer/app, src/shared/<area>
  const depth = parts[2] === 'features' || parts[1] === 'shared' ? 4 : 3;
  return parts.slice(0, Math.min(depth, parts.length - 1)).join('/');
}

export interface Sample {
  /** Monotonic time of the sample, µs (same clock as Performance.getMetrics' NavigationStart × 1e6). */
  at: number;
  node: ProfileNode;
  /** Self time credited to this sample, µs. */
  us: number;
}

export function samplesOf(profile: CpuProfile): Sample[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out: Sample[] = [];
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const node = byId.get(profile.samples[i]!);
    if (node) out.push({ at, node, us: profile.timeDeltas[i + 1] ?? 0 });
  }
  return out;
}

/** Parent of every node, for inclusive ("under this function") sums. */
export function parentsOf(profile: CpuProfile): Map<number, ProfileNode> {
  const parent = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  return parent;
}

/** Self time summed by key, largest first, in ms. */
export function sumBy(samples: Sample[], key: (s: Sample) => string): Array<[string, number]> {
  const sums = new Map<string, number>();
  for (const s of samples) sums.set(key(s), (sums.get(key(s)) ?? 0) + s.us / 1000);
  return [...sums].sort((a, b) => b[1] - a[1]);
}

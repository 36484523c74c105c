import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

/**
 * What holds a page's JS heap: a heap snapshot over CDP (HeapProfiler), its
 * nodes' shallow (self) sizes summed by kind, like the Summary view of
 * DevTools. Objects and closures are grouped by constructor/function name;
 * strings, code, arrays and V8 internals by their type. Shallow sizes add up to
 * the heap total, so the groups say where the bytes are, not who retains them.
 */
export interface HeapGroup {
  key: string;
  count: number;
  bytes: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export async function heapSnapshotSummary(
  cdp: CDPSession,
  saveTo?: string,
): Promise<{ totalBytes: number; groups: HeapGroup[]; largestStrings: HeapGroup[] }> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const text = chunks.join('');
  if (saveTo) writeFileSync(saveTo, text);
  const snapshot = JSON.parse(text) as Snapshot;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, HeapGroup>();
  const strings: HeapGroup[] = [];
  let totalBytes = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]!] ?? 'unknown';
    const name = snapshot.strings[snapshot.nodes[i + nameAt]!] ?? '';
    const bytes = snapshot.nodes[i + sizeAt]!;
    totalBytes += bytes;
    const key =
      type === 'object' || type === 'closure' || type === 'native'
        ? `${type}: ${name.slice(0, 60)}`
        : type === 'hidden' || type === 'code' || type === 'array'
          ? `${type}: ${name.slice(0, 60)}`
          : `(${type})`;
    if ((type === 'string' || type === 'concatenated string' || type === 'sliced string') && bytes > 2_000) {
      strings.push({ key: JSON.stringify(name.slice(0, 70)), count: 1, bytes });
    }
    const group = groups.get(key) ?? { key, count: 0, bytes: 0 };
    group.count += 1;
    group.bytes += bytes;
    groups.set(key, group);
  }
  return {
    totalBytes,
    groups: [...groups.values()].sort((a, b) => b.bytes - a.bytes),
    largestStrings: strings.sort((a, b) => b.bytes - a.bytes).slice(0, 15),
  };
}

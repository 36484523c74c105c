import type { StoredTimelineEntry } from '../../../shared/domain/call/timeline';

/**
 * The work order as it stood at `atMs`: the fields of every work-order edit
 * on the timeline up to then, the later value of a field winning; null when
 * the timeline holds no edit yet.
 */
export function workOrderAt(timeline: readonly StoredTimelineEntry[], atMs: number): Record<string, unknown> | null {
  let fields: Record<string, unknown> | null = null;
  for (const entry of timeline) {
    if (entry.startMs > atMs) break;
    if (entry.kind !== 'work-order-edited') continue;
    fields = { ...(fields ?? {}), ...entry.payload.fields };
  }
  return fields;
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimelineEntryInput } from '../../shared/domain/call';
import { MAX_BATCH, TimelineWriter } from './timeline-writer';

describe('timeline batching', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends what queued in one call every 500 ms, numbering rows per call', async () => {
    const sent: [string, TimelineEntryInput[]][] = [];
    const writer = new TimelineWriter(async (callId, entries) => {
      sent.push([callId, entries]);
    });
    for (let i = 0; i < 30; i++) writer.record('call-a-000000', { kind: 'signal', subject: 'speech', startMs: i * 100.4, endMs: i * 100 + 50, payload: {} });
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(1);
    expect(sent[0]![1].map((entry) => entry.seq)).toEqual([...Array(30).keys()]);
    expect(sent[0]![1][1]!.startMs).toBe(100); // whole milliseconds
    writer.record('call-a-000000', { kind: 'hotkey', subject: 'abusive', startMs: 5, payload: {} });
    await writer.flush();
    expect(sent[1]![1][0]!.seq).toBe(30);
  });

  it('resends a failed batch with the same seqs, and splits big ones', async () => {
    let fail = true;
    const sent: TimelineEntryInput[][] = [];
    const writer = new TimelineWriter(async (_callId, entries) => {
      sent.push(entries);
      if (fail) throw new Error('main busy');
    });
    for (let i = 0; i < MAX_BATCH + 10; i++) writer.record('call-b-000000', { kind: 'signal', startMs: i, payload: {} });
    await writer.flush();
    expect(sent).toHaveLength(1);
    expect(writer.pending).toBe(MAX_BATCH + 10);
    fail = false;
    await vi.advanceTimersByTimeAsync(2000);
    expect(writer.pending).toBe(0);
    const seqs = sent.slice(1).flatMap((batch) => batch.map((entry) => entry.seq));
    expect(seqs).toEqual([...Array(MAX_BATCH + 10).keys()]);
    expect(Math.max(...sent.map((batch) => batch.length))).toBe(MAX_BATCH);
  });
});

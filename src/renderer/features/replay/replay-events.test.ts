import { describe, expect, it } from 'vitest';
import { StoredTimelineEntrySchema, type StoredTimelineEntry } from '../../../shared/domain/call/timeline';
import { recordingTime, wallTime } from '../../../shared/review/review';
import { neighbourEvent, replayEvents } from './replay-events';
import { workOrderAt } from './work-order-at';

const stored = (entries: object[]): StoredTimelineEntry[] => entries.map((entry, seq) => StoredTimelineEntrySchema.parse({ subject: '', endMs: null, ...entry, seq, recordedAt: 0 }));

const timeline = stored([
  { kind: 'signal', subject: 'speech', startMs: 500, endMs: 3000, payload: { side: 'agent' } },
  { kind: 'step-ticked', subject: 'greeting', startMs: 3100, payload: { by: 'auto' } },
  { kind: 'work-order-edited', startMs: 8000, payload: { fields: { summary: '噪音', type: null } } },
  { kind: 'prompt-shown', subject: 'emergency', startMs: 9000, payload: { id: 'p1', kind: 'emergency', priority: 100, severity: 'critical', title: '紧急' } },
  { kind: 'work-order-edited', startMs: 15_000, payload: { fields: { summary: '夜间施工噪音', type: 'complaint' } } },
]);

describe('replay events and the work order at a moment', () => {
  it('lists the timeline without speech spans, with the annotations, in call order', () => {
    const events = replayEvents(timeline, [{ id: 3, callId: 'c-00000001', startMs: 8500, endMs: 9500, tag: 'good-practice', text: '好', author: '', createdAt: 0 }]);
    expect(events.map((event) => [event.key, event.family])).toEqual([
      ['t1', 'step'],
      ['t2', 'work-order'],
      ['a3', 'annotation'],
      ['t3', 'emergency'],
      ['t4', 'work-order'],
    ]);
    expect(neighbourEvent(events, 8000, 1)?.key).toBe('a3');
    expect(neighbourEvent(events, 9000, -1)?.key).toBe('a3');
    expect(neighbourEvent(events, 3200, -1)).toBeNull();
  });

  it('rebuilds the work order as it stood at any moment from its edits', () => {
    expect(workOrderAt(timeline, 7999)).toBeNull();
    expect(workOrderAt(timeline, 8000)).toEqual({ summary: '噪音', type: null });
    expect(workOrderAt(timeline, 20_000)).toEqual({ summary: '夜间施工噪音', type: 'complaint' });
  });

  it('maps call time to recording time around holds and back', () => {
    const holds = [{ atMs: 10_000, heldMs: 30_000 }];
    expect(recordingTime(5000, holds)).toBe(5000);
    expect(recordingTime(20_000, holds)).toBe(10_000);
    expect(recordingTime(45_000, holds)).toBe(15_000);
    expect(wallTime(15_000, holds)).toBe(45_000);
    expect(wallTime(5000, holds)).toBe(5000);
  });
});

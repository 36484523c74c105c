import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimelineRecord } from '../../../shared/domain/call';
import { emptyWorkOrderDraft } from '../../../shared/domain/work-order';
import type { TimelineRecorder } from '../../base/timeline-recorder';
import { WorkOrderTrail } from './work-order-trail';

describe('the work order on the timeline', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('records where the draft started, then only the fields that changed, one entry per burst of typing, long text cut', () => {
    const recorded: { entry: TimelineRecord; wall: number | undefined }[] = [];
    const trail = new WorkOrderTrail({ record: (entry: TimelineRecord, wall?: number) => recorded.push({ entry, wall }) } as unknown as TimelineRecorder);
    const draft = emptyWorkOrderDraft();
    trail.changed(draft);
    vi.advanceTimersByTime(2000);
    expect(recorded).toHaveLength(1);
    trail.changed({ ...draft, summary: '噪' });
    vi.advanceTimersByTime(500);
    trail.changed({ ...draft, summary: '噪音', description: 'x'.repeat(5000) });
    vi.advanceTimersByTime(2000);
    expect(recorded).toHaveLength(2);
    const fields = (recorded[1]!.entry.payload as { fields: Record<string, string> }).fields;
    expect(Object.keys(fields).sort()).toEqual(['description', 'summary']);
    expect(fields.summary).toBe('噪音');
    expect(fields.description!.length).toBe(601);
    expect(recorded[1]!.wall).toBe(1_002_500);
    trail.changed({ ...draft, summary: '噪音', description: 'x'.repeat(5000), type: 'complaint' });
    trail.flush();
    expect(recorded).toHaveLength(3);
    expect((recorded[2]!.entry.payload as { fields: object }).fields).toEqual({ type: 'complaint' });
  });
});

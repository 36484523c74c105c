import type { WorkOrderDraft } from '../../../shared/domain/work-order';
import type { TimelineRecorder } from '../../base/timeline-recorder';

/** Edits closer together than this make one timeline entry (typing is not a row per key). */
const COALESCE_MS = 2000;
/** A long text is cut in its entry: a timeline entry's payload is bounded (8,000 characters). */
const TEXT_MAX = 600;

const cut = (value: unknown): unknown => (typeof value === 'string' && value.length > TEXT_MAX ? `${value.slice(0, TEXT_MAX)}…` : value);

/**
 * The work order's edits on the call's timeline (kind work-order-edited),
 * so the replay shows the order as it was at any moment: the fields that
 * changed, at most one entry every 2 s while the agent types, the last one
 * written when the call's session lets go.
 */
export class WorkOrderTrail {
  private last: WorkOrderDraft | null = null;
  private pending: Record<string, unknown> = {};
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the newest pending change was made: the entry says the order was so from then. */
  private changedAt = 0;

  constructor(private readonly timeline: TimelineRecorder) {}

  /** The editor's fields now; the first call only notes where the draft started. */
  changed(fields: WorkOrderDraft): void {
    const before = this.last;
    this.last = fields;
    if (before === null) {
      this.pending = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, cut(value)]));
    } else {
      for (const key of Object.keys(fields) as (keyof WorkOrderDraft)[]) {
        if (JSON.stringify(fields[key]) !== JSON.stringify(before[key])) this.pending[key] = cut(fields[key]);
      }
    }
    this.changedAt = Date.now();
    if (Object.keys(this.pending).length > 0) this.timer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (Object.keys(this.pending).length === 0) return;
    this.timeline.record({ kind: 'work-order-edited', subject: '', startMs: 0, payload: { fields: this.pending } }, this.changedAt);
    this.pending = {};
  }
}

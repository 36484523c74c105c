import type { TimelineRecord } from '../../shared/domain/call';
import type { TimelineWriter } from './timeline-writer';

/**
 * One call's timeline: entries are offsets in ms from answer. What happens
 * before answer (ringing) is kept until the answer time is known, then written
 * with negative offsets; after a call that was never answered, from its start.
 * The writer batches the rows of every call to main.
 */
export class TimelineRecorder {
  private answeredAt: number | null = null;
  private ended = false;
  private preAnswer: { wall: number; entry: TimelineRecord }[] = [];

  constructor(
    readonly callId: string,
    private readonly startedAt: number,
    private readonly writer: TimelineWriter,
  ) {}

  /** Something that happened now (or at `wall`); `entry.startMs` is added to its offset. */
  record(entry: TimelineRecord, wall = Date.now()): void {
    if (this.answeredAt === null && !this.ended) {
      this.preAnswer.push({ wall, entry });
      return;
    }
    const zero = this.answeredAt ?? this.startedAt;
    this.writer.record(this.callId, { ...entry, startMs: entry.startMs + (wall - zero) } as TimelineRecord);
  }

  /** An entry whose offsets from answer are already known (audio spans). */
  recordAtOffset(entry: TimelineRecord): void {
    this.writer.record(this.callId, entry);
  }

  answered(at: number): void {
    if (this.answeredAt !== null) return;
    this.answeredAt = at;
    this.release();
  }

  /** Ms since answer (or since the start for a call never answered). */
  offsetNow(): number {
    return Date.now() - (this.answeredAt ?? this.startedAt);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.release();
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  private release(): void {
    const zero = this.answeredAt ?? this.startedAt;
    for (const item of this.preAnswer) {
      this.writer.record(this.callId, { ...item.entry, startMs: item.entry.startMs + (item.wall - zero) } as TimelineRecord);
    }
    this.preAnswer = [];
  }
}

import type Database from 'better-sqlite3';
import type { StoredTimelineEntry, TimelineEntry, TimelineKind } from '../../shared/ipc/contract-guidance';

interface TimelineRow {
  seq: number;
  kind: TimelineKind;
  subject: string;
  start_ms: number;
  end_ms: number | null;
  payload: string;
  recorded_at: number;
}

/**
 * A call's timeline (migration 0030): append in batches, read back in call
 * time for replay. A batch is one transaction (one fsync with
 * synchronous=FULL), which is what makes batching cheap.
 */
export class TimelineRepo {
  private readonly insert: Database.Statement;
  private readonly select: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare(
      `INSERT INTO call_timeline (call_id, seq, kind, subject, start_ms, end_ms, payload, recorded_at)
       VALUES (@callId, @seq, @kind, @subject, @startMs, @endMs, @payload, @recordedAt)
       ON CONFLICT (call_id, seq) DO NOTHING`,
    );
    this.select = db.prepare('SELECT seq, kind, subject, start_ms, end_ms, payload, recorded_at FROM call_timeline WHERE call_id = ? ORDER BY start_ms, seq');
  }

  /** Returns how many rows were new (a resent batch stores nothing twice). */
  append(callId: string, entries: readonly TimelineEntry[]): number {
    const recordedAt = this.now();
    return this.db.transaction(() => {
      let stored = 0;
      for (const entry of entries) {
        stored += this.insert.run({
          callId,
          seq: entry.seq,
          kind: entry.kind,
          subject: entry.subject,
          startMs: entry.startMs,
          endMs: entry.endMs,
          payload: JSON.stringify(entry.payload),
          recordedAt,
        }).changes;
      }
      return stored;
    })();
  }

  list(callId: string): StoredTimelineEntry[] {
    return (this.select.all(callId) as TimelineRow[]).map((row) => ({
      seq: row.seq,
      kind: row.kind,
      subject: row.subject,
      startMs: row.start_ms,
      endMs: row.end_ms,
      payload: JSON.parse(row.payload) as unknown,
      recordedAt: row.recorded_at,
    })) as StoredTimelineEntry[];
  }
}

import type Database from 'better-sqlite3';
import type { CallEnded, CallLogEntry, CallQualitySummary, CallStarted } from '../../shared/domain/call-log';
import { normalizePhone } from '../../shared/domain/work-order';

interface CallRow {
  id: string;
  direction: CallLogEntry['direction'];
  remote_number: string;
  remote_name: string;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  outcome: CallLogEntry['outcome'];
  ended_by: CallLogEntry['endedBy'];
  quality_samples: number | null;
  mos_avg: number | null;
  mos_min: number | null;
  loss_avg_percent: number | null;
  jitter_max_ms: number | null;
  rtt_avg_ms: number | null;
  practice: number;
}

const qualityOf = (row: CallRow): CallQualitySummary | null =>
  row.quality_samples === null || row.mos_avg === null || row.mos_min === null || row.loss_avg_percent === null || row.jitter_max_ms === null
    ? null
    : {
        samples: row.quality_samples,
        mosAvg: row.mos_avg,
        mosMin: row.mos_min,
        lossAvgPercent: row.loss_avg_percent,
        jitterMaxMs: row.jitter_max_ms,
        rttAvgMs: row.rtt_avg_ms,
      };

const toEntry = (row: CallRow): CallLogEntry => ({
  id: row.id,
  direction: row.direction,
  remoteNumber: row.remote_number,
  remoteName: row.remote_name,
  startedAt: row.started_at,
  answeredAt: row.answered_at,
  endedAt: row.ended_at,
  outcome: row.outcome,
  endedBy: row.ended_by,
  quality: qualityOf(row),
  practice: row.practice === 1,
});

/** The call log: one row per call, filled in as the call progresses. */
export class CallsRepo {
  constructor(private readonly db: Database.Database) {}

  started(call: CallStarted): void {
    // A repeated report (renderer retry) keeps the first start time.
    this.db
      .prepare(
        `INSERT INTO calls (id, direction, remote_number, remote_name, started_at, remote_number_norm, practice)
         VALUES (@id, @direction, @remoteNumber, @remoteName, @startedAt, @norm, @practice)
         ON CONFLICT (id) DO NOTHING`,
      )
      .run({ ...call, norm: normalizePhone(call.remoteNumber.trim()), practice: call.practice ? 1 : 0 });
  }

  /** The first answer time wins; a call main has not heard of yet is logged from the answer's identity. */
  answered(call: CallStarted & { answeredAt: number }): void {
    this.started(call);
    this.db.prepare('UPDATE calls SET answered_at = ? WHERE id = ? AND answered_at IS NULL').run(call.answeredAt, call.id);
  }

  /** Earlier answered real calls from this (normalised) number, not counting `exceptId`. */
  answeredBefore(norm: string, exceptId: string): number {
    if (norm === '') return 0;
    return this.db
      .prepare("SELECT count(*) FROM calls WHERE remote_number_norm = ? AND id != ? AND answered_at IS NOT NULL AND practice = 0")
      .pluck()
      .get(norm, exceptId) as number;
  }

  /** The first report wins (a retry changes nothing), quality included. */
  ended(call: CallEnded): boolean {
    const q = call.quality ?? null;
    return (
      this.db
        .prepare(
          `UPDATE calls SET ended_at = @endedAt, outcome = @outcome, ended_by = @endedBy,
             quality_samples = @samples, mos_avg = @mosAvg, mos_min = @mosMin,
             loss_avg_percent = @lossAvgPercent, jitter_max_ms = @jitterMaxMs, rtt_avg_ms = @rttAvgMs
           WHERE id = @id AND ended_at IS NULL`,
        )
        .run({
          id: call.id,
          endedAt: call.endedAt,
          outcome: call.outcome,
          endedBy: call.endedBy,
          samples: q?.samples ?? null,
          mosAvg: q?.mosAvg ?? null,
          mosMin: q?.mosMin ?? null,
          lossAvgPercent: q?.lossAvgPercent ?? null,
          jitterMaxMs: q?.jitterMaxMs ?? null,
          rttAvgMs: q?.rttAvgMs ?? null,
        }).changes > 0 || this.exists(call.id)
    );
  }

  get(id: string): CallLogEntry | null {
    const row = this.db.prepare('SELECT * FROM calls WHERE id = ?').get(id) as CallRow | undefined;
    return row ? toEntry(row) : null;
  }

  list(limit: number): CallLogEntry[] {
    return (this.db.prepare('SELECT * FROM calls ORDER BY started_at DESC LIMIT ?').all(limit) as CallRow[]).map(toEntry);
  }

  private exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM calls WHERE id = ?').get(id) !== undefined;
  }
}

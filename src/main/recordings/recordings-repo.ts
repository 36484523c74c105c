import type Database from 'better-sqlite3';
import { z } from 'zod';
import { lazySchema } from '../../shared/base/lazy-schema';
import {
  RecordingHoldSchema,
  type RecordingHold,
  type RecordingKeyProtection,
  type RecordingState,
  type RecordingSummary,
} from '../../shared/recording/recording';

export interface RecordingRow {
  id: string;
  call_id: string;
  practice: number;
  started_at: number;
  ended_at: number | null;
  state: RecordingState;
  duration_ms: number | null;
  holds: string;
  held_since: number | null;
  bytes: number;
  next_seq: number;
  desk_key_id: number;
  wrapped_key: Buffer;
  file: string;
  protection: RecordingKeyProtection;
}

const HoldsSchema = lazySchema(() => z.array(RecordingHoldSchema));

export function holdsOf(row: RecordingRow): RecordingHold[] {
  const parsed = HoldsSchema.safeParse(JSON.parse(row.holds));
  return parsed.success ? parsed.data : [];
}

export function summaryOf(row: RecordingRow): RecordingSummary {
  return {
    id: row.id,
    callId: row.call_id,
    practice: row.practice === 1,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    state: row.state,
    durationMs: row.duration_ms,
    holds: holdsOf(row),
    bytes: row.bytes,
    keyProtection: row.protection,
  };
}

const SELECT = 'SELECT r.*, k.protection FROM recordings r JOIN recording_desk_keys k ON k.id = r.desk_key_id';

/** The recordings' rows: where each file is, its wrapped key and what it holds. */
export class RecordingsRepo {
  constructor(private readonly db: Database.Database) {}

  insert(row: Pick<RecordingRow, 'id' | 'call_id' | 'practice' | 'started_at' | 'desk_key_id' | 'wrapped_key' | 'file' | 'bytes'>): void {
    this.db
      .prepare(
        `INSERT INTO recordings (id, call_id, practice, started_at, state, desk_key_id, wrapped_key, file, bytes, upload_state)
         VALUES (@id, @call_id, @practice, @started_at, 'recording', @desk_key_id, @wrapped_key, @file, @bytes, CASE WHEN @practice = 1 THEN 'skipped' ELSE 'pending' END)`,
      )
      .run(row);
  }

  get(id: string): RecordingRow | undefined {
    return this.db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RecordingRow | undefined;
  }

  byCall(callId: string): RecordingRow[] {
    return this.db.prepare(`${SELECT} WHERE r.call_id = ? ORDER BY r.started_at`).all(callId) as RecordingRow[];
  }

  unfinished(): RecordingRow[] {
    return this.db.prepare(`${SELECT} WHERE r.state = 'recording' ORDER BY r.started_at`).all() as RecordingRow[];
  }

  startedBefore(at: number): RecordingRow[] {
    return this.db.prepare(`${SELECT} WHERE r.started_at < ? AND r.state != 'recording' ORDER BY r.started_at`).all(at) as RecordingRow[];
  }

  appended(id: string, nextSeq: number, bytes: number): void {
    this.db.prepare('UPDATE recordings SET next_seq = ?, bytes = ? WHERE id = ?').run(nextSeq, bytes, id);
  }

  setHolds(id: string, holds: RecordingHold[], heldSince: number | null): void {
    this.db.prepare('UPDATE recordings SET holds = ?, held_since = ? WHERE id = ?').run(JSON.stringify(holds), heldSince, id);
  }

  finished(id: string, change: { state: RecordingState; endedAt: number | null; durationMs: number; bytes: number; nextSeq: number }): void {
    this.db
      .prepare('UPDATE recordings SET state = ?, ended_at = ?, duration_ms = ?, bytes = ?, next_seq = ?, held_since = NULL WHERE id = ?')
      .run(change.state, change.endedAt, change.durationMs, change.bytes, change.nextSeq, id);
  }

  /** Removes the row and logs the deletion, in one transaction. */
  deleteLogged(row: RecordingRow, reason: string, at: number): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO recording_deletions (recording_id, call_id, started_at, deleted_at, reason) VALUES (?, ?, ?, ?, ?)').run(row.id, row.call_id, row.started_at, at, reason);
      this.db.prepare('DELETE FROM recordings WHERE id = ?').run(row.id);
    })();
  }

  deletions(): { recording_id: string; call_id: string; started_at: number; deleted_at: number; reason: string }[] {
    return this.db.prepare('SELECT * FROM recording_deletions ORDER BY deleted_at').all() as never;
  }
}

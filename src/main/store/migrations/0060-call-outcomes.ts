import type { Migration } from './migration';

/**
 * Two more outcomes for outbound calls: `busy` (486/600) and `no-answer`
 * (480/408, or the far end rang out). SQLite cannot alter a CHECK constraint, so
 * the table is rebuilt (SQLite's documented 12-step procedure, inside the
 * migration's transaction). We keep the CHECK rather than relying on zod alone:
 * the database is the last line against a bad write from any code path, and
 * the other enum columns are checked the same way.
 *
 * A table may reference calls(id) (ticket_drafts did), and `PRAGMA
 * foreign_keys` cannot be switched off inside the migration's transaction.
 * RENAME would rewrite the children's REFERENCES to the renamed table, so the
 * rows are copied aside instead, `calls` is dropped and created again under
 * the same name (children keep naming `calls`), and the rows copied back. With
 * defer_foreign_keys ON, dropping `calls` counts the referenced child rows as
 * pending violations and re-inserting their parents clears them again before
 * COMMIT (the migration test checks this with a child table).
 */
export const migration0060: Migration = {
  version: 60,
  name: 'call-outcomes',
  up: (db) => {
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      CREATE TEMP TABLE calls_copy AS SELECT * FROM calls;
      DROP TABLE calls;
      CREATE TABLE calls (
        id TEXT PRIMARY KEY,
        direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        remote_number TEXT NOT NULL,
        remote_name TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        answered_at INTEGER,
        ended_at INTEGER,
        outcome TEXT CHECK (outcome IN ('answered', 'missed', 'declined', 'failed', 'busy', 'no-answer')),
        ended_by TEXT CHECK (ended_by IN ('agent', 'remote', 'system')),
        quality_samples INTEGER CHECK (quality_samples IS NULL OR quality_samples > 0),
        mos_avg REAL CHECK (mos_avg IS NULL OR mos_avg BETWEEN 1 AND 4.5),
        mos_min REAL CHECK (mos_min IS NULL OR mos_min BETWEEN 1 AND 4.5),
        loss_avg_percent REAL CHECK (loss_avg_percent IS NULL OR loss_avg_percent BETWEEN 0 AND 100),
        jitter_max_ms REAL CHECK (jitter_max_ms IS NULL OR jitter_max_ms >= 0),
        rtt_avg_ms REAL CHECK (rtt_avg_ms IS NULL OR rtt_avg_ms >= 0)
      ) STRICT;
      INSERT INTO calls (id, direction, remote_number, remote_name, started_at, answered_at, ended_at, outcome, ended_by,
                         quality_samples, mos_avg, mos_min, loss_avg_percent, jitter_max_ms, rtt_avg_ms)
        SELECT id, direction, remote_number, remote_name, started_at, answered_at, ended_at, outcome, ended_by,
               quality_samples, mos_avg, mos_min, loss_avg_percent, jitter_max_ms, rtt_avg_ms
        FROM temp.calls_copy;
      DROP TABLE temp.calls_copy;
      CREATE INDEX calls_by_start ON calls (started_at DESC);
    `);
  },
};

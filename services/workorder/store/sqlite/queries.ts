import type Database from 'better-sqlite3';

export const RECORD_COLUMNS =
  'id, team_id, agent_id, idempotency_key, request_hash, first_response, version, status, fields, created_at, updated_at, status_changed_at';

/**
 * The hot statements, one place, so test/unit/workorder-service/query-plans.test.ts
 * can EXPLAIN QUERY PLAN exactly what the store runs.
 */
export const SQLITE_QUERIES = {
  /**
   * Caller history (screen pop). Written as two index lookups joined by UNION,
   * not `caller = ? OR callback = ?`: with the OR, SQLite walks the team's
   * idempotency-key index over all the team's rows (seconds on a year of data).
   * Each side stops after `limit` rows of its (team, phone, created_at) index.
   */
  byPhone: `SELECT ${RECORD_COLUMNS} FROM work_orders WHERE rowid IN (
      SELECT rowid FROM (SELECT rowid FROM work_orders
        WHERE within_deadline(rowid) AND team_id = @team AND caller_phone_norm = @phone ORDER BY created_at DESC, id DESC LIMIT @limit)
      UNION
      SELECT rowid FROM (SELECT rowid FROM work_orders
        WHERE within_deadline(rowid) AND team_id = @team AND callback_phone_norm = @phone ORDER BY created_at DESC, id DESC LIMIT @limit)
    ) ORDER BY created_at DESC, id DESC LIMIT @limit`,
  /** The team's changes after a cursor, on the (team_id, seq) index. */
  changes: `SELECT seq, work_order_id, agent_id, kind, status, version, note, at FROM work_order_changes
      WHERE within_deadline(seq) AND team_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  /** The team's newest cursor (a new desk starts here). */
  head: 'SELECT max(seq) AS head FROM work_order_changes WHERE team_id = ?',
  byKey: `SELECT ${RECORD_COLUMNS} FROM work_orders WHERE team_id = ? AND idempotency_key = ?`,
  byId: `SELECT ${RECORD_COLUMNS} FROM work_orders WHERE team_id = ? AND id = ?`,
  findToken: 'SELECT id, agent_id, team_id, role, label, created_at, revoked_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL',
} as const;

/**
 * `within_deadline(x)` for the hot reads: SQLite evaluates it on every row the
 * statement examines, so a read whose plan went wrong (or a year larger than
 * planned) stops at the request's deadline instead of holding the event loop
 * for seconds; better-sqlite3 has no other way to interrupt a statement. A JS
 * call per examined row: microseconds with the tested plans (at most a few
 * hundred rows), about 2.5 times a full scan's cost when a plan goes wrong.
 */
export function registerDeadlineCheck(db: Database.Database, deadline: () => number, onPassed: () => Error): void {
  db.function('within_deadline', { deterministic: false, varargs: true }, () => {
    if (Date.now() > deadline()) throw onPassed();
    return 1;
  });
}

/**
 * Rows examined per index by ANALYZE: enough for the planner's row estimates,
 * and it bounds the time `PRAGMA optimize` takes on a large file (milliseconds,
 * not a full scan of millions of rows).
 */
export const ANALYSIS_LIMIT = 1000;

/**
 * Refreshes the planner's statistics where they are missing or stale. At open
 * (0x10002: also tables never analyzed, as SQLite's docs recommend for a
 * long-lived connection's start) and then periodically (see the store).
 */
export function optimizeSqlite(db: Database.Database, atOpen = true): void {
  db.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
  db.pragma(atOpen ? 'optimize = 0x10002' : 'optimize');
}

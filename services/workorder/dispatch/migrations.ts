import type Database from 'better-sqlite3';

/**
 * Dispatch records and outcomes (dispatch-store.ts): per work order, what the
 * desk suggested and the agent chose; then every outcome the centre reported
 * (accepted, returned, re-dispatched), numbered per database so desks read
 * their team's outcomes after a sequence number. The same tables on both
 * stores; the lists in store/sqlite/migrations.ts and store/postgres/migrations.ts
 * take these in version order. (The catalogue itself is reference data.)
 */
const tables = (ms: 'INTEGER' | 'BIGINT', id: string, strict: string) => `
  CREATE TABLE dispatch_records (
    team_id TEXT NOT NULL,
    work_order_id TEXT NOT NULL,
    category TEXT,
    -- JSON arrays of department ids, best suggestion first.
    suggested TEXT NOT NULL,
    top_matter_id TEXT,
    chosen TEXT NOT NULL,
    catalogue_version INTEGER NOT NULL,
    agent_id TEXT NOT NULL,
    recorded_at ${ms} NOT NULL,
    PRIMARY KEY (team_id, work_order_id)
  )${strict};
  CREATE INDEX dispatch_records_by_time ON dispatch_records (team_id, recorded_at);

  CREATE TABLE dispatch_outcomes (
    seq ${id},
    team_id TEXT NOT NULL,
    work_order_id TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'returned', 'redispatched')),
    reason TEXT NOT NULL,
    department_ids TEXT NOT NULL,
    reported_by TEXT NOT NULL,
    at ${ms} NOT NULL
  )${strict};
  CREATE INDEX dispatch_outcomes_by_team ON dispatch_outcomes (team_id, seq);
  CREATE INDEX dispatch_outcomes_by_order ON dispatch_outcomes (team_id, work_order_id, seq);
`;

export const DISPATCH_SQLITE_MIGRATION = {
  name: 'dispatch records and outcomes',
  up: (db: Database.Database) => {
    db.exec(tables('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT', ' STRICT'));
  },
};

export const DISPATCH_POSTGRES_MIGRATION = {
  name: 'dispatch records and outcomes',
  sql: tables('BIGINT', 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', ''),
};

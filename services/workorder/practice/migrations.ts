import type Database from 'better-sqlite3';

/**
 * Practice results (issue 14): one row per finished practice call of a
 * trainee, apart from the work orders (a practice call is never a work order
 * nor counted in real statistics). The desk's idempotency key makes a resend
 * store nothing twice; (agent, call) does too, whatever key a desk sends.
 * The same table on both stores; the lists in store/sqlite/migrations.ts and
 * store/postgres/migrations.ts take these in version order.
 */
const tables = (ms: 'INTEGER' | 'BIGINT', strict: string) => `
  CREATE TABLE practice_results (
    idempotency_key TEXT PRIMARY KEY,
    team_id TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    call_id TEXT NOT NULL,
    scenario_id TEXT NOT NULL,
    scenario_version TEXT NOT NULL,
    score INTEGER NOT NULL,
    max_score INTEGER NOT NULL,
    ended_at ${ms} NOT NULL,
    -- The whole result as the desk sent it (items, signals, lines), JSON.
    body TEXT NOT NULL,
    received_at ${ms} NOT NULL,
    UNIQUE (agent_id, call_id)
  )${strict};
  CREATE INDEX practice_results_by_team ON practice_results (team_id, ended_at);
  CREATE INDEX practice_results_by_agent ON practice_results (agent_id, ended_at);
`;

export const PRACTICE_SQLITE_MIGRATION = {
  name: 'practice results',
  up: (db: Database.Database) => {
    db.exec(tables('INTEGER', ' STRICT'));
  },
};

export const PRACTICE_POSTGRES_MIGRATION = {
  name: 'practice results',
  sql: tables('BIGINT', ''),
};

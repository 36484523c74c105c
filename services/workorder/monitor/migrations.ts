import type Database from 'better-sqlite3';

/**
 * Monitor grants, their central log, the signing key and the centre's monitor
 * setting (issue 12), the same tables on both stores; the lists in
 * store/sqlite/migrations.ts and store/postgres/migrations.ts take these in
 * version order. IF NOT EXISTS: before they were in the lists, the monitor
 * store made these tables itself on first use, so a database of that time
 * already has them (with rows) and must migrate without error.
 */
const monitorTables = (ms: 'INTEGER' | 'BIGINT', strict: string) => `
  CREATE TABLE IF NOT EXISTS monitor_keys (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    kid TEXT NOT NULL,
    private_jwk TEXT NOT NULL,
    public_jwk TEXT NOT NULL,
    created_at ${ms} NOT NULL
  )${strict};
  CREATE TABLE IF NOT EXISTS monitor_grants (
    jti TEXT PRIMARY KEY,
    team_id TEXT NOT NULL,
    lead_person_id TEXT NOT NULL,
    agent_person_id TEXT NOT NULL,
    call_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    issued_at ${ms} NOT NULL,
    expires_at ${ms} NOT NULL,
    redeemed_at ${ms}
  )${strict};
  CREATE TABLE IF NOT EXISTS monitor_log (
    id TEXT PRIMARY KEY,
    at ${ms} NOT NULL,
    kind TEXT NOT NULL,
    team_id TEXT NOT NULL,
    lead_person_id TEXT,
    agent_person_id TEXT NOT NULL,
    call_id TEXT NOT NULL,
    mode TEXT,
    jti TEXT,
    reason TEXT
  )${strict};
  CREATE INDEX IF NOT EXISTS monitor_log_by_team ON monitor_log (team_id, at);
  CREATE TABLE IF NOT EXISTS monitor_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    body TEXT NOT NULL,
    updated_at ${ms} NOT NULL
  )${strict};
`;

export const MONITOR_SQLITE_MIGRATION = {
  name: 'monitor grants, log, key and settings',
  up: (db: Database.Database) => {
    db.exec(monitorTables('INTEGER', ' STRICT'));
  },
};

export const MONITOR_POSTGRES_MIGRATION = {
  name: 'monitor grants, log, key and settings',
  sql: monitorTables('BIGINT', ''),
};

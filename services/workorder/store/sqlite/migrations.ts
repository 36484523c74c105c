import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { runSqliteMigrations, type SqliteMigration as SharedSqliteMigration } from '../../../../src/shared/base/sqlite-migrations';
import { PEOPLE_SQLITE_MIGRATION } from '../../people/migrations';
import { FLOOR_ALERTS_SQLITE_MIGRATION, FLOOR_SQLITE_MIGRATION } from '../../floor/migrations';
import { REFERENCE_SQLITE_MIGRATION } from '../../reference/migrations';
import { DISPATCH_SQLITE_MIGRATION } from '../../dispatch/migrations';
import { REVIEWS_SQLITE_MIGRATION } from '../../reviews/migrations';
import { PRACTICE_SQLITE_MIGRATION } from '../../practice/migrations';
import { MONITOR_SQLITE_MIGRATION } from '../../monitor/migrations';

export type SqliteMigration = SharedSqliteMigration<Database.Database>;

/**
 * The service's schema. The SQL sticks to what PostgreSQL also reads (TEXT,
 * INTEGER, CHECK, UNIQUE, ON CONFLICT ... DO NOTHING RETURNING); the SQLite-only
 * parts are STRICT and the AUTOINCREMENT key, which in PostgreSQL become plain
 * tables and `BIGINT GENERATED ALWAYS AS IDENTITY`. Never edit a shipped migration.
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 10,
    name: 'initial',
    up: (db) => {
      db.exec(`
        CREATE TABLE api_tokens (
          id TEXT PRIMARY KEY,
          token_hash TEXT NOT NULL UNIQUE,
          agent_id TEXT NOT NULL,
          team_id TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('agent', 'centre')),
          label TEXT NOT NULL DEFAULT '',
          created_at INTEGER NOT NULL,
          revoked_at INTEGER
        ) STRICT;

        CREATE TABLE work_orders (
          id TEXT PRIMARY KEY,
          team_id TEXT NOT NULL,
          agent_id TEXT NOT NULL,
          idempotency_key TEXT NOT NULL,
          request_hash TEXT NOT NULL,
          -- The 201 body of the create, replayed verbatim for a retried key.
          first_response TEXT NOT NULL,
          version INTEGER NOT NULL CHECK (version > 0),
          status TEXT NOT NULL CHECK (status IN ('received', 'dispatched', 'replied', 'follow-up-due', 'closed')),
          caller_phone_norm TEXT NOT NULL,
          callback_phone_norm TEXT NOT NULL,
          fields TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          status_changed_at INTEGER NOT NULL,
          UNIQUE (team_id, idempotency_key)
        ) STRICT;
        CREATE INDEX work_orders_by_caller ON work_orders (team_id, caller_phone_norm, created_at);
        CREATE INDEX work_orders_by_callback ON work_orders (team_id, callback_phone_norm, created_at);

        CREATE TABLE work_order_changes (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          work_order_id TEXT NOT NULL REFERENCES work_orders (id),
          team_id TEXT NOT NULL,
          agent_id TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'status')),
          status TEXT NOT NULL,
          version INTEGER NOT NULL,
          note TEXT NOT NULL DEFAULT '',
          at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX work_order_changes_by_team ON work_order_changes (team_id, seq);
      `);
    },
  },
  {
    version: 20,
    name: 'service identity',
    up: (db) => {
      // Names this database for the desks, whose change cursor is kept per service, not per address.
      db.exec(`
        CREATE TABLE service_identity (
          id TEXT PRIMARY KEY,
          created_at INTEGER NOT NULL
        ) STRICT;
      `);
      db.prepare('INSERT INTO service_identity (id, created_at) VALUES (?, ?)').run(randomUUID(), Date.now());
    },
  },
  {
    version: 30,
    name: 'feed horizon',
    up: (db) => {
      // Per team, the last change deleted by retention: a cursor below it has missed changes.
      db.exec(`
        CREATE TABLE feed_horizon (
          team_id TEXT PRIMARY KEY,
          pruned_through INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  { version: 40, ...PEOPLE_SQLITE_MIGRATION },
  { version: 50, ...FLOOR_SQLITE_MIGRATION },
  { version: 60, ...FLOOR_ALERTS_SQLITE_MIGRATION },
  { version: 70, ...REFERENCE_SQLITE_MIGRATION },
  { version: 80, ...DISPATCH_SQLITE_MIGRATION },
  { version: 140, ...PRACTICE_SQLITE_MIGRATION },
  { version: 160, ...REVIEWS_SQLITE_MIGRATION },
  { version: 170, ...MONITOR_SQLITE_MIGRATION },
];

export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly latest: number,
  ) {
    super(`The work-order database has schema ${found}; this service knows up to ${latest}. Update the service.`);
    this.name = 'SchemaTooNewError';
  }
}

/** Runs every pending migration in one transaction and records the version; refuses a newer schema. */
export function migrateSqlite(db: Database.Database, migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS): number {
  return runSqliteMigrations(db, migrations, (found, latest) => new SchemaTooNewError(found, latest));
}

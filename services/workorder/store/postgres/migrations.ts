import type { PoolClient } from 'pg';
import { PEOPLE_POSTGRES_MIGRATION } from '../../people/migrations';
import { FLOOR_ALERTS_POSTGRES_MIGRATION, FLOOR_POSTGRES_MIGRATION } from '../../floor/migrations';
import { REFERENCE_POSTGRES_MIGRATION } from '../../reference/migrations';
import { DISPATCH_POSTGRES_MIGRATION } from '../../dispatch/migrations';
import { REVIEWS_POSTGRES_MIGRATION } from '../../reviews/migrations';
import { PRACTICE_POSTGRES_MIGRATION } from '../../practice/migrations';
import { MONITOR_POSTGRES_MIGRATION } from '../../monitor/migrations';
import { SchemaTooNewError } from '../sqlite/migrations';

export interface PostgresMigration {
  /** Numbered like the SQLite ones (steps of 10); never edit a shipped migration. */
  version: number;
  name: string;
  sql: string;
}

/**
 * The same tables as the SQLite schema: ms timestamps as BIGINT, `fields` as
 * JSONB, `first_response` as JSON (kept as written, so a replay is the first
 * body key for key), and the feed's sequence as an identity column.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 10,
    name: 'initial',
    sql: `
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        agent_id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent', 'centre')),
        label TEXT NOT NULL DEFAULT '',
        created_at BIGINT NOT NULL,
        revoked_at BIGINT
      );

      CREATE TABLE work_orders (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        first_response JSON NOT NULL,
        version INTEGER NOT NULL CHECK (version > 0),
        status TEXT NOT NULL CHECK (status IN ('received', 'dispatched', 'replied', 'follow-up-due', 'closed')),
        caller_phone_norm TEXT NOT NULL,
        callback_phone_norm TEXT NOT NULL,
        fields JSONB NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        status_changed_at BIGINT NOT NULL,
        UNIQUE (team_id, idempotency_key)
      );
      CREATE INDEX work_orders_by_caller ON work_orders (team_id, caller_phone_norm, created_at);
      CREATE INDEX work_orders_by_callback ON work_orders (team_id, callback_phone_norm, created_at);

      CREATE TABLE work_order_changes (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        work_order_id TEXT NOT NULL REFERENCES work_orders (id),
        team_id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'status')),
        status TEXT NOT NULL,
        version INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        at BIGINT NOT NULL
      );
      CREATE INDEX work_order_changes_by_team ON work_order_changes (team_id, seq);
    `,
  },
  {
    version: 20,
    name: 'feed keyed by team, autovacuum, service identity',
    sql: `
      -- The feed is read per team in sequence order. With a primary key on seq
      -- alone the planner walks it over every team's changes from cursor 0 and
      -- filters; one key on (team_id, seq) is the only order it can use, and one
      -- index less to write per change.
      DROP INDEX work_order_changes_by_team;
      ALTER TABLE work_order_changes DROP CONSTRAINT work_order_changes_pkey;
      ALTER TABLE work_order_changes ADD CONSTRAINT work_order_changes_by_team PRIMARY KEY (team_id, seq);

      -- Statistics and vacuum after 2-5 % of a table changed, not the defaults'
      -- 10-20 %: on a year of data (millions of rows) the defaults wait for
      -- hundreds of thousands of changes before the planner learns of them.
      ALTER TABLE work_orders SET (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.05);
      ALTER TABLE work_order_changes SET (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.05,
                                          autovacuum_vacuum_insert_scale_factor = 0.05);

      -- Names this database (and so every instance on it) for the desks, whose
      -- change cursor is kept per service, not per address.
      CREATE TABLE service_identity (
        id TEXT PRIMARY KEY,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      INSERT INTO service_identity (id) VALUES (gen_random_uuid()::text);
    `,
  },
  {
    version: 30,
    name: 'first response copied on first edit',
    sql: `
      -- NULL: the create's answer is the row as created (rebuilt on a replay);
      -- the copy is written only when the fields are first edited.
      ALTER TABLE work_orders ALTER COLUMN first_response DROP NOT NULL;
    `,
  },
  {
    version: 40,
    name: 'feed horizon',
    sql: `
      -- Per team, the last change deleted by retention: a cursor below it has missed changes.
      CREATE TABLE feed_horizon (
        team_id TEXT PRIMARY KEY,
        pruned_through BIGINT NOT NULL
      );
    `,
  },
  { version: 50, ...PEOPLE_POSTGRES_MIGRATION },
  { version: 60, ...FLOOR_POSTGRES_MIGRATION },
  { version: 70, ...FLOOR_ALERTS_POSTGRES_MIGRATION },
  { version: 80, ...REFERENCE_POSTGRES_MIGRATION },
  { version: 90, ...DISPATCH_POSTGRES_MIGRATION },
  { version: 140, ...PRACTICE_POSTGRES_MIGRATION },
  { version: 160, ...REVIEWS_POSTGRES_MIGRATION },
  { version: 170, ...MONITOR_POSTGRES_MIGRATION },
];

/** Table that records which migrations ran (one row per version). */
export const SCHEMA_TABLE = 'workorder_schema_migrations';
/** Advisory lock key (pg_advisory_xact_lock) that serialises migrating instances. */
const MIGRATION_LOCK = 0x776f_0001;

/**
 * Runs every pending migration in one transaction and records each version;
 * refuses (and leaves untouched) a database whose schema is newer than this
 * service. Instances that start together queue on an advisory lock, so only
 * the first one migrates.
 */
export async function migratePostgres(
  client: PoolClient,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<number> {
  const latest = migrations.at(-1)?.version ?? 0;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${SCHEMA_TABLE} (
         version INTEGER PRIMARY KEY,
         name TEXT NOT NULL,
         applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${SCHEMA_TABLE}`);
    const current = rows[0]?.version ?? 0;
    if (current > latest) throw new SchemaTooNewError(current, latest);
    const pending = migrations.filter((m) => m.version > current);
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${SCHEMA_TABLE} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
    }
    await client.query('COMMIT');
    return pending.length > 0 ? latest : current;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

import Database from 'better-sqlite3';
import pg from 'pg';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MONITOR_POSTGRES_MIGRATION, MONITOR_SQLITE_MIGRATION } from '../../../../services/workorder/monitor/migrations';
import { SQLITE_MIGRATIONS, migrateSqlite } from '../../../../services/workorder/store/sqlite/migrations';
import { POSTGRES_MIGRATIONS, SCHEMA_TABLE, migratePostgres } from '../../../../services/workorder/store/postgres/migrations';
import { openSqliteStore } from '../../../../services/workorder/store/sqlite/sqlite-store';
import { openPostgresStore } from '../../../../services/workorder/store/postgres/postgres-store';
import type { IssuedGrant, MonitorStore } from '../../../../services/workorder/monitor/monitor-store';
import { makeTempDir } from '../../../support/temp-dir';
import { createTestDatabase } from '../databases';

/**
 * The monitor tables come from the numbered migration lists. A database of
 * the time when the monitor store made them itself on first use (the same
 * statements, after whatever version the lists were at) already has them,
 * with rows, and must migrate to the monitor's version without error or loss.
 */
const MONITOR_VERSION = 170;
const T0 = Date.UTC(2026, 11, 2, 9);
const grant: IssuedGrant = {
  jti: 'jti-old-1',
  teamId: 'team-a',
  leadPersonId: 'lead-1',
  agentPersonId: 'agent-1',
  callId: 'call-1',
  mode: 'listen',
  issuedAt: T0,
  expiresAt: T0 + 30_000,
};
const before = <M extends { version: number }>(list: readonly M[]) => list.filter((m) => m.version < MONITOR_VERSION);
// The rows an older service left: its signing key, a redeemed grant, a log line, the centre's setting.
const OLD_ROWS = [
  `INSERT INTO monitor_keys (id, kid, private_jwk, public_jwk, created_at) VALUES (1, 'kid-old', '{"k":"private"}', '{"k":"public"}', ${T0})`,
  `INSERT INTO monitor_grants (jti, team_id, lead_person_id, agent_person_id, call_id, mode, issued_at, expires_at, redeemed_at)
   VALUES ('${grant.jti}', '${grant.teamId}', '${grant.leadPersonId}', '${grant.agentPersonId}', '${grant.callId}', 'listen', ${T0}, ${T0 + 30_000}, ${T0 + 1_000})`,
  `INSERT INTO monitor_log (id, at, kind, team_id, lead_person_id, agent_person_id, call_id, mode, jti, reason)
   VALUES ('log-old-1', ${T0}, 'granted', 'team-a', 'lead-1', 'agent-1', 'call-1', 'listen', '${grant.jti}', NULL)`,
  `INSERT INTO monitor_settings (id, body, updated_at) VALUES (1, '{"showListenToAgent":true}', ${T0})`,
];

async function expectOldRowsServed(monitor: MonitorStore) {
  expect(await monitor.grant(grant.jti)).toEqual(grant);
  expect(await monitor.redeem(grant.jti, T0 + 2_000)).toBe('replayed');
  expect((await monitor.keyPair(() => Promise.reject(new Error('the stored key must be used')))).kid).toBe('kid-old');
  expect((await monitor.listLog(['team-a'], 10)).map((e) => e.id)).toEqual(['log-old-1']);
  expect(await monitor.settings()).toEqual({ showListenToAgent: true });
}

describe('monitor tables in the migration lists', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('both lists carry the monitor migration at the same version, in ascending lists with no version twice', () => {
    const lists: (readonly { version: number; name: string }[])[] = [SQLITE_MIGRATIONS, POSTGRES_MIGRATIONS];
    for (const list of lists) {
      const monitor = list.find((m) => m.name === MONITOR_SQLITE_MIGRATION.name);
      expect(monitor?.version).toBe(MONITOR_VERSION);
      const versions = list.map((m) => m.version);
      expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    }
  });

  it('SQLite: a new database has the tables at once; one whose store made them before migrates keeping its rows', () => {
    const dir = makeTempDir('hotline-monitor-migration-');
    cleanups.push(() => dir.remove());
    const monitorTables = (path: string) => {
      const db = new Database(path, { readonly: true });
      try {
        return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'monitor_%' ORDER BY 1").all() as { name: string }[]).map((r) => r.name);
      } finally {
        db.close();
      }
    };
    // A new database: the tables come with the migrations, before the monitor store is ever used.
    const fresh = openSqliteStore(join(dir.path, 'fresh.sqlite'));
    cleanups.push(() => fresh.close());
    expect(monitorTables(join(dir.path, 'fresh.sqlite'))).toEqual(['monitor_grants', 'monitor_keys', 'monitor_log', 'monitor_settings']);

    const path = join(dir.path, 'old.sqlite');
    const old = new Database(path);
    migrateSqlite(old, before(SQLITE_MIGRATIONS));
    MONITOR_SQLITE_MIGRATION.up(old);
    for (const row of OLD_ROWS) old.exec(row);
    const oldVersion = old.pragma('user_version', { simple: true }) as number;
    old.close();
    expect(oldVersion).toBeLessThan(MONITOR_VERSION);

    const store = openSqliteStore(path);
    cleanups.push(() => store.close());
    const check = new Database(path, { readonly: true });
    cleanups.push(() => void check.close());
    expect(check.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.at(-1)?.version);
    expect((check.prepare('SELECT COUNT(*) AS n FROM monitor_grants').get() as { n: number }).n).toBe(1);
    return expectOldRowsServed(store.monitor);
  });

  it('PostgreSQL: a new database has the tables at once; one whose store made them before migrates keeping its rows', async () => {
    const database = await createTestDatabase('workorder_monitor');
    cleanups.push(() => database.drop());
    const raw = new pg.Client({ connectionString: database.url });
    await raw.connect();
    cleanups.push(() => raw.end());
    const tables = async () =>
      (await raw.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'monitor_%' ORDER BY 1")).rows.map((r) => r.t);

    await migratePostgres(raw as unknown as pg.PoolClient, before(POSTGRES_MIGRATIONS));
    expect(await tables()).toEqual([]);
    await raw.query(MONITOR_POSTGRES_MIGRATION.sql);
    for (const row of OLD_ROWS) await raw.query(row);

    const store = await openPostgresStore(database.url);
    cleanups.push(() => store.close());
    expect(await tables()).toEqual(['monitor_grants', 'monitor_keys', 'monitor_log', 'monitor_settings']);
    const versions = (await raw.query<{ version: number }>(`SELECT version FROM ${SCHEMA_TABLE} ORDER BY 1`)).rows.map((r) => r.version);
    expect(versions).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    await expectOldRowsServed(store.monitor);

    // A fresh database: the tables come with the migrations, before the monitor store is used.
    const freshDb = await createTestDatabase('workorder_monitor');
    cleanups.push(() => freshDb.drop());
    const fresh = await openPostgresStore(freshDb.url);
    cleanups.push(() => fresh.close());
    const freshTables = await fresh.ping().then(async () => {
      const client = new pg.Client({ connectionString: freshDb.url });
      await client.connect();
      try {
        return (await client.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE tablename LIKE 'monitor_%' ORDER BY 1")).rows.map((r) => r.t);
      } finally {
        await client.end();
      }
    });
    expect(freshTables).toEqual(['monitor_grants', 'monitor_keys', 'monitor_log', 'monitor_settings']);
  });
});

import pg from 'pg';
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS, SCHEMA_TABLE, migratePostgres } from '../../../services/workorder/store/postgres/migrations';
import { SchemaTooNewError, openPostgresStore } from '../../../services/workorder/store/postgres/postgres-store';
import { hashToken } from '../../../services/workorder/tokens';
import { createTestDatabase } from './databases';

const run = promisify(execFile);
const runner = join(import.meta.dirname, '../../../services/workorder/run.mjs');

describe('PostgreSQL store: migrations, admin command, server entry', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let raw: pg.Client;
  beforeEach(async () => {
    database = await createTestDatabase('workorder_pg');
    raw = new pg.Client({ connectionString: database.url });
    await raw.connect();
  });
  afterEach(async () => {
    await raw?.end();
    await database?.drop();
  });

  const tables = async () =>
    (await raw.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.t);
  const versions = async () => (await raw.query<{ version: number }>(`SELECT version FROM ${SCHEMA_TABLE} ORDER BY 1`)).rows.map((r) => r.version);

  it('migrates once in one transaction, also when several instances start together; close() ends the pool', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(database.url, { poolMax: 2 })));
    expect(await versions()).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    expect(await tables()).toEqual(
      [
        'api_tokens',
        'call_reviews',
        'centre_calls',
        'centre_settings',
        'departments',
        'dispatch_outcomes',
        'dispatch_records',
        'feed_horizon',
        'floor_alert_policy',
        'floor_alerts',
        'floor_details',
        'floor_events',
        'floor_horizon',
        'floor_states',
        'monitor_grants',
        'monitor_keys',
        'monitor_log',
        'monitor_settings',
        'people',
        'practice_results',
        'recording_playbacks',
        'reference_item_history',
        'reference_items',
        'reference_versions',
        'scorecard_templates',
        'service_identity',
        'team_leads',
        'teams',
        'work_order_changes',
        'work_orders',
        SCHEMA_TABLE,
      ].sort(),
    );
    for (const store of stores) await store.ping();
    await Promise.all(stores.map((s) => s.close()));
    await expect(stores[0]!.ping()).rejects.toThrow();
    // Reopening an up-to-date database changes nothing.
    await (await openPostgresStore(database.url)).close();
    expect(await versions()).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
  });

  it('refuses a database migrated by a newer service, and leaves it untouched', async () => {
    await (await openPostgresStore(database.url)).close();
    await raw.query(`INSERT INTO ${SCHEMA_TABLE} (version, name) VALUES (9990, 'from the future')`);
    await expect(openPostgresStore(database.url)).rejects.toBeInstanceOf(SchemaTooNewError);
    expect(await versions()).toEqual([...POSTGRES_MIGRATIONS.map((m) => m.version), 9990]);
  });

  it('a failing migration leaves nothing behind', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      const client = await pool.connect();
      const broken = [...POSTGRES_MIGRATIONS, { version: 9990, name: 'broken', sql: 'CREATE TABLE x (id INT); SELECT no_such_function()' }];
      await expect(migratePostgres(client, broken)).rejects.toThrow(/no_such_function/);
      client.release();
    } finally {
      await pool.end();
    }
    expect(await tables()).toEqual([]);
  });

  it('admin issue-token / revoke-token through the real CLI with DATABASE_URL; only the hash is stored', async () => {
    const env = { ...process.env, DATABASE_URL: database.url };
    const { stdout } = await run(process.execPath, [runner, 'admin', 'issue-token', '--agent', '0307', '--team', 'team-a', '--role', 'centre'], {
      env,
      timeout: 30_000,
    });
    const issued = JSON.parse(stdout) as { token: string; tokenId: string };
    const stored = await raw.query('SELECT * FROM api_tokens');
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].token_hash).toBe(hashToken(issued.token));
    expect(JSON.stringify(stored.rows)).not.toContain(issued.token);
    const listed = JSON.parse((await run(process.execPath, [runner, 'admin', 'list-tokens'], { env, timeout: 30_000 })).stdout);
    expect(listed).toEqual([expect.objectContaining({ tokenId: issued.tokenId, agentId: '0307', teamId: 'team-a', role: 'centre', revokedAt: null })]);

    // The server entry on the same database: the token works until it is revoked.
    const server = spawn(process.execPath, [runner, 'server'], { env: { ...env, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('server did not start within 30 s')), 30_000);
        server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
        createInterface({ input: server.stdout }).on('line', (line) => {
          const match = /listening on (http:\/\/\S+) \(PostgreSQL /.exec(line);
          if (match) {
            clearTimeout(timer);
            resolve(match[1] as string);
          }
        });
      });
      const headers = { authorization: `Bearer ${issued.token}` };
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/v1/changes`, { headers })).status).toBe(200);
      await run(process.execPath, [runner, 'admin', 'revoke-token', '--id', issued.tokenId], { env, timeout: 30_000 });
      expect((await fetch(`${url}/v1/changes`, { headers })).status).toBe(401);
    } finally {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
    }
  }, 60_000);
});

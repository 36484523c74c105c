import Database from 'better-sqlite3';
import pg from 'pg';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centreSpec, heavyPhone, ordinaryPhone, seedPostgres, seedSqlite, seedTokens, teamOf } from '../../../bench/centre-seed';
import { openPostgresStore } from '../../../services/workorder/store/postgres/postgres-store';
import { POSTGRES_QUERIES } from '../../../services/workorder/store/postgres/queries';
import { SQLITE_QUERIES, registerDeadlineCheck } from '../../../services/workorder/store/sqlite/queries';
import { openSqliteStore } from '../../../services/workorder/store/sqlite/sqlite-store';
import type { WorkOrderStore } from '../../../services/workorder/store/store';
import { makeTempDir } from '../../support/temp-dir';
import { createTestDatabase } from './databases';

// About 200,000 orders (600,000 changes): large enough that a plan which walks
// a team's rows instead of the phone index takes a visible time, small enough
// to seed in seconds. The plans are what is asserted; the timings are printed.
const SPEC = centreSpec(200_000, { heavyCallers: 4 });
const TEAM = teamOf(0, SPEC);
const HEAVY = heavyPhone(0);
// Order 1's caller (1 % 50 ≠ 0: an ordinary number), in team-1.
const ORDINARY = { team: teamOf(1, SPEC), phone: ordinaryPhone((1 * 7919) % Math.floor(SPEC.orders * 0.4)) };
const SEED_TIMEOUT = 120_000;

/** Every order of the team that names the phone, newest first: what the screen pop must return. */
const BRUTE_FORCE = `SELECT id FROM work_orders WHERE team_id = $1 AND (caller_phone_norm = $2 OR callback_phone_norm = $2)
  ORDER BY created_at DESC, id DESC LIMIT $3`;

async function expectSameHistory(store: WorkOrderStore, expected: (team: string, phone: string, limit: number) => Promise<string[]>) {
  for (const [team, phone] of [
    [TEAM, HEAVY],
    [ORDINARY.team, ORDINARY.phone],
  ] as const) {
    const started = performance.now();
    const got = (await store.listByPhone(team, phone, 20)).map((r) => r.id);
    const ms = performance.now() - started;
    console.log(`listByPhone ${team} ${phone}: ${got.length} rows in ${ms.toFixed(1)} ms`);
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(await expected(team, phone, 20));
  }
}

describe('query plans on a year-like SQLite database', () => {
  const dir = makeTempDir('workorder-plans-');
  const path = join(dir.path, 'workorder.sqlite');
  let raw: Database.Database;
  let store: WorkOrderStore;
  const plan = (sql: string, params: unknown) =>
    (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as never) as { detail: string }[]).map((r) => r.detail);

  beforeAll(async () => {
    await openSqliteStore(path).close();
    const seed = new Database(path);
    seedSqlite(seed, SPEC);
    seed.close();
    // The store refreshes the planner's statistics when it opens (PRAGMA optimize).
    store = openSqliteStore(path);
    await seedTokens(store, SPEC);
    raw = new Database(path, { readonly: true });
    // The hot reads call within_deadline() on every row they examine (the store registers it on its own connection).
    registerDeadlineCheck(raw, () => Number.POSITIVE_INFINITY, () => new Error('deadline passed'));
  }, SEED_TIMEOUT);
  afterAll(async () => {
    raw?.close();
    await store?.close();
    dir.remove();
  });

  it('the store analysed the tables at open (sqlite_stat1 has the phone and feed indexes)', () => {
    const indexes = (raw.prepare('SELECT idx FROM sqlite_stat1').pluck().all() as string[]).sort();
    expect(indexes).toEqual(expect.arrayContaining(['work_orders_by_caller', 'work_orders_by_callback', 'work_order_changes_by_team']));
  });

  it('screen pop: one lookup on each phone index, no scan of the team', async () => {
    const details = plan(SQLITE_QUERIES.byPhone, { team: TEAM, phone: HEAVY, limit: 20 });
    expect(details.some((d) => /SEARCH work_orders USING (COVERING )?INDEX work_orders_by_caller \(team_id=\? AND caller_phone_norm=\?\)/.test(d))).toBe(true);
    expect(details.some((d) => /SEARCH work_orders USING (COVERING )?INDEX work_orders_by_callback \(team_id=\? AND callback_phone_norm=\?\)/.test(d))).toBe(true);
    expect(details.filter((d) => /^SCAN work_orders|idempotency|sqlite_autoindex_work_orders_2/.test(d))).toEqual([]);
    await expectSameHistory(store, async (team, phone, limit) =>
      raw.prepare(BRUTE_FORCE.replace(/\$\d/g, '?')).pluck().all(team, phone, phone, limit) as string[],
    );
  });

  it('changes feed: the (team_id, seq) index in order, from 0 and from a recent cursor', () => {
    for (const since of [0, SPEC.orders * 3 - 50]) {
      const details = plan(SQLITE_QUERIES.changes, [TEAM, since, 501]);
      expect(details).toEqual(['SEARCH work_order_changes USING INDEX work_order_changes_by_team (team_id=? AND seq>?)']);
    }
    expect(plan(SQLITE_QUERIES.head, [TEAM]).join('\n')).toMatch(/SEARCH work_order_changes USING COVERING INDEX work_order_changes_by_team/);
  });

  it('idempotency key, id and token lookups: unique indexes', () => {
    expect(plan(SQLITE_QUERIES.byKey, [TEAM, 'k'])).toEqual([
      expect.stringMatching(/^SEARCH work_orders USING INDEX sqlite_autoindex_work_orders_\d \(team_id=\? AND idempotency_key=\?\)$/),
    ]);
    expect(plan(SQLITE_QUERIES.byId, [TEAM, 'x'])).toEqual([expect.stringMatching(/^SEARCH work_orders USING INDEX sqlite_autoindex_work_orders_1 \(id=\?\)$/)]);
    expect(plan(SQLITE_QUERIES.findToken, ['h'])).toEqual([expect.stringMatching(/^SEARCH api_tokens USING INDEX sqlite_autoindex_api_tokens_\d \(token_hash=\?\)$/)]);
  });
});

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function nodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodes)];
}

describe('query plans on a year-like PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let raw: pg.Client;
  let store: WorkOrderStore;
  const plan = async (sql: string, params: unknown[]) => {
    const { rows } = await raw.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return nodes(rows[0]!['QUERY PLAN'][0].Plan);
  };
  const indexesOf = (plan: PlanNode[]) => plan.map((n) => n['Index Name']).filter(Boolean);
  const seqScans = (plan: PlanNode[]) => plan.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);

  beforeAll(async () => {
    database = await createTestDatabase('workorder_plans');
    store = await openPostgresStore(database.url, { poolMax: 2 });
    raw = new pg.Client({ connectionString: database.url });
    await raw.connect();
    await seedPostgres(raw, SPEC);
    await seedTokens(store, SPEC);
    // What autovacuum does after a bulk load (see the README's PostgreSQL settings); here at once.
    await raw.query('ANALYZE');
  }, SEED_TIMEOUT);
  afterAll(async () => {
    await store?.close();
    await raw?.end();
    await database?.drop();
  });

  it('screen pop: one lookup on each phone index, no sequential scan', async () => {
    const p = await plan(POSTGRES_QUERIES.byPhone, [TEAM, HEAVY, 20]);
    expect(indexesOf(p)).toEqual(expect.arrayContaining(['work_orders_by_caller', 'work_orders_by_callback']));
    expect(indexesOf(p)).not.toContain('work_orders_team_id_idempotency_key_key');
    expect(seqScans(p)).toEqual([]);
    await expectSameHistory(store, async (team, phone, limit) => (await raw.query<{ id: string }>(BRUTE_FORCE, [team, phone, limit])).rows.map((r) => r.id));
  });

  it('changes feed: the (team_id, seq) key, from 0 and from a recent cursor', async () => {
    for (const since of [0, SPEC.orders * 3 - 50]) {
      const p = await plan(POSTGRES_QUERIES.changes, [TEAM, since, 501]);
      expect(indexesOf(p)).toEqual(['work_order_changes_by_team']);
      expect(p.map((n) => n['Node Type'])).not.toContain('Sort');
      expect(seqScans(p)).toEqual([]);
    }
    expect(indexesOf(await plan(POSTGRES_QUERIES.head, [TEAM]))).toEqual(['work_order_changes_by_team']);
  });

  it('idempotency key, id and token lookups: unique indexes', async () => {
    expect(indexesOf(await plan(POSTGRES_QUERIES.byKey, [TEAM, 'k']))).toEqual(['work_orders_team_id_idempotency_key_key']);
    expect(indexesOf(await plan(POSTGRES_QUERIES.byId, [TEAM, 'x']))).toEqual(['work_orders_pkey']);
    expect(indexesOf(await plan(POSTGRES_QUERIES.findToken, ['h']))).toEqual(['api_tokens_token_hash_key']);
  });

  it('autovacuum follows 2 % of change on the orders and the feed (vacuum at 5 %, also after inserts on the append-only feed)', async () => {
    const { rows } = await raw.query<{ relname: string; reloptions: string[] | null }>(
      "SELECT relname, reloptions FROM pg_class WHERE relname IN ('work_orders', 'work_order_changes') ORDER BY relname",
    );
    const options = Object.fromEntries(rows.map((r) => [r.relname, [...(r.reloptions ?? [])].sort()]));
    expect(options).toEqual({
      work_order_changes: [
        'autovacuum_analyze_scale_factor=0.02',
        'autovacuum_vacuum_insert_scale_factor=0.05',
        'autovacuum_vacuum_scale_factor=0.05',
      ],
      work_orders: ['autovacuum_analyze_scale_factor=0.02', 'autovacuum_vacuum_scale_factor=0.05'],
    });
  });
});

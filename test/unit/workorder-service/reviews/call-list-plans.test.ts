import Database from 'better-sqlite3';
import pg from 'pg';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callListSql, type CallFilter } from '../../../../services/workorder/reviews/call-list-sql';
import { openPostgresStore } from '../../../../services/workorder/store/postgres/postgres-store';
import { openSqliteStore } from '../../../../services/workorder/store/sqlite/sqlite-store';
import type { WorkOrderStore } from '../../../../services/workorder/store/store';
import { makeTempDir } from '../../../support/temp-dir';
import { createTestDatabase } from '../databases';

// A year of a centre's calls: 200,000 over 365 days, 4 teams of 30 agents.
// The plans are what is asserted (each page walks one index in order, never
// sorts the team's year); the timings of the store's reads are printed.
const CALLS = 200_000;
const T0 = Date.UTC(2025, 11, 1);
const STEP = Math.floor((365 * 86_400_000) / CALLS);
const SEED_TIMEOUT = 120_000;

/** One statement that fills centre_calls; `series` yields i = 0..CALLS-1 in the dialect's way. */
const seedSql = (series: string, pad: (expr: string, width: number) => string, bool: (expr: string) => string) => `
  INSERT INTO centre_calls (team_id, call_id, agent_person_id, agent_work_number, recording_id, started_at, duration_ms, outcome, prompts,
    caller_phone_norm, repeat_caller, score, max_score, reported_at)
  SELECT 'team-' || (i % 4), 'call-' || ${pad('i', 8)}, 'person-' || (i % 120), ${pad('i % 120', 4)}, NULL, ${T0} + i * ${STEP},
    CASE WHEN i % 10 = 0 THEN NULL ELSE (i * 7919) % 900000 END,
    CASE WHEN i % 10 = 0 THEN 'missed' ELSE 'answered' END,
    CASE WHEN i % 50 = 0 THEN ',abusive-caller,' WHEN i % 97 = 0 THEN ',emergency,' WHEN i % 5 = 0 THEN ',dead-air,' ELSE ',' END,
    '139' || (i % 40000), ${bool('i % 7 = 0')}, CASE WHEN i % 3 = 0 THEN NULL ELSE 50 + i % 50 END, 100, ${T0} + i * ${STEP}
  FROM ${series}`;

const WEEK_AGO = T0 + (CALLS - 1) * STEP - 7 * 86_400_000;
/** The questions a trainer asks, each as the routes pass it to the store. */
const QUESTIONS: [string, CallFilter][] = [
  ['newest calls of the team', {}],
  ['one agent', { agent: '0007' }],
  ['emergency or abusive last week', { prompts: ['emergency', 'abusive-caller'], from: WEEK_AGO }],
  ['repeat callers scoring under 60', { repeat: true, maxScore: 59 }],
  ['long answered calls', { minDurationMs: 600_000, outcome: 'answered' }],
  ['page 40 of the team (after a cursor)', { after: { startedAt: T0 + 2_000 * STEP * 4, callId: 'call-00008000' } }],
  ['an agent\'s own calls', { agentPersonId: 'person-11' }],
];

async function timeQuestions(store: WorkOrderStore, label: string) {
  const samples: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const [, filter] of QUESTIONS) {
      const started = performance.now();
      const calls = await store.reviews.listCalls('team-3', filter, 51);
      samples.push(performance.now() - started);
      expect(calls.length).toBeGreaterThan(0);
    }
  }
  samples.sort((a, b) => a - b);
  console.log(`${label}: call-list page of 50 on ${CALLS} calls, ${samples.length} reads: p50 ${samples[Math.floor(samples.length / 2)]!.toFixed(1)} ms, p95 ${samples[Math.floor(samples.length * 0.95)]!.toFixed(1)} ms`);
  return samples[Math.floor(samples.length * 0.95)]!;
}

describe('the call list on a year of calls, SQLite', () => {
  const dir = makeTempDir('review-plans-');
  const path = join(dir.path, 'workorder.sqlite');
  let raw: Database.Database;
  let store: WorkOrderStore;

  beforeAll(async () => {
    await openSqliteStore(path).close();
    const seed = new Database(path);
    seed.exec(seedSql(`(WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${CALLS - 1}) SELECT i FROM n)`, (e, w) => `printf('%0${w}d', ${e})`, (e) => `(${e})`));
    seed.close();
    store = openSqliteStore(path);
    raw = new Database(path, { readonly: true });
  }, SEED_TIMEOUT);
  afterAll(async () => {
    raw?.close();
    await store?.close();
    dir.remove();
  });

  it('each question walks the team\'s time index (or the agent\'s) in order: no scan, no sort of the year', async () => {
    for (const [name, filter] of QUESTIONS) {
      const { sql, params } = callListSql('sqlite', 'team-3', filter, 51);
      const details = (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      const index = filter.agent !== undefined ? 'centre_calls_by_agent \\(team_id=\\? AND agent_work_number=\\?' : 'centre_calls_by_time \\(team_id=\\?';
      expect(details.some((d) => new RegExp(`^SEARCH c USING INDEX ${index}`).test(d)), `${name}: ${details.join(' | ')}`).toBe(true);
      expect(details.filter((d) => /TEMP B-TREE|^SCAN c/.test(d)), name).toEqual([]);
      expect(details.some((d) => /^SEARCH r USING INDEX sqlite_autoindex_call_reviews_1/.test(d)), name).toBe(true);
    }
    expect(await timeQuestions(store, 'SQLite')).toBeLessThan(100);
  });
});

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

describe('the call list on a year of calls, PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let raw: pg.Client;
  let store: WorkOrderStore;

  beforeAll(async () => {
    database = await createTestDatabase('reviewplans');
    await (await openPostgresStore(database.url)).close();
    raw = new pg.Client({ connectionString: database.url });
    await raw.connect();
    await raw.query(seedSql(`generate_series(0::bigint, ${CALLS - 1}) AS s(i)`, (e, w) => `lpad((${e})::text, ${w}, '0')`, (e) => `CASE WHEN ${e} THEN 1 ELSE 0 END`));
    await raw.query('ANALYZE');
    store = await openPostgresStore(database.url, { poolMax: 2 });
  }, SEED_TIMEOUT);
  afterAll(async () => {
    await store?.close();
    await raw?.end();
    await database?.drop();
  });

  it('each question walks the team\'s time index (or the agent\'s) backwards: no sequential scan, no sort', async () => {
    for (const [name, filter] of QUESTIONS) {
      const { sql, params } = callListSql('postgres', 'team-3', filter, 51);
      let n = 0;
      const { rows } = await raw.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql.replace(/\?/g, () => `$${(n += 1)}`)}`, params);
      const plan = nodes(rows[0]!['QUERY PLAN'][0].Plan);
      const index = filter.agent !== undefined ? 'centre_calls_by_agent' : 'centre_calls_by_time';
      expect(plan.some((p) => p['Index Name'] === index), `${name}: ${JSON.stringify(plan.map((p) => [p['Node Type'], p['Index Name']]))}`).toBe(true);
      expect(plan.filter((p) => p['Node Type'] === 'Sort' || (p['Node Type'] === 'Seq Scan' && p['Relation Name'] === 'centre_calls')), name).toEqual([]);
    }
    expect(await timeQuestions(store, 'PostgreSQL')).toBeLessThan(100);
  });
});

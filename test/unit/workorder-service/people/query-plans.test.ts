import Database from 'better-sqlite3';
import pg from 'pg';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE_QUERIES, numbered, tokenWithPersonSql } from '../../../../services/workorder/people/queries';
import { openPostgresStore } from '../../../../services/workorder/store/postgres/postgres-store';
import { openSqliteStore } from '../../../../services/workorder/store/sqlite/sqlite-store';
import { makeTempDir } from '../../../support/temp-dir';
import { createTestDatabase } from '../databases';

// The token lookup runs on every request; the session revokes on every sign-in.
// A year of a 2,000-agent centre: ~1.5 million session rows before retention; 40,000 here.
const PEOPLE = 2_000;
const TOKENS = 40_000;

const SEED = {
  teams: `INSERT INTO teams (id, name, created_at) VALUES ('team-a', '一组', 0)`,
  people: `INSERT INTO people (id, work_number, name, team_id, roles, password_hash, created_at, updated_at)
    SELECT 'p' || n, 'w' || n, 'n', 'team-a', 'agent', 'x', 0, 0 FROM series`,
  tokens: `INSERT INTO api_tokens (id, token_hash, agent_id, team_id, role, label, created_at, person_id, expires_at)
    SELECT 't' || n, 'h' || n, 'w' || (n % ${PEOPLE} + 1), 'team-a', 'agent', 'desk d' || (n % 7), n, 'p' || (n % ${PEOPLE} + 1), n + 43200000 FROM series`,
};

describe('people query plans on SQLite', () => {
  const dir = makeTempDir('people-plans-');
  let raw: Database.Database;
  const plan = (sql: string, ...params: unknown[]) =>
    (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as never[])) as { detail: string }[]).map((r) => r.detail).join('\n');

  beforeAll(async () => {
    const path = join(dir.path, 'w.sqlite');
    await openSqliteStore(path).close();
    raw = new Database(path);
    raw.exec(SEED.teams);
    const withSeries = (count: number, sql: string) =>
      raw.exec(sql.replace('FROM series', `FROM (WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${count}) SELECT n FROM s)`));
    withSeries(PEOPLE, SEED.people);
    withSeries(TOKENS, SEED.tokens);
    raw.exec('ANALYZE');
  });
  afterAll(() => {
    raw?.close();
    dir.remove();
  });

  it('finds a token by its hash and its person by primary key', () => {
    const detail = plan(PEOPLE_QUERIES.tokenState, 'h77');
    expect(detail).toMatch(/SEARCH t USING INDEX sqlite_autoindex_api_tokens_\d \(token_hash=\?\)/);
    expect(detail).toMatch(/SEARCH p USING INDEX sqlite_autoindex_people_\d \(id=\?\)/);
    expect(detail).not.toMatch(/SCAN/);
  });

  it('finds a token, its person and the teams they lead by index in one statement', () => {
    const detail = plan(tokenWithPersonSql('group_concat(team_id)'), 'h77');
    expect(detail).toMatch(/SEARCH t USING INDEX sqlite_autoindex_api_tokens_\d \(token_hash=\?\)/);
    expect(detail).toMatch(/SEARCH p USING INDEX sqlite_autoindex_people_\d \(id=\?\)/);
    expect(detail).toMatch(/SEARCH l USING/);
    expect(detail).not.toMatch(/SCAN/);
  });

  it("revokes a person's sessions through the person index", () => {
    expect(plan(PEOPLE_QUERIES.revokeSessions, 1, 'p7')).toMatch(/SEARCH api_tokens USING INDEX api_tokens_by_person \(person_id=\?\)/);
    expect(plan(PEOPLE_QUERIES.revokeDeskSessions, 1, 'p7', 'desk d1')).toMatch(/USING INDEX api_tokens_by_person/);
  });
});

describe('people query plans on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;
  const plan = async (sql: string, params: unknown[]) => {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${numbered(sql)}`, params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  };

  beforeAll(async () => {
    database = await createTestDatabase('people_plans');
    await (await openPostgresStore(database.url)).close();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(SEED.teams);
    await client.query(SEED.people.replace('FROM series', `FROM generate_series(1, ${PEOPLE}) AS n`));
    await client.query(SEED.tokens.replace('FROM series', `FROM generate_series(1, ${TOKENS}) AS n`));
    await client.query('ANALYZE');
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('finds a token by its hash and its person by primary key', async () => {
    const detail = await plan(PEOPLE_QUERIES.tokenState, ['h77']);
    expect(detail).toMatch(/Index Scan using api_tokens_token_hash_key on api_tokens t/);
    expect(detail).toMatch(/Index Scan using people_pkey on people p/);
    expect(detail).not.toMatch(/Seq Scan/);
  });

  it('finds a token, its person and the teams they lead by index in one statement', async () => {
    const detail = await plan(tokenWithPersonSql("string_agg(team_id, ',')"), ['h77']);
    expect(detail).toMatch(/Index Scan using api_tokens_token_hash_key on api_tokens t/);
    expect(detail).toMatch(/Index Scan using people_pkey on people p/);
    // team_leads holds a row per lead and team (tens), read as personById reads it.
    expect(detail).not.toMatch(/Seq Scan on (api_tokens|people)/);
  });

  it("revokes a person's sessions through the person index", async () => {
    expect(await plan(PEOPLE_QUERIES.revokeSessions, [1, 'p7'])).toMatch(/api_tokens_by_person/);
    expect(await plan(PEOPLE_QUERIES.revokeDeskSessions, [1, 'p7', 'desk d1'])).toMatch(/api_tokens_by_person/);
  });
});

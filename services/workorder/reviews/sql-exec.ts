import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { Pool } from 'pg';

/**
 * The little the review store needs from a database, so one store serves
 * SQLite and PostgreSQL with the same SQL (`?` placeholders, numbered for
 * PostgreSQL). `batch` runs its statements in one transaction and answers
 * each one's changed-row count: the review store's writes are all single
 * statements or such fixed sequences, never reads interleaved with writes.
 */
export interface SqlExec {
  readonly dialect: 'sqlite' | 'postgres';
  all<R>(sql: string, params: readonly unknown[]): Promise<R[]>;
  batch(statements: readonly { sql: string; params: readonly unknown[] }[]): Promise<number[]>;
}

/** `?` → `$1, $2, …` (the review SQL has no `?` inside string literals). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
}

export function sqliteExec(db: Database.Database): SqlExec {
  return {
    dialect: 'sqlite',
    all: async <R>(sql: string, params: readonly unknown[]) => db.prepare(sql).all(...params) as R[],
    batch: async (statements) => db.transaction(() => statements.map(({ sql, params }) => db.prepare(sql).run(...params).changes))(),
  };
}

export function postgresExec(pool: Pool, asBusy: (error: unknown) => unknown): SqlExec {
  return {
    dialect: 'postgres',
    all: async <R>(sql: string, params: readonly unknown[]) => {
      try {
        return (await pool.query<R & pg.QueryResultRow>(numbered(sql), [...params])).rows;
      } catch (error) {
        throw asBusy(error);
      }
    },
    batch: async (statements) => {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw asBusy(error);
      }
      try {
        await client.query('BEGIN');
        const changed: number[] = [];
        for (const { sql, params } of statements) changed.push((await client.query(numbered(sql), [...params])).rowCount ?? 0);
        await client.query('COMMIT');
        return changed;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw asBusy(error);
      } finally {
        client.release();
      }
    },
  };
}

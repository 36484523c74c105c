// Side by side on the same seeded year: the screen pop as it was
// (`caller = ? OR callback = ?`) and as it is (two index lookups joined by
// UNION), the same callers, on SQLite and on PostgreSQL.
import Database from 'better-sqlite3';
import pg from 'pg';
import { POSTGRES_QUERIES } from '../services/workorder/store/postgres/queries';
import { RECORD_COLUMNS as SQLITE_COLUMNS, SQLITE_QUERIES, registerDeadlineCheck } from '../services/workorder/store/sqlite/queries';
import { RECORD_COLUMNS as POSTGRES_COLUMNS } from '../services/workorder/store/postgres/queries';
import { heavyPhone, ordinaryPhone, teamOf, type SeedSpec } from './centre-seed';

const OLD_SQLITE = `SELECT ${SQLITE_COLUMNS} FROM work_orders
  WHERE team_id = @team AND (caller_phone_norm = @phone OR callback_phone_norm = @phone)
  ORDER BY created_at DESC, id DESC LIMIT @limit`;
const OLD_POSTGRES = `SELECT ${POSTGRES_COLUMNS} FROM work_orders
  WHERE team_id = $1 AND (caller_phone_norm = $2 OR callback_phone_norm = $2)
  ORDER BY created_at DESC, id DESC LIMIT $3`;

/** 60 lookups: 20 of heavy callers (thousands of orders), 40 of ordinary ones, each in a team that has them. */
function callers(spec: SeedSpec): { team: string; phone: string }[] {
  const list: { team: string; phone: string }[] = [];
  for (let i = 0; i < 20; i += 1) list.push({ team: teamOf(0, spec), phone: heavyPhone(i % spec.heavyCallers) });
  for (let i = 0; i < 40; i += 1) {
    const order = 1 + i * 997;
    list.push({ team: teamOf(order, spec), phone: ordinaryPhone((order * 7919) % Math.max(1, Math.floor(spec.orders * 0.4))) });
  }
  return list;
}

const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return `p50 ${at(50).toFixed(2)} ms, p95 ${at(95).toFixed(2)} ms, max ${at(100).toFixed(2)} ms`;
};

export function compareSqlite(path: string, spec: SeedSpec): string[] {
  const db = new Database(path, { readonly: true });
  // The store's statements check the request deadline per examined row; none here.
  registerDeadlineCheck(db, () => Number.POSITIVE_INFINITY, () => new Error('deadline passed'));
  try {
    const lines: string[] = [];
    for (const [name, sql] of [
      ['OR (before)', OLD_SQLITE],
      ['UNION (now)', SQLITE_QUERIES.byPhone],
    ] as const) {
      const statement = db.prepare(sql);
      const ms: number[] = [];
      for (const { team, phone } of callers(spec)) {
        const started = performance.now();
        statement.all({ team, phone, limit: 50 });
        ms.push(performance.now() - started);
      }
      lines.push(`| SQLite | ${name} | ${summary(ms)} |`);
    }
    return lines;
  } finally {
    db.close();
  }
}

export async function comparePostgres(url: string, spec: SeedSpec): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines: string[] = [];
    for (const [name, sql] of [
      ['OR (before)', OLD_POSTGRES],
      ['UNION (now)', POSTGRES_QUERIES.byPhone],
    ] as const) {
      const ms: number[] = [];
      for (const { team, phone } of callers(spec)) {
        const started = performance.now();
        await client.query(sql, [team, phone, 50]);
        ms.push(performance.now() - started);
      }
      lines.push(`| PostgreSQL | ${name} | ${summary(ms)} |`);
    }
    // The feed from cursor 0 on the (team_id, seq) key.
    const ms: number[] = [];
    for (let team = 0; team < spec.teams; team += 1) {
      const started = performance.now();
      await client.query(POSTGRES_QUERIES.changes, [`team-${team}`, 0, 501]);
      ms.push(performance.now() - started);
    }
    lines.push(`| PostgreSQL | changes from 0, 501 rows | ${summary(ms)} |`);
    return lines;
  } finally {
    await client.end();
  }
}

import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../services/workorder/store/postgres/postgres-store';
import { StoreBusyError, type NewWorkOrder } from '../../../services/workorder/store/store';
import { createTestDatabase } from './databases';
import { newKey, validFields } from './fixture';

const order = (): NewWorkOrder => ({
  id: crypto.randomUUID(),
  idempotencyKey: newKey(),
  requestHash: 'h',
  teamId: 'team-a',
  agentId: '0307',
  fields: validFields(),
  at: Date.now(),
});

const far = () => Date.now() + 60_000;

describe('PostgreSQL: the wait for a connection is bounded by the request', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let raw: pg.Client;
  const STALL = 525252;

  beforeEach(async () => {
    database = await createTestDatabase('workorder_gate');
    await (await openPostgresStore(database.url)).close();
    raw = new pg.Client({ connectionString: database.url });
    await raw.connect();
    // Test-only: every change row waits on an advisory lock this test may hold, so a create holds its connection.
    await raw.query(`
      CREATE FUNCTION test_stall() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock(${STALL}); RETURN NEW; END $$;
      CREATE TRIGGER test_stall AFTER INSERT ON work_order_changes FOR EACH ROW EXECUTE FUNCTION test_stall();
    `);
  });
  afterEach(async () => {
    await raw.query('ROLLBACK').catch(() => undefined);
    await raw.end();
    await database.drop();
  });

  const count = async () => Number((await raw.query<{ n: string }>('SELECT count(*) AS n FROM work_orders')).rows[0]?.n);
  /** Bounded wait until a create is stalled on the lock (holding the pool's one connection). */
  const untilStalled = async () => {
    for (let i = 0; i < 500; i += 1) {
      const { rows } = await raw.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
      );
      if (Number(rows[0]?.n) >= 1) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('no create stalled on the lock');
  };
  const stall = async () => {
    await raw.query('BEGIN');
    await raw.query('SELECT pg_advisory_xact_lock($1)', [STALL]);
  };

  it('gives up waiting at the deadline, not at the pool wait, and hands the late connection back', async () => {
    const store = await openPostgresStore(database.url, { poolMax: 1, poolWaitMs: 5_000 });
    try {
      await stall();
      const holder = store.createWorkOrder(order(), { deadline: far() });
      await untilStalled();
      const started = performance.now();
      await expect(store.createWorkOrder(order(), { deadline: Date.now() + 300 })).rejects.toBeInstanceOf(StoreBusyError);
      expect(performance.now() - started).toBeLessThan(2_000);
      await raw.query('COMMIT');
      expect((await holder).kind).toBe('created');
      // The connection the refused request was still queued for came back to the pool: the next create gets it.
      expect((await store.createWorkOrder(order(), { deadline: far() })).kind).toBe('created');
      expect(await count()).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('refuses at once a request whose forecast wait (hold time × line) is longer than its time left', async () => {
    const store = await openPostgresStore(database.url, { poolMax: 1, poolWaitMs: 5_000 });
    try {
      // One measured hold of at least 200 ms: the create stalls until this transaction, which sleeps in PostgreSQL, ends.
      await stall();
      const first = store.createWorkOrder(order(), { deadline: far() });
      await untilStalled();
      await raw.query('SELECT pg_sleep(0.2)');
      await raw.query('COMMIT');
      await first;
      await stall();
      const holder = store.createWorkOrder(order(), { deadline: far() });
      await untilStalled();
      // 100 ms left, the forecast is one hold (≥ 200 ms): refused with the forecast's reason, before its deadline.
      const refused = await store.createWorkOrder(order(), { deadline: Date.now() + 100 }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(StoreBusyError);
      expect((refused as Error).message).toMatch(/taken for longer than this request has left/);
      await raw.query('COMMIT');
      await holder;
      expect(await count()).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('with the forecast off the same request waits until its deadline', async () => {
    const store = await openPostgresStore(database.url, { poolMax: 1, poolWaitMs: 5_000, poolForecast: false });
    try {
      await stall();
      const first = store.createWorkOrder(order(), { deadline: far() });
      await untilStalled();
      await raw.query('SELECT pg_sleep(0.2)');
      await raw.query('COMMIT');
      await first;
      await stall();
      const holder = store.createWorkOrder(order(), { deadline: far() });
      await untilStalled();
      const refused = await store.createWorkOrder(order(), { deadline: Date.now() + 100 }).catch((error: unknown) => error);
      expect((refused as Error).message).toMatch(/before the request's deadline/);
      await raw.query('COMMIT');
      await holder;
    } finally {
      await store.close();
    }
  });
});

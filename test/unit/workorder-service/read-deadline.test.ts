import pg from 'pg';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../../../services/workorder/store/sqlite/sqlite-store';
import { DeadlinePassedError, type NewWorkOrder, type WorkOrderStore } from '../../../services/workorder/store/store';
import { makeTempDir } from '../../support/temp-dir';
import { newKey, startFixture, validFields, type Fixture } from './fixture';

const PHONE = '13800138000';

const order = (teamId = 'team-a'): NewWorkOrder => ({
  id: crypto.randomUUID(),
  idempotencyKey: newKey(),
  requestHash: 'h',
  teamId,
  agentId: '0307',
  fields: { ...validFields(), callerPhone: PHONE },
  at: Date.now(),
});

describe('SQLite: the hot reads stop at the request deadline, mid-statement', () => {
  const dir = makeTempDir('workorder-read-deadline-');
  let store: WorkOrderStore | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await store?.close();
    store = undefined;
  });

  it('the deadline is checked on every row the statement examines: a read that outlives it is stopped (DeadlinePassedError), one within it reads all', async () => {
    store = openSqliteStore(join(dir.path, `deadline-${Date.now()}.sqlite`));
    await store.createWorkOrders(Array.from({ length: 100 }, () => order()));
    // 100 orders: a feed of 100 changes and a screen pop of 100 rows.
    expect(await store.listChanges('team-a', 0, 500, { deadline: Date.now() + 60_000 })).toHaveLength(100);
    expect(await store.listByPhone('team-a', PHONE, 100, { deadline: Date.now() + 60_000 })).toHaveLength(100);
    // A clock that moves 1 ms each time it is read: the deadline passes after about 30 examined rows.
    const start = Date.now();
    let reads = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => start + (reads += 1));
    await expect(store.listChanges('team-a', 0, 500, { deadline: start + 30 })).rejects.toBeInstanceOf(DeadlinePassedError);
    expect(reads).toBeGreaterThanOrEqual(30);
    expect(reads).toBeLessThan(40);
    reads = 0;
    await expect(store.listByPhone('team-a', PHONE, 100, { deadline: start + 30 })).rejects.toBeInstanceOf(DeadlinePassedError);
    expect(reads).toBeLessThan(40);
    vi.restoreAllMocks();
    // The store is not left with the deadline of the stopped read: the next one without a deadline reads all.
    expect(await store.listChanges('team-a', 0, 500)).toHaveLength(100);
    expect(await store.listByPhone('team-a', PHONE, 100)).toHaveLength(100);
  });
});

describe('PostgreSQL: a screen pop waits no longer than its deadline', () => {
  let fx: Fixture | undefined;
  let locker: pg.Client | undefined;
  afterEach(async () => {
    await locker?.query('ROLLBACK').catch(() => undefined);
    await locker?.end();
    locker = undefined;
    await fx?.close();
    fx = undefined;
  });

  it('stuck behind a lock, it is cancelled at its deadline (SET LOCAL statement_timeout), not the session bound of 5 s; over HTTP a 503 busy', async () => {
    fx = await startFixture({}, 'postgres');
    const call = fx.as(fx.tokens.agentA);
    const created = await call('POST', '/v1/work-orders', { body: { fields: { ...validFields(), callerPhone: PHONE } }, headers: { 'idempotency-key': newKey() } });
    expect(created.status).toBe(201);
    // Another session holds the table: every read of it waits.
    locker = new pg.Client({ connectionString: fx.databaseUrl! });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE work_orders IN ACCESS EXCLUSIVE MODE');
    const started = performance.now();
    const reply = await call('GET', `/v1/work-orders?phone=${PHONE}`, { headers: { 'x-request-timeout-ms': '800' } });
    const ms = performance.now() - started;
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({ error: { code: 'busy' } });
    expect(reply.headers.get('retry-after')).toBe('2');
    // 800 ms less the margin kept for the answer; far under the session's 5 s.
    expect(ms).toBeGreaterThanOrEqual(500);
    expect(ms).toBeLessThan(2_500);
    await locker.query('ROLLBACK');
    const after = await call('GET', `/v1/work-orders?phone=${PHONE}`, { headers: { 'x-request-timeout-ms': '800' } });
    expect(after.status).toBe(200);
    expect(after.body.workOrders).toHaveLength(1);
  });
});

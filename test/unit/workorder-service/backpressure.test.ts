import pg from 'pg';
import { createConnection } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Admission } from '../../../services/workorder/admission';
import { HttpError } from '../../../services/workorder/http';
import { startWorkOrderService, type RunningWorkOrderService } from '../../../services/workorder/service';
import { openPostgresStore } from '../../../services/workorder/store/postgres/postgres-store';
import { DeadlinePassedError, type NewWorkOrder, type WorkOrderStore } from '../../../services/workorder/store/store';
import { issueToken } from '../../../services/workorder/tokens';
import { createTestDatabase } from './databases';
import { STORE_KINDS, newKey, startFixture, validFields, type Fixture } from './fixture';

const order = (teamId = 'team-a'): NewWorkOrder => ({
  id: crypto.randomUUID(),
  idempotencyKey: newKey(),
  requestHash: 'h',
  teamId,
  agentId: '0307',
  fields: validFields(),
  at: Date.now(),
});

/** Bounded wait for a state (not for time to pass). */
async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe('admission (back-pressure)', () => {
  it('admits up to maxInFlight, holds the next in line, hands a released place to it, refuses a full line at once', async () => {
    const admission = new Admission({ maxInFlight: 1, maxQueue: 1, maxWaitMs: 5_000, maxLagMs: 0 });
    const far = Date.now() + 60_000;
    const first = await admission.enter(far);
    let secondIn = false;
    const second = admission.enter(far).then((release) => {
      secondIn = true;
      return release;
    });
    expect(admission.waiting).toBe(1);
    const started = performance.now();
    const third = await admission.enter(far).catch((error: unknown) => error);
    expect(third).toBeInstanceOf(HttpError);
    expect(third).toMatchObject({ status: 503, code: 'busy', headers: { 'retry-after': '2' } });
    expect(performance.now() - started).toBeLessThan(50);
    expect(secondIn).toBe(false);
    first();
    first(); // a second release is ignored
    (await second)();
    expect(secondIn).toBe(true);
    expect(admission.waiting).toBe(0);
    (await admission.enter(far))();
    expect(admission.shed).toBe(1);
    admission.close();
  });

  it('a request that cannot get in within maxWaitMs (or before its deadline) gets 503 busy, not a timeout', async () => {
    const admission = new Admission({ maxInFlight: 1, maxWaitMs: 150, maxLagMs: 0, retryAfterS: 3 });
    const hold = await admission.enter(Date.now() + 60_000);
    const started = performance.now();
    await expect(admission.enter(Date.now() + 60_000)).rejects.toMatchObject({ status: 503, headers: { 'retry-after': '3' } });
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(140);
    expect(waited).toBeLessThan(1_000);
    // A deadline shorter than the bound ends the wait sooner; a passed one at once.
    const short = performance.now();
    await expect(admission.enter(Date.now() + 30)).rejects.toMatchObject({ status: 503 });
    expect(performance.now() - short).toBeLessThan(140);
    await expect(admission.enter(Date.now() - 1)).rejects.toMatchObject({ status: 503 });
    hold();
    admission.close();
  });
});

describe('admission: event-loop lag', () => {
  it('turns requests away while the loop stays behind (three late ticks in a row), and admits again once it keeps up', async () => {
    const admission = new Admission({ maxLagMs: 50 });
    const far = () => Date.now() + 60_000;
    const busyFor = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        // a saturated loop: synchronous work, as SQLite's is
      }
    };
    const nextTick = () => new Promise((resolve) => setTimeout(resolve, 110));
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    await nextTick();
    // One late tick (a GC pause) is not saturation. (The timer fires late in the loop's next turn.)
    busyFor(200);
    await turn();
    await turn();
    expect(admission.loopLagMs).toBeGreaterThan(50);
    (await admission.enter(far()))();
    // Saturated: each turn of the loop runs long, so each tick of the lag timer is late.
    for (let i = 0; i < 5; i += 1) {
      busyFor(200);
      await turn();
    }
    await expect(admission.enter(far())).rejects.toMatchObject({ status: 503, code: 'busy' });
    // The loop keeps up again: admitted within a few ticks.
    let admitted = false;
    for (let i = 0; i < 20 && !admitted; i += 1) {
      await nextTick();
      admitted = await admission.enter(far()).then((release) => {
        release();
        return true;
      }, () => false);
    }
    expect(admitted).toBe(true);
    admission.close();
  });
});

describe.each(STORE_KINDS)('deadlines (%s)', (kind) => {
  let fx: Fixture;
  let store: WorkOrderStore;
  beforeEach(async () => {
    fx = await startFixture({}, kind);
    store = await fx.openStore();
  });
  afterEach(async () => {
    await store?.close();
    await fx?.close();
  });

  it('a write whose deadline has passed is not run: DeadlinePassedError, nothing stored', async () => {
    const before = await fx.count('work_orders');
    await expect(store.createWorkOrder(order(), { deadline: Date.now() - 1 })).rejects.toBeInstanceOf(DeadlinePassedError);
    await expect(store.createWorkOrders([order(), order()], { deadline: Date.now() - 1 })).rejects.toBeInstanceOf(DeadlinePassedError);
    expect(await fx.count('work_orders')).toBe(before);
    expect(await fx.count('work_order_changes')).toBe(0);
    // With time left it commits.
    expect((await store.createWorkOrder(order(), { deadline: Date.now() + 5_000 })).kind).toBe('created');
  });

  it('the first request on a connection counts its deadline from when the connection was accepted', async () => {
    const before = await fx.count('work_orders');
    const url = new URL(fx.url);
    const body = JSON.stringify({ fields: validFields() });
    const socket = createConnection(Number(url.port), url.hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // The stimulus: the request is sent 300 ms after the connection, with 200 ms to live.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answer = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
        if (text.includes('\r\n\r\n') && /"error"/.test(text)) resolve(text);
      });
      socket.on('close', () => resolve(text));
    });
    socket.write(
      [
        'POST /v1/work-orders HTTP/1.1',
        `Host: ${url.host}`,
        `Authorization: Bearer ${fx.tokens.agentA}`,
        'Content-Type: application/json',
        `Idempotency-Key: ${newKey()}`,
        'X-Request-Timeout-Ms: 200',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
    const text = await answer;
    socket.destroy();
    expect(text).toMatch(/^HTTP\/1\.1 503 /);
    expect(text).toMatch(/retry-after: \d+/i);
    expect(await fx.count('work_orders')).toBe(before);
  });

  it('every answer names the service (the same id on every request), and changes?since=head starts at the newest', async () => {
    const a = fx.as(fx.tokens.agentA);
    for (let i = 0; i < 3; i += 1) await a('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': newKey() } });
    const head = await a('GET', '/v1/changes?since=head');
    expect(head.status).toBe(200);
    expect(head.body).toEqual({ changes: [], nextCursor: expect.stringMatching(/^[1-9]\d*$/), hasMore: false });
    const all = await a('GET', '/v1/changes?since=0');
    expect(head.body.nextCursor).toBe(all.body.nextCursor);
    expect(head.headers.get('workorder-service-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(all.headers.get('workorder-service-id')).toBe(head.headers.get('workorder-service-id'));
    // Another team's head: its own (no changes yet).
    expect((await fx.as(fx.tokens.agentB)('GET', '/v1/changes?since=head')).body.nextCursor).toBe('0');
  });
});

describe('PostgreSQL: statement deadline, pool wait, batch statements', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let raw: pg.Client;
  let service: RunningWorkOrderService | null = null;
  const STALL = 515151;
  beforeEach(async () => {
    database = await createTestDatabase('workorder_bp');
    await (await openPostgresStore(database.url)).close();
    raw = new pg.Client({ connectionString: database.url });
    await raw.connect();
    // Test-only: a change noted 'stall' (or any change, while the flag is set) waits on an advisory lock this test holds.
    await raw.query(`
      CREATE FUNCTION test_stall() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock(${STALL}); RETURN NEW; END $$;
      CREATE TRIGGER test_stall AFTER INSERT ON work_order_changes FOR EACH ROW EXECUTE FUNCTION test_stall();
    `);
  });
  afterEach(async () => {
    await raw.query('ROLLBACK').catch(() => undefined);
    await service?.close();
    service = null;
    await raw.end();
    await database.drop();
  });

  const count = async (table: string) => Number((await raw.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
  const waiters = async () =>
    Number(
      (
        await raw.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        )
      ).rows[0]?.n,
    );

  it('a statement that runs into the deadline is cancelled and rolled back: DeadlinePassedError, nothing committed', async () => {
    const store = await openPostgresStore(database.url, { poolMax: 2 });
    try {
      await raw.query('BEGIN');
      await raw.query('SELECT pg_advisory_xact_lock($1)', [STALL]);
      const started = performance.now();
      await expect(store.createWorkOrder(order(), { deadline: Date.now() + 300 })).rejects.toBeInstanceOf(DeadlinePassedError);
      expect(performance.now() - started).toBeLessThan(2_000);
      await raw.query('COMMIT');
      expect(await count('work_orders')).toBe(0);
      expect(await count('work_order_changes')).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('over HTTP: X-Request-Timeout-Ms bounds the work (503 busy + Retry-After, nothing stored); a full pool answers 503 within about a second', async () => {
    const admin = await openPostgresStore(database.url, { poolMax: 1 });
    const { token } = await issueToken(admin, { agentId: '0307', teamId: 'team-a' });
    await admin.close();
    service = await startWorkOrderService({ port: 0, store: await openPostgresStore(database.url, { poolMax: 1, poolWaitMs: 300 }) });
    const post = (timeoutMs: number) =>
      fetch(`${service!.url}/v1/work-orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': newKey(), 'x-request-timeout-ms': String(timeoutMs) },
        body: JSON.stringify({ fields: validFields() }),
      });
    await raw.query('BEGIN');
    await raw.query('SELECT pg_advisory_xact_lock($1)', [STALL]);
    const started = performance.now();
    const timedOut = await post(400);
    expect(timedOut.status).toBe(503);
    expect(timedOut.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await timedOut.json()).error.code).toBe('busy');
    expect(performance.now() - started).toBeLessThan(2_000);

    // One connection, held by a request stalled on the lock: the next one cannot get a connection.
    const holder = post(20_000);
    await until('the first request holds the only connection', async () => (await waiters()) >= 1);
    const second = performance.now();
    const refused = await post(20_000);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(performance.now() - second).toBeLessThan(1_500);
    await raw.query('COMMIT');
    expect((await holder).status).toBe(201);
    expect(await count('work_orders')).toBe(1);
  });

  it('a batch of 100 creates is a few statements, not three per item', async () => {
    await raw.query('DROP TRIGGER test_stall ON work_order_changes');
    const store = await openPostgresStore(database.url, { poolMax: 1 });
    const original = pg.Client.prototype.query;
    let statements = 0;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      if (this !== raw) statements += 1;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      const inputs = Array.from({ length: 100 }, () => order());
      const outcomes = await store.createWorkOrders([...inputs, inputs[0]!]);
      expect(outcomes.map((o) => o.kind)).toEqual([...inputs.map(() => 'created'), 'replayed']);
      // BEGIN, INSERT orders, SELECT (the repeated key), feed lock, INSERT changes, COMMIT.
      expect(statements).toBeLessThanOrEqual(6);
      statements = 0;
      const again = await store.createWorkOrders(inputs.slice(0, 50));
      expect(again.every((o) => o.kind === 'replayed')).toBe(true);
      expect(statements).toBeLessThanOrEqual(4);
    } finally {
      pg.Client.prototype.query = original;
      await store.close();
    }
    expect(await count('work_orders')).toBe(100);
    expect(await count('work_order_changes')).toBe(100);
  });
});

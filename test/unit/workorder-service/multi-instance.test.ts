import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, startFixture, validFields } from './fixture';
import type { Call, Fixture } from './fixture';

// Two service instances on one PostgreSQL, as behind a load balancer: every request
// below goes to one or the other, concurrently.
describe('two service instances on one PostgreSQL', () => {
  let fx: Fixture;
  let agentA: Call[];
  let centreA: Call[];

  beforeAll(async () => {
    fx = await startFixture({}, 'postgres', 2);
    agentA = [fx.as(fx.tokens.agentA, 0), fx.as(fx.tokens.agentA, 1)];
    centreA = [fx.as(fx.tokens.centreA, 0), fx.as(fx.tokens.centreA, 1)];
  });
  afterAll(async () => {
    await fx?.close();
  });

  const on = (calls: Call[], i: number) => calls[i % calls.length] as Call;

  it('the same idempotency key on both instances at once creates one work order and one change', async () => {
    for (let round = 0; round < 5; round += 1) {
      const key = newKey();
      const rowsBefore = await fx.count('work_orders');
      const changesBefore = await fx.count('work_order_changes');
      const replies = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          on(agentA, i)('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': key } }),
        ),
      );
      expect(replies.map((r) => r.status)).toEqual(Array(16).fill(201));
      expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
      expect(replies.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
      // Every replay is the first response, whichever instance answered.
      for (const reply of replies) expect(reply.body).toEqual(replies[0]?.body);
      expect(await fx.count('work_orders')).toBe(rowsBefore + 1);
      expect(await fx.count('work_order_changes')).toBe(changesBefore + 1);
    }
  });

  it('competing PUTs on one version through both instances: exactly one wins, the rest get 409', async () => {
    for (let round = 0; round < 5; round += 1) {
      const created = await agentA[0]!('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': newKey() } });
      const id = created.body.id as string;
      const replies = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          on(agentA, i)('PUT', `/v1/work-orders/${id}`, {
            body: { fields: validFields({ summary: `修改 ${round}-${i}` }) },
            headers: { 'if-match': '"1"' },
          }),
        ),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
      const winner = replies.find((r) => r.status === 200);
      for (const loser of replies.filter((r) => r.status === 409)) expect(loser.body.current).toEqual(winner?.body);
      for (const read of [agentA[0]!, agentA[1]!]) expect((await read('GET', `/v1/work-orders/${id}`)).body).toEqual(winner?.body);
      const feed = await agentA[1]!('GET', '/v1/changes?since=0&limit=500');
      const mine = feed.body.changes.filter((c: { workOrderId: string }) => c.workOrderId === id);
      expect(mine.map((c: { kind: string; version: number }) => [c.kind, c.version])).toEqual([
        ['created', 1],
        ['updated', 2],
      ]);
    }
  });

  it('a feed reader polling while writers run on both instances never skips or repeats an entry', async () => {
    const start = (await agentA[0]!('GET', '/v1/changes?since=0&limit=500')).body;
    let since: string = start.nextCursor;
    for (let page = 0; page < 100 && start.hasMore; page += 1) {
      const reply = (await agentA[0]!('GET', `/v1/changes?since=${since}&limit=500`)).body;
      since = reply.nextCursor;
      if (!reply.hasMore) break;
    }
    const origin = since;

    const WRITERS = 6;
    const OPS = 25;
    let writersDone = 0;
    let acknowledged = 0;
    // Each writer creates a work order, edits it, and moves it along the statuses, through alternating instances.
    const writer = async (w: number) => {
      for (let op = 0; op < OPS; op += 1) {
        const created = await on(agentA, w + op)('POST', '/v1/work-orders', {
          body: { fields: validFields({ summary: `并发 ${w}-${op}` }) },
          headers: { 'idempotency-key': newKey() },
        });
        expect(created.status).toBe(201);
        acknowledged += 1;
        const id = created.body.id as string;
        if (op % 2 === 0) {
          const edited = await on(agentA, w + op + 1)('PUT', `/v1/work-orders/${id}`, {
            body: { fields: validFields({ summary: `并发 ${w}-${op} 改` }) },
            headers: { 'if-match': '"1"' },
          });
          expect(edited.status).toBe(200);
          acknowledged += 1;
        } else {
          const dispatched = await on(centreA, w + op + 1)('POST', `/v1/work-orders/${id}/status`, { body: { status: 'dispatched' } });
          expect(dispatched.status).toBe(200);
          acknowledged += 1;
        }
      }
      writersDone += 1;
    };

    // The reader follows the feed with small pages, from both instances, while the writers run.
    const seen: string[] = [];
    const reader = async () => {
      let cursor = origin;
      let polls = 0;
      // Bounded: the writers make WRITERS × OPS × 2 changes; each poll either advances or finds the feed drained.
      for (; polls < 20_000; polls += 1) {
        const done = writersDone === WRITERS;
        const reply = await on(agentA, polls)('GET', `/v1/changes?since=${cursor}&limit=7`);
        expect(reply.status).toBe(200);
        seen.push(...reply.body.changes.map((c: { cursor: string }) => c.cursor));
        cursor = reply.body.nextCursor;
        // Stop only after a read that began once every writer had its answers and found nothing more.
        if (done && !reply.body.hasMore && reply.body.changes.length === 0) break;
      }
      return polls;
    };

    const [polls] = await Promise.all([reader(), ...Array.from({ length: WRITERS }, (_, w) => writer(w))]);
    expect(acknowledged).toBe(WRITERS * OPS * 2);

    // The whole feed, read afterwards in one go, is what the reader saw while it was being written.
    const after = await agentA[1]!('GET', `/v1/changes?since=${origin}&limit=500`);
    const all = after.body.changes.map((c: { cursor: string }) => c.cursor);
    expect(all).toHaveLength(WRITERS * OPS * 2);
    expect(seen).toEqual(all);
    // The reader really read while writing was going on, not just once at the end.
    expect(polls).toBeGreaterThan(10);
  }, 60_000);

  it('a change whose transaction commits late is not skipped by a reader that already saw a later write', async () => {
    // Deterministic version of the race above. A test-only trigger stalls the insert of a
    // change noted 'stall' on an advisory lock this test holds: that transaction has drawn
    // its sequence number but not committed. Meanwhile another instance writes, and a
    // reader reads the feed. The store's feed lock must keep the later write from becoming
    // visible first; otherwise the reader's cursor passes the stalled change for good.
    const STALL = 424242;
    const raw = new pg.Client({ connectionString: fx.databaseUrl as string });
    await raw.connect();
    try {
      await raw.query(`
        CREATE FUNCTION test_stall() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.note = 'stall' THEN PERFORM pg_advisory_xact_lock(${STALL}); END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER test_stall AFTER INSERT ON work_order_changes FOR EACH ROW EXECUTE FUNCTION test_stall();
      `);
      const record = (await agentA[0]!('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': newKey() } })).body;
      const cursor0: string = (await agentA[0]!('GET', '/v1/changes?since=0&limit=500')).body.nextCursor;
      const waitingOnAdvisoryLocks = async () =>
        Number(
          (
            await raw.query<{ n: string }>(
              "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            )
          ).rows[0]?.n,
        );
      // Bounded wait for a state in the database (not for time to pass).
      const until = async (what: string, condition: () => Promise<boolean>) => {
        for (let i = 0; i < 500; i += 1) {
          if (await condition()) return;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error(`timed out waiting until ${what}`);
      };

      await raw.query('BEGIN');
      await raw.query('SELECT pg_advisory_xact_lock($1)', [STALL]);
      const stalled = centreA[0]!('POST', `/v1/work-orders/${record.id}/status`, { body: { status: 'dispatched', note: 'stall' } });
      await until('the status change is stalled after drawing its sequence number', async () => (await waitingOnAdvisoryLocks()) >= 1);

      let laterSettled = false;
      const later = agentA[1]!('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': newKey() } }).finally(() => {
        laterSettled = true;
      });
      // Either the later write finished (no feed lock) or it waits for the stalled one (feed lock).
      await until('the later write finished or queued behind the stalled one', async () => laterSettled || (await waitingOnAdvisoryLocks()) >= 2);

      const during = (await agentA[1]!('GET', `/v1/changes?since=${cursor0}`)).body;
      await raw.query('COMMIT');
      expect((await stalled).status).toBe(200);
      expect((await later).status).toBe(201);
      const after = (await agentA[0]!('GET', `/v1/changes?since=${during.nextCursor}`)).body;

      const seen = [...during.changes, ...after.changes].map((c: { kind: string; note: string }) => [c.kind, c.note]);
      expect(seen).toEqual([
        ['status', 'stall'],
        ['created', ''],
      ]);
    } finally {
      await raw.query('ROLLBACK').catch(() => undefined);
      await raw.query('DROP TRIGGER IF EXISTS test_stall ON work_order_changes; DROP FUNCTION IF EXISTS test_stall()');
      await raw.end();
    }
  });
});

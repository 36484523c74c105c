import { createConnection, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Admission } from '../../../services/workorder/admission';
import { ServiceClock } from '../../../src/main/work-orders/service-clock';
import { WorkOrderServiceClient } from '../../../src/main/work-orders/service-client';
import { newKey, startFixture, validFields, type Fixture } from './fixture';

describe('the desk learns the service clock (X-Request-Deadline in the service clock)', () => {
  it('states nothing before an answer, then sent + timeout + the lenient end of the offset, whatever the skew', () => {
    const clock = new ServiceClock();
    expect(clock.deadlineHeader(1_000, 10_000)).toBeUndefined();
    // The service's clock is an hour ahead; the answer took 40 ms there and back.
    const hour = 3_600_000;
    clock.observe(1_000, 1_040, String(1_020 + hour));
    // Offset lies in [hour - 20, hour + 20]: the deadline uses the late end, never refusing a request the desk still waits for.
    expect(Number(clock.deadlineHeader(5_000, 10_000))).toBe(5_000 + 10_000 + hour + 20);
    // A slower answer (a storm's queue) does not widen the estimate...
    clock.observe(6_000, 9_000, String(7_000 + hour));
    expect(Number(clock.deadlineHeader(10_000, 1_500))).toBe(10_000 + 1_500 + hour + 20);
    // ...a quicker one narrows it.
    clock.observe(20_000, 20_010, String(20_004 + hour));
    expect(Number(clock.deadlineHeader(30_000, 1_500))).toBe(30_000 + 1_500 + hour + 4);
    // A clock was set (an answer outside the kept range): the new estimate replaces it, even if wider.
    clock.observe(40_000 + 2 * hour, 40_100 + 2 * hour, String(40_050 + hour));
    expect(Number(clock.deadlineHeader(50_000, 1_500))).toBe(50_000 + 1_500 - hour + 50);
    // Not a number, or an answer that came back before it left: ignored.
    clock.observe(60_000, 60_010, 'soon');
    clock.observe(60_000, 59_000, String(60_000));
    expect(Number(clock.deadlineHeader(50_000, 1_500))).toBe(50_000 + 1_500 - hour + 50);
  });
});

describe('admission: a request that waited unseen before it was read', () => {
  it('is let in up to maxUnreadMs of waiting, and turned away at once beyond it, even with room inside', async () => {
    const admission = new Admission({ maxInFlight: 4, maxUnreadMs: 500, maxLagMs: 0 });
    const far = Date.now() + 60_000;
    (await admission.enter(far, 400))();
    const started = performance.now();
    await expect(admission.enter(far, 600)).rejects.toMatchObject({ status: 503, code: 'busy', headers: { 'retry-after': '2' } });
    expect(performance.now() - started).toBeLessThan(50);
    expect(admission.shed).toBe(1);
    admission.close();
  });
});

describe('the service refuses what the desk stopped waiting for (SQLite)', () => {
  let fx: Fixture;
  afterEach(async () => fx?.close());

  it('every answer carries the service time; a stated deadline that passed gets 503 + Retry-After and stores nothing', async () => {
    fx = await startFixture();
    const call = fx.as(fx.tokens.agentA);
    const before = await fx.count('work_orders');
    const probe = await call('GET', '/v1/changes?since=head');
    expect(Math.abs(Number(probe.headers.get('workorder-service-time')) - Date.now())).toBeLessThan(5_000);
    // Sent with 10 s to wait, but the deadline it states passed while it waited unseen.
    const late = await call('POST', '/v1/work-orders', {
      body: { fields: validFields() },
      headers: { 'idempotency-key': newKey(), 'x-request-timeout-ms': '10000', 'x-request-deadline': String(Date.now() - 500) },
    });
    expect(late.status).toBe(503);
    expect(late.body.error.code).toBe('busy');
    expect(late.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await fx.count('work_orders')).toBe(before);
    // Its deadline is 8 s away, but it was sent 2 s ago (10 s timeout) and waited unseen (a storm's accept queue):
    // turned away now, while its desk still waits.
    const unseen = await call('POST', '/v1/work-orders', {
      body: { fields: validFields() },
      headers: { 'idempotency-key': newKey(), 'x-request-timeout-ms': '10000', 'x-request-deadline': String(Date.now() + 8_000) },
    });
    expect(unseen.status).toBe(503);
    expect(unseen.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await fx.count('work_orders')).toBe(before);
    // A deadline ahead (sent just now, 5 s to wait): done. One far in the past is a wrong clock estimate, not a wait: ignored, done.
    for (const stated of [Date.now() + 5_000, Date.now() - 3_600_000]) {
      const reply = await call('POST', '/v1/work-orders', {
        body: { fields: validFields() },
        headers: { 'idempotency-key': newKey(), 'x-request-timeout-ms': '5000', 'x-request-deadline': String(stated) },
      });
      expect(reply.status).toBe(201);
    }
    expect(await fx.count('work_orders')).toBe(before + 2);
  });

  it("the desk's client states its deadline in the service clock from its second request on", async () => {
    fx = await startFixture();
    const sent: (string | null)[] = [];
    const client = new WorkOrderServiceClient({
      url: fx.url,
      token: fx.tokens.agentA,
      timeoutMs: 4_000,
      fetch: (input, init) => {
        sent.push(new Headers(init?.headers).get('x-request-deadline'));
        return fetch(input, init);
      },
    });
    expect((await client.changes('head', 10)).kind).toBe('ok');
    const before = Date.now();
    expect((await client.create(newKey(), validFields() as never)).kind).toBe('ok');
    expect(sent[0]).toBeNull();
    const stated = Number(sent[1]);
    // Same machine, so the same clock: about now + 4 s, give or take the first answer's round trip.
    expect(stated).toBeGreaterThanOrEqual(before + 4_000 - 50);
    expect(stated).toBeLessThan(Date.now() + 4_000 + 1_000);
  });

  it('a burst read in one turn of the loop is counted before any of it runs: the excess gets 503 at once, no order twice', async () => {
    fx = await startFixture({ admission: { maxInFlight: 2, maxQueue: 2, maxWaitMs: 5_000, maxLagMs: 0 } });
    const url = new URL(fx.url);
    const n = 12;
    const sockets: Socket[] = await Promise.all(
      Array.from({ length: n }, () => new Promise<Socket>((resolve) => {
        const socket = createConnection(Number(url.port), url.hostname, () => resolve(socket));
      })),
    );
    // Each connection answered once first, so all are accepted (Node accepts about one new connection per
    // turn of a busy loop; the test is about requests on connections it already reads).
    const head = `GET /healthz HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`;
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            socket.once('data', () => resolve());
            socket.write(head);
          }),
      ),
    );
    const answers = sockets.map(
      (socket) =>
        new Promise<{ status: number; ms: number }>((resolve, reject) => {
          const started = performance.now();
          let text = '';
          socket.on('data', (chunk) => {
            text += chunk.toString();
            const head = /^HTTP\/1\.1 (\d{3}) /.exec(text);
            const length = /content-length: (\d+)/i.exec(text);
            const bodyAt = text.indexOf('\r\n\r\n');
            if (head && length && bodyAt >= 0 && Buffer.byteLength(text.slice(bodyAt + 4)) >= Number(length[1])) {
              resolve({ status: Number(head[1]), ms: performance.now() - started });
            }
          });
          socket.on('error', reject);
        }),
    );
    // Every request written before the service's loop gets a turn: all arrive in one poll.
    for (const socket of sockets) {
      const body = JSON.stringify({ items: Array.from({ length: 20 }, () => ({ idempotencyKey: newKey(), fields: validFields() })) });
      socket.write(
        [
          'POST /v1/work-orders:batch HTTP/1.1',
          `Host: ${url.host}`,
          `Authorization: Bearer ${fx.tokens.agentA}`,
          'Content-Type: application/json',
          `Content-Length: ${Buffer.byteLength(body)}`,
          '',
          body,
        ].join('\r\n'),
      );
    }
    const replies = await Promise.all(answers);
    sockets.forEach((s) => s.destroy());
    const ok = replies.filter((r) => r.status === 200);
    const busy = replies.filter((r) => r.status === 503);
    // Two in the store and two in line; the other eight are told at once (before they would run serially, each unseen).
    expect(ok.length).toBe(4);
    expect(busy.length).toBe(n - 4);
    expect(Math.max(...busy.map((r) => r.ms))).toBeLessThan(Math.min(...ok.map((r) => r.ms)) + 1_000);
    expect(await fx.count('work_orders')).toBe(4 * 20);
  });
});

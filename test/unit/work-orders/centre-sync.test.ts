import { createServer as createHttpServer, type Server } from 'node:http';
import { createConnection, createServer, type Server as NetServer, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../services/workorder/store/sqlite/sqlite-store';
import type { AppCore } from '../../../src/main/app-core';
import { makeTempDir } from '../../support/temp-dir';
import { completeDraft, openCore, startTestService, value, within, type TestService } from './helpers';

const FAST = { outbox: { backoff: { baseMs: 5, maxMs: 50 }, pollChangesMs: 0, random: () => 0.5 }, requestTimeoutMs: 2_000 };

/** Queues `n` complete work orders straight through the repo; returns their local ids. */
function queue(core: AppCore, n: number, tag: string): string[] {
  const repo = core.workOrders.repo;
  return core.db.transaction(() =>
    Array.from({ length: n }, (_, i) => {
      const view = repo.create('');
      repo.save(view.id, completeDraft(`${tag}-${i}`));
      const queued = repo.submit(view.id, ['labour-inspection']);
      if (queued.kind !== 'queued') throw new Error(`not queued: ${queued.kind}`);
      return view.id;
    }),
  )();
}

const cursors = (core: AppCore) =>
  Object.fromEntries(
    (core.db.prepare('SELECT target, cursor FROM work_order_sync_cursors').all() as { target: string; cursor: string }[]).map((r) => [r.target, r.cursor]),
  );

/** A plain TCP forwarder: the same service at another address. */
async function forwarder(port: number): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: NetServer = createServer((socket) => {
    const upstream = createConnection(port, '127.0.0.1');
    for (const end of [socket, upstream]) {
      sockets.add(end);
      end.on('close', () => sockets.delete(end));
    }
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    // Connections the desk keeps alive would hold close() for the service's keep-alive (8 s): the address is gone now.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

describe('a centre-sized service and the desk', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let service: TestService;
  let core: AppCore;
  beforeEach(async () => {
    dir = makeTempDir();
    service = await startTestService(dir.path);
    core = openCore(dir.path, { ...FAST, embeddedDatabasePath: null });
  });
  afterEach(async () => {
    await core.close();
    await service.close();
    dir.remove();
  });

  it('a new desk starts at the head of the feed (not the team year), still sees its own orders change, and keeps its cursor across an address change', async () => {
    // The team's history before this desk existed: 40 orders by another agent.
    for (let i = 0; i < 40; i += 1) {
      const reply = await service.call(service.tokens.otherAgent, 'POST', '/v1/work-orders', { fields: completeDraft(`before-${i}`) }, { 'idempotency-key': crypto.randomUUID() });
      expect(reply.status).toBe(201);
    }
    const head = (await service.call(service.tokens.agent, 'GET', '/v1/changes?since=head')).body.nextCursor as string;
    expect(Number(head)).toBe(40);

    const [mine] = queue(core, 1, 'mine');
    await value(core, 'workOrderService:save', { url: service.url, token: service.tokens.agent });
    await within(core.workOrders.worker.idle(), 10_000, 'the outbox to drain');
    const serviceId = (await fetch(`${service.url}/healthz`)).headers.get('workorder-service-id');
    const key = `service:${serviceId}`;
    // The cursor starts at the head it saw before sending, not at 0.
    expect(cursors(core)).toEqual({ [key]: head });

    const serverId = core.workOrders.repo.get(mine!)!.server!.id;
    expect((await service.call(service.tokens.centre, 'POST', `/v1/work-orders/${serverId}/status`, { status: 'dispatched' })).status).toBe(200);
    await core.workOrders.worker.pollChanges();
    expect(core.workOrders.repo.get(mine!)!.server).toMatchObject({ status: 'dispatched' });
    const after = cursors(core)[key];
    expect(Number(after)).toBe(42); // its create and the status change

    // The same service at another address: same identity, same cursor, nothing read again.
    const other = await forwarder(Number(new URL(service.url).port));
    try {
      await value(core, 'workOrderService:save', { url: other.url, token: service.tokens.agent });
      await core.workOrders.worker.pollChanges();
      expect(cursors(core)).toEqual({ [key]: after });
      expect((await service.call(service.tokens.centre, 'POST', `/v1/work-orders/${serverId}/status`, { status: 'replied' })).status).toBe(200);
      await core.workOrders.worker.pollChanges();
      expect(core.workOrders.repo.get(mine!)!.server).toMatchObject({ status: 'replied' });
    } finally {
      core.workOrders.worker.stop();
      await other.close();
    }
  });

  it('a cursor an older desk kept under the address moves over to the identity', async () => {
    const [mine] = queue(core, 1, 'legacy');
    await value(core, 'workOrderService:save', { url: service.url, token: service.tokens.agent });
    await within(core.workOrders.worker.idle(), 10_000, 'the outbox to drain');
    await core.workOrders.worker.pollChanges();
    // Rewind to what an older desk would have: its cursor under the URL only.
    core.db.prepare('DELETE FROM work_order_sync_cursors').run();
    core.db.prepare('INSERT INTO work_order_sync_cursors (target, cursor) VALUES (?, ?)').run(service.url, '0');
    await value(core, 'workOrderService:save', { url: service.url, token: service.tokens.agent });
    const serverId = core.workOrders.repo.get(mine!)!.server!.id;
    await service.call(service.tokens.centre, 'POST', `/v1/work-orders/${serverId}/status`, { status: 'dispatched' });
    await core.workOrders.worker.pollChanges();
    const serviceId = (await fetch(`${service.url}/healthz`)).headers.get('workorder-service-id');
    // Read from the old cursor (0), not from the head: the status change is seen.
    expect(cursors(core)[`service:${serviceId}`]).toBe('2');
    expect(core.workOrders.repo.get(mine!)!.server).toMatchObject({ status: 'dispatched' });
  });
});

describe('a desk whose cursor retention passed', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let service: TestService;
  let core: AppCore;
  beforeEach(async () => {
    dir = makeTempDir();
    service = await startTestService(dir.path);
    core = openCore(dir.path, { ...FAST, embeddedDatabasePath: null });
  });
  afterEach(async () => {
    await core.close();
    await service.close();
    dir.remove();
  });

  it('starts again at the head on 410 cursor-expired and goes on seeing its orders change', async () => {
    const [mine] = queue(core, 1, 'kept');
    await value(core, 'workOrderService:save', { url: service.url, token: service.tokens.agent });
    await within(core.workOrders.worker.idle(), 10_000, 'the outbox to drain');
    for (let i = 0; i < 5; i += 1) {
      await service.call(service.tokens.otherAgent, 'POST', '/v1/work-orders', { fields: completeDraft(`other-${i}`) }, { 'idempotency-key': crypto.randomUUID() });
    }
    // Retention on the service deletes every change so far (as if they were 400 days old).
    const store = openSqliteStore(service.databasePath);
    try {
      expect(await store.pruneChanges(Date.now() + 1, 1_000)).toBe(6);
    } finally {
      await store.close();
    }
    const serverId = core.workOrders.repo.get(mine!)!.server!.id;
    expect((await service.call(service.tokens.centre, 'POST', `/v1/work-orders/${serverId}/status`, { status: 'dispatched' })).status).toBe(200);
    await core.workOrders.worker.pollChanges();
    const serviceId = (await fetch(`${service.url}/healthz`)).headers.get('workorder-service-id');
    // Restarted at the head (6, after the dispatch: 7) and read on from there.
    expect(Number(cursors(core)[`service:${serviceId}`])).toBeGreaterThanOrEqual(6);
    const dispatchedLater = await service.call(service.tokens.centre, 'POST', `/v1/work-orders/${serverId}/status`, { status: 'replied' });
    expect(dispatchedLater.status).toBe(200);
    await core.workOrders.worker.pollChanges();
    expect(core.workOrders.repo.get(mine!)!.server).toMatchObject({ status: 'replied' });
    expect(cursors(core)[`service:${serviceId}`]).toBe('8');
  });
});

describe('Retry-After', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let stub: Server;
  let core: AppCore;
  const seen: string[] = [];
  let retryAfter = '3';
  beforeEach(async () => {
    dir = makeTempDir();
    seen.length = 0;
    retryAfter = '3';
    // A saturated service: every batch gets 503 with Retry-After (3 s unless a test says otherwise).
    stub = createHttpServer((req, res) => {
      seen.push(`${req.method} ${(req.url ?? '').split('?')[0]}`);
      req.resume();
      req.on('end', () => {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': retryAfter });
        res.end(JSON.stringify({ error: { code: 'busy', message: 'saturated' } }));
      });
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    core = openCore(dir.path, { ...FAST, embeddedDatabasePath: null });
  });
  afterEach(async () => {
    await core.close();
    await new Promise<void>((resolve) => stub.close(() => resolve()));
    dir.remove();
  });

  it('the desk waits at least the pause the service asked for, plus jitter, before trying again', async () => {
    const ids = queue(core, 3, 'busy');
    const before = Date.now();
    await value(core, 'workOrderService:save', { url: `http://127.0.0.1:${(stub.address() as { port: number }).port}`, token: 'hdw_test' });
    const nextAttempts = () =>
      ids.map((id) => core.db.prepare('SELECT next_attempt_at FROM work_orders WHERE id = ?').pluck().get(id) as number | null);
    for (let i = 0; i < 200 && !nextAttempts().every((at) => at !== null && at > before); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const after = Date.now();
    expect(seen).toContain('POST /v1/work-orders:batch');
    // random() = 0.5: 3 s and half as much again, not the 5-50 ms backoff.
    for (const at of nextAttempts()) {
      expect(at).toBeGreaterThanOrEqual(before + 4_500);
      expect(at).toBeLessThanOrEqual(after + 4_500);
    }
    expect(seen.filter((s) => s === 'POST /v1/work-orders:batch')).toHaveLength(1);
  });

  it('a pause longer than a minute is cut to the desk\'s cap (60 s)', async () => {
    retryAfter = '600';
    const ids = queue(core, 2, 'long');
    const before = Date.now();
    await value(core, 'workOrderService:save', { url: `http://127.0.0.1:${(stub.address() as { port: number }).port}`, token: 'hdw_test' });
    const nextAttempts = () =>
      ids.map((id) => core.db.prepare('SELECT next_attempt_at FROM work_orders WHERE id = ?').pluck().get(id) as number | null);
    for (let i = 0; i < 200 && !nextAttempts().every((at) => at !== null && at > before); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const after = Date.now();
    for (const at of nextAttempts()) {
      expect(at).toBeGreaterThanOrEqual(before + 60_000);
      expect(at).toBeLessThanOrEqual(after + 60_000);
    }
  });
});

import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/app-core';
import { DepartmentsRepo, DEFAULT_DEPARTMENTS } from '../../../src/main/work-orders/departments';
import { backoffDelay, type Clock } from '../../../src/main/work-orders/outbox';
import type { WorkOrderView } from '../../../src/shared/domain/work-order-sync';
import { makeTempDir } from '../../support/temp-dir';
import { completeDraft, invoke, openCore, startTestService, until, value, type TestService } from './helpers';

const FAST = { outbox: { backoff: { baseMs: 5, maxMs: 50 }, pollChangesMs: 0 }, requestTimeoutMs: 2_000 };

/** A loopback port nothing listens on (connection refused). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function submitted(core: AppCore, n: number | string, phone?: string): Promise<WorkOrderView> {
  const draft = await value(core, 'workOrders:create', { callerPhone: '' });
  await value(core, 'workOrders:save', { id: draft.id, fields: { ...completeDraft(n), ...(phone ? { callerPhone: phone } : {}) } });
  return value(core, 'workOrders:submit', { id: draft.id });
}

function waitFor(core: AppCore, id: string, check: (view: WorkOrderView) => boolean, ms = 8_000): Promise<void> {
  return until(() => check(core.workOrders.repo.get(id)!), (notify) => core.events.on(() => notify()), ms, `work order ${id}`);
}

describe('outbox against the real work-order service', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let service: TestService;
  let core: AppCore;
  beforeEach(async () => {
    dir = makeTempDir();
    service = await startTestService(dir.path);
    core = openCore(dir.path, { ...FAST, embeddedDatabasePath: null });
    await value(core, 'workOrderService:save', { url: service.url, token: service.tokens.agent });
  });
  afterEach(async () => {
    await core.close();
    await service.close();
    dir.remove();
  });

  it('syncs a submitted work order once, and brings the service status back from the change feed', async () => {
    const events: string[] = [];
    core.events.on((event) => events.push(event));
    const order = await submitted(core, 'happy');
    await waitFor(core, order.id, (v) => v.sync.state === 'synced');
    const view = await value(core, 'workOrders:get', { id: order.id });
    expect(view.server).toMatchObject({ version: 1, status: 'received' });
    const rows = service.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.idempotency_key).toBe(order.idempotencyKey);
    expect(JSON.parse(rows[0]!.fields).summary).toBe(completeDraft('happy').summary);
    expect(await value(core, 'sync:overview', {})).toMatchObject({ state: 'all-synced', waiting: 0, target: 'remote' });
    expect(events).toContain('sync:changed');
    expect(events).toContain('workOrders:changed');

    const dispatched = await service.call(service.tokens.centre, 'POST', `/v1/work-orders/${view.server!.id}/status`, { status: 'dispatched' });
    expect(dispatched.status).toBe(200);
    await core.workOrders.worker.pollChanges();
    expect((await value(core, 'workOrders:get', { id: order.id })).server).toMatchObject({ status: 'dispatched', version: 1 });
    // The cursor is kept under the service's identity, not its address.
    const serviceId = (await fetch(`${service.url}/healthz`)).headers.get('workorder-service-id');
    expect(serviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(core.db.prepare('SELECT cursor FROM work_order_sync_cursors WHERE target = ?').pluck().get(`service:${serviceId}`)).not.toBe('0');
    const list = await value(core, 'workOrders:list', { limit: 10 });
    expect(list[0]).toMatchObject({ id: order.id, syncState: 'synced', serverStatus: 'dispatched' });
  });

  it('does not retry a validation error: needs attention with the service reason, editable and resubmittable', async () => {
    await core.close();
    await service.close();
    service = await startTestService(dir.path, { departmentIds: ['street-office'] });
    core = openCore(dir.path, { ...FAST, embeddedDatabasePath: null });
    await value(core, 'workOrderService:save', { url: service.url, token: service.tokens.agent });
    const order = await submitted(core, 'refused');
    await waitFor(core, order.id, (v) => v.sync.state === 'needs-attention');
    const refused = await value(core, 'workOrders:get', { id: order.id });
    expect(refused.sync.attempts).toBe(1);
    expect(refused.sync.attention).toMatchObject({ reason: 'rejected', issues: [{ path: 'fields.departmentIds.0', message: 'errors.unknownDepartment' }] });
    expect(refused.sync.attention!.message).toMatch(/does not match the schema/);
    expect(await value(core, 'sync:overview', {})).toMatchObject({ state: 'needs-attention', needsAttention: 1 });
    expect((await value(core, 'workOrders:listUnsent', {})).map((s) => s.id)).toEqual([order.id]);
    expect(service.rows()).toHaveLength(0);

    await value(core, 'workOrders:save', { id: order.id, fields: { departmentIds: ['street-office'] } });
    await value(core, 'workOrders:submit', { id: order.id });
    await waitFor(core, order.id, (v) => v.sync.state === 'synced');
    expect(service.rows()).toHaveLength(1);
  });

  it('shows a version conflict with the service copy; take-theirs and keep-mine resolve it', async () => {
    const order = await submitted(core, 'conflict');
    await waitFor(core, order.id, (v) => v.sync.state === 'synced');
    const serverId = (await value(core, 'workOrders:get', { id: order.id })).server!.id;
    const theirs = { ...completeDraft('conflict'), address: '另一位坐席改的地址' };
    const edit = await service.call(service.tokens.otherAgent, 'PUT', `/v1/work-orders/${serverId}`, { fields: theirs }, { 'if-match': '"1"' });
    expect(edit.status).toBe(200);

    // An amendment to a synced order goes out as a PUT of the version we had.
    await value(core, 'workOrders:save', { id: order.id, fields: { district: '江北区' } });
    await value(core, 'workOrders:submit', { id: order.id });
    await waitFor(core, order.id, (v) => v.sync.state === 'needs-attention');
    const conflicted = await value(core, 'workOrders:get', { id: order.id });
    expect(conflicted.sync.attention).toMatchObject({ reason: 'conflict', serverVersion: 2 });
    expect(conflicted.sync.attention!.serverFields!.address).toBe('另一位坐席改的地址');

    const taken = await value(core, 'workOrders:resolveConflict', { id: order.id, choice: 'take-theirs' });
    expect(taken.sync.state).toBe('synced');
    expect(taken.fields.address).toBe('另一位坐席改的地址');
    expect(taken.server!.version).toBe(2);

    // Another edit on the service, then ours: keep mine sends ours over theirs.
    await service.call(service.tokens.otherAgent, 'PUT', `/v1/work-orders/${serverId}`, { fields: { ...theirs, district: '南岸区' } }, { 'if-match': '"2"' });
    await value(core, 'workOrders:save', { id: order.id, fields: { summary: '我的修改' } });
    await value(core, 'workOrders:submit', { id: order.id });
    await waitFor(core, order.id, (v) => v.sync.attention?.reason === 'conflict');
    const kept = await value(core, 'workOrders:resolveConflict', { id: order.id, choice: 'keep-mine' });
    expect(kept.sync.state).toBe('queued');
    await waitFor(core, order.id, (v) => v.sync.state === 'synced');
    const row = service.rows().find((r) => r.id === serverId)!;
    expect(JSON.parse(row.fields).summary).toBe('我的修改');
    expect(row.version).toBe(4);
  });

  it('sends an amendment over a status-only change without bothering the agent', async () => {
    const order = await submitted(core, 'status-moved');
    await waitFor(core, order.id, (v) => v.sync.state === 'synced');
    const serverId = (await value(core, 'workOrders:get', { id: order.id })).server!.id;
    await service.call(service.tokens.centre, 'POST', `/v1/work-orders/${serverId}/status`, { status: 'dispatched' });
    await value(core, 'workOrders:save', { id: order.id, fields: { callbackNumber: '13911112222' } });
    await value(core, 'workOrders:submit', { id: order.id });
    await waitFor(core, order.id, (v) => v.sync.state === 'synced');
    const row = service.rows().find((r) => r.id === serverId)!;
    expect(JSON.parse(row.fields).callbackNumber).toBe('13911112222');
    expect(row.status).toBe('dispatched');
  });

  it('answers 401 with needs-attention/unauthorized, and a new token sends it', async () => {
    await value(core, 'workOrderService:save', { url: service.url, token: 'hdw_' + 'x'.repeat(43) });
    const order = await submitted(core, 'unauthorized');
    await waitFor(core, order.id, (v) => v.sync.state === 'needs-attention');
    expect((await value(core, 'workOrders:get', { id: order.id })).sync.attention).toMatchObject({ reason: 'unauthorized' });
    await value(core, 'workOrderService:save', { url: service.url, token: service.tokens.agent });
    await value(core, 'workOrders:submit', { id: order.id });
    await waitFor(core, order.id, (v) => v.sync.state === 'synced');
  });

  it('merges the caller history from the store and the service', async () => {
    const mine = await submitted(core, 'history-1', '0871-6312 3456');
    await waitFor(core, mine.id, (v) => v.sync.state === 'synced');
    // A work order another agent of the team took from the same caller.
    const other = await service.call(service.tokens.otherAgent, 'POST', '/v1/work-orders', { fields: { ...completeDraft('other'), callerPhone: '087163123456' } }, {
      'idempotency-key': crypto.randomUUID(),
    });
    expect(other.status).toBe(201);
    const local = await value(core, 'workOrders:create', { callerPhone: '(0871) 6312-3456' });
    const history = await value(core, 'calls:callerContext', { callId: 'call-history-01', number: '0871 63123456' }).then((c) => ({ entries: c.workOrders, serviceReachable: c.serviceReachable }));
    expect(history.serviceReachable).toBe(true);
    expect(history.entries.map((e) => [e.source, e.id]).sort()).toEqual(
      [['local', mine.id], ['local', local.id], ['service', other.body.id]].sort(),
    );
    expect(history.entries.find((e) => e.id === mine.id)).toMatchObject({ serverStatus: 'received', syncState: 'synced' });
  });
});

describe('outbox when the service is away', () => {
  let dir: ReturnType<typeof makeTempDir>;
  afterEach(() => dir.remove());
  beforeEach(() => {
    dir = makeTempDir();
  });

  it('retries refused connections with exponential backoff and jitter, and reports offline since the first failure', async () => {
    let now = 1_000_000;
    const timers: { at: number; fn: () => void; id: number }[] = [];
    let nextId = 0;
    const clock: Clock = {
      now: () => now,
      setTimeout: (fn, ms) => {
        const id = ++nextId;
        timers.push({ at: now + ms, fn, id });
        return id;
      },
      clearTimeout: (id) => {
        const i = timers.findIndex((t) => t.id === id);
        if (i >= 0) timers.splice(i, 1);
      },
    };
    const core = openCore(dir.path, {
      embeddedDatabasePath: null,
      outbox: { clock, random: () => 1, backoff: { baseMs: 1_000, maxMs: 8_000 }, pollChangesMs: 0 },
      requestTimeoutMs: 2_000,
    });
    try {
      await value(core, 'workOrderService:save', { url: `http://127.0.0.1:${await closedPort()}`, token: 'hdw_' + 'x'.repeat(43) });
      const order = await submitted(core, 'offline');
      const delays: number[] = [];
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await waitFor(core, order.id, (v) => v.sync.state === 'queued' && v.sync.attempts === attempt && v.sync.lastError !== null);
        const view = await value(core, 'workOrders:get', { id: order.id });
        delays.push(view.sync.nextAttemptAt! - now);
        expect(view.sync.lastError).toMatch(/ECONNREFUSED/);
        // Fire the wake-up timer the outbox set for the next attempt.
        timers.sort((a, b) => a.at - b.at);
        const timer = timers.shift()!;
        expect(timer.at).toBe(view.sync.nextAttemptAt);
        now = timer.at;
        timer.fn();
      }
      expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
      const overview = await value(core, 'sync:overview', {});
      expect(overview).toMatchObject({ state: 'offline', waiting: 1, offlineSince: 1_000_000 });
    } finally {
      await core.close();
    }
  });

  it('jitters between half and all of the step', () => {
    expect(backoffDelay(1, { baseMs: 1000, maxMs: 60_000 }, () => 0)).toBe(500);
    expect(backoffDelay(3, { baseMs: 1000, maxMs: 60_000 }, () => 0.5)).toBe(3000);
    expect(backoffDelay(40, { baseMs: 1000, maxMs: 60_000 }, () => 1)).toBe(60_000);
  });

  it('answers the history with local orders only, within the bound, when the service is unreachable', async () => {
    // A service that accepts connections and never answers.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const core = openCore(dir.path, { embeddedDatabasePath: null, historyTimeoutMs: 300, outbox: { pollChangesMs: 0 } });
    try {
      await value(core, 'workOrderService:save', { url: `http://127.0.0.1:${(silent.address() as { port: number }).port}`, token: 'hdw_' + 'x'.repeat(43) });
      const local = await value(core, 'workOrders:create', { callerPhone: '13800138000' });
      const started = performance.now();
      const history = await value(core, 'calls:callerContext', { callId: 'call-history-01', number: '13800138000' }).then((c) => ({ entries: c.workOrders, serviceReachable: c.serviceReachable }));
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(history).toMatchObject({ serviceReachable: false, entries: [{ id: local.id, source: 'local' }] });
    } finally {
      await core.close();
      silent.close();
      (silent as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }
  });
});

describe('embedded service (no address configured)', () => {
  it('starts the service inside main on 127.0.0.1 with its own file and token, and syncs to it', async () => {
    const dir = makeTempDir();
    const core = openCore(dir.path, FAST);
    try {
      new DepartmentsRepo(core.db).write([...DEFAULT_DEPARTMENTS]);
      await core.workOrders.ready();
      expect(await value(core, 'workOrderService:get', {})).toEqual({ url: '', hasToken: false, target: 'embedded' });
      const order = await submitted(core, 'embedded', '13700001111');
      await waitFor(core, order.id, (v) => v.sync.state === 'synced');
      expect(await value(core, 'sync:overview', {})).toMatchObject({ state: 'all-synced', target: 'embedded' });
      const history = await value(core, 'calls:callerContext', { callId: 'call-history-01', number: '13700001111' }).then((c) => ({ entries: c.workOrders, serviceReachable: c.serviceReachable }));
      expect(history.serviceReachable).toBe(true);
      expect(history.entries).toHaveLength(1);
      expect((await invoke(core, 'workOrders:get', { id: order.id })).ok).toBe(true);
    } finally {
      await core.close();
    }
    // The next start reuses the service file and its token.
    const again = openCore(dir.path, FAST);
    try {
      await again.workOrders.ready();
      const history = await value(again, 'calls:callerContext', { callId: 'call-history-01', number: '13700001111' }).then((c) => ({ entries: c.workOrders, serviceReachable: c.serviceReachable }));
      expect(history).toMatchObject({ serviceReachable: true });
      expect(history.entries).toHaveLength(1);
      const tokens = again.db.prepare("SELECT COUNT(*) FROM secrets WHERE name = 'work-order-service-embedded-token'").pluck().get();
      expect(tokens).toBe(1);
    } finally {
      await again.close();
      dir.remove();
    }
  });
});

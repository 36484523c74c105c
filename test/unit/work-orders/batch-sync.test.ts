import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/app-core';
import { OutboxWorker } from '../../../src/main/work-orders/outbox';
import { WorkOrderServiceClient } from '../../../src/main/work-orders/service-client';
import { makeTempDir } from '../../support/temp-dir';
import { completeDraft, openCore, startTestService, value, within, type TestService } from './helpers';

const FAST = { outbox: { backoff: { baseMs: 5, maxMs: 50 }, pollChangesMs: 0 }, requestTimeoutMs: 5_000 };

/** Drafts and submits `n` complete work orders in one transaction; returns id → idempotency key. */
function queue(core: AppCore, n: number, tag: string, departmentIds = ['labour-inspection']): Map<string, string> {
  const repo = core.workOrders.repo;
  const keys = new Map<string, string>();
  core.db.transaction(() => {
    for (let i = 0; i < n; i += 1) {
      const view = repo.create('');
      repo.save(view.id, { ...completeDraft(`${tag}-${i}`), departmentIds });
      const queued = repo.submit(view.id, ['labour-inspection', 'water-affairs']);
      if (queued.kind !== 'queued') throw new Error(`not queued: ${queued.kind}`);
      keys.set(view.id, view.idempotencyKey);
    }
  })();
  return keys;
}

describe('outbox batches', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let service: TestService;
  let core: AppCore;
  let routes: Map<string, number>;
  beforeEach(async () => {
    dir = makeTempDir();
    routes = new Map();
    // The centre does not dispatch to water-affairs: the service refuses such an item.
    service = await startTestService(dir.path, {
      departmentIds: ['labour-inspection'],
      log: (line) => {
        const route = /^(\S+ \/v1\/work-orders(?::batch)?)(?:\/\S*)? /.exec(line)?.[1];
        if (route) routes.set(route, (routes.get(route) ?? 0) + 1);
      },
    });
    core = openCore(dir.path, { ...FAST, embeddedDatabasePath: null });
  });
  afterEach(async () => {
    await core.close();
    await service.close();
    dir.remove();
  });

  it('sends queued work orders in batches; an item the service refuses needs attention with its issues, the others sync once', async () => {
    const good = queue(core, 250, 'good');
    const bad = queue(core, 1, 'bad', ['water-affairs']);
    await value(core, 'workOrderService:save', { url: service.url, token: service.tokens.agent });
    await within(core.workOrders.worker.idle(), 20_000, 'the outbox to drain');

    expect(routes.get('POST /v1/work-orders:batch')).toBe(3);
    expect(routes.get('POST /v1/work-orders') ?? 0).toBe(0);
    const rows = service.rows();
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((r) => r.idempotency_key))).toEqual(new Set(good.values()));
    for (const id of good.keys()) expect(core.workOrders.repo.get(id)?.sync.state).toBe('synced');

    const [badId] = [...bad.keys()];
    const view = core.workOrders.repo.get(badId!)!;
    expect(view.sync.state).toBe('needs-attention');
    expect(view.sync.attention).toMatchObject({ reason: 'rejected' });
    expect(view.sync.attention?.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'fields.departmentIds.0', message: 'errors.unknownDepartment' })]),
    );
    expect(await value(core, 'sync:overview', {})).toMatchObject({ waiting: 0, needsAttention: 1 });
  });

  it.each([404, 405])('falls back to single creates when the service answers %i to the batch route', async (status) => {
    const keys = queue(core, 30, `fallback-${status}`);
    const seen = { batch: 0, single: 0 };
    // A service without the route, as an older centre would answer.
    const fetchImpl: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.endsWith('/v1/work-orders:batch')) {
        seen.batch += 1;
        return new Response(JSON.stringify({ error: { code: 'not-found', message: 'No such resource.' } }), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      }
      if (init?.method === 'POST') seen.single += 1;
      return fetch(input, init);
    };
    const worker = new OutboxWorker({
      repo: core.workOrders.repo,
      backoff: { baseMs: 5, maxMs: 50 },
      pollChangesMs: 0,
      batchSize: 10,
    });
    worker.setTarget({ key: 'old-service', client: new WorkOrderServiceClient({ url: service.url, token: service.tokens.agent, fetch: fetchImpl }) });
    worker.start();
    try {
      await within(worker.idle(), 20_000, 'the outbox to drain');
    } finally {
      worker.stop();
    }
    // Asked once per batch already on the wire, then remembered.
    expect(seen.batch).toBeGreaterThanOrEqual(1);
    expect(seen.batch).toBeLessThanOrEqual(4);
    expect(seen.single).toBe(30);
    const rows = service.rows();
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.idempotency_key))).toEqual(new Set(keys.values()));
    for (const id of keys.keys()) expect(core.workOrders.repo.get(id)?.sync.state).toBe('synced');
  });
});

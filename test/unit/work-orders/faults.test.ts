import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/app-core';
import { makeTempDir } from '../../support/temp-dir';
import { FAULTS, startFaultProxy, type FaultProxy } from './fault-proxy';
import { completeDraft, openCore, startTestService, value, within, type TestService } from './helpers';

const ORDERS = 1_000;

describe('exactly once through injected faults', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let service: TestService;
  let proxy: FaultProxy;
  let core: AppCore;
  /** What reached the service, by route (the service's own request log). */
  let routes: Map<string, number>;
  beforeEach(async () => {
    dir = makeTempDir();
    routes = new Map();
    service = await startTestService(dir.path, {
      log: (line) => {
        const route = /^(\S+ \/v1\/work-orders(?::batch)?)(?:\/\S*)? /.exec(line)?.[1];
        if (route) routes.set(route, (routes.get(route) ?? 0) + 1);
      },
    });
    proxy = await startFaultProxy({ target: service.url, faultRate: 0.3, seed: 424242 });
    core = openCore(dir.path, {
      embeddedDatabasePath: null,
      // Short backoff and timeouts so 1,000 orders through 30% faults finish in seconds.
      // Batches of 10: enough requests for every kind of fault to happen many times.
      outbox: { backoff: { baseMs: 5, maxMs: 100 }, concurrency: 8, batchSize: 10, pollChangesMs: 0 },
      requestTimeoutMs: 400,
    });
  });
  afterEach(async () => {
    await core.close();
    await proxy.close();
    await service.close();
    dir.remove();
  });

  it(`delivers ${ORDERS} work orders exactly once with the right content`, { timeout: 120_000 }, async () => {
    const repo = core.workOrders.repo;
    const expected = new Map<string, { key: string; summary: string; description: string }>();
    // Drafted and submitted in one transaction (the test is about the wire, not the disk).
    core.db.transaction(() => {
      for (let n = 0; n < ORDERS; n += 1) {
        const view = repo.create('');
        const fields = completeDraft(`fault-${n}`);
        repo.save(view.id, fields);
        const queued = repo.submit(view.id, ['labour-inspection']);
        if (queued.kind !== 'queued') throw new Error(`not queued: ${queued.kind}`);
        expected.set(view.id, { key: view.idempotencyKey, summary: fields.summary, description: fields.description });
      }
    })();
    const started = performance.now();
    await value(core, 'workOrderService:save', { url: proxy.url, token: service.tokens.agent });
    await within(core.workOrders.worker.idle(), 100_000, 'the outbox to drain');
    const seconds = (performance.now() - started) / 1000;

    // Every kind of fault happened.
    for (const fault of FAULTS) expect(proxy.stats[fault], fault).toBeGreaterThan(0);
    expect(proxy.stats.requests).toBeGreaterThan(ORDERS / 10);
    // Through the batch route (a lone retry goes as a single create).
    expect(routes.get('POST /v1/work-orders:batch')).toBeGreaterThanOrEqual(ORDERS / 10);

    // Locally: all synced.
    expect(await value(core, 'sync:overview', {})).toMatchObject({ state: 'all-synced', waiting: 0, needsAttention: 0 });
    const local = core.db.prepare('SELECT id, server_id, sync_state FROM work_orders').all() as { id: string; server_id: string; sync_state: string }[];
    expect(local.filter((r) => r.sync_state !== 'synced')).toEqual([]);

    // On the service: each exactly once, with the right content, under the right key.
    const rows = service.rows();
    expect(rows).toHaveLength(ORDERS);
    const byKey = new Map(rows.map((row) => [row.idempotency_key, row]));
    expect(byKey.size).toBe(ORDERS);
    for (const { id, server_id } of local) {
      const want = expected.get(id)!;
      const row = byKey.get(want.key);
      expect(row, `order ${id}`).toBeDefined();
      expect(row!.id).toBe(server_id);
      const fields = JSON.parse(row!.fields);
      expect(fields.summary).toBe(want.summary);
      expect(fields.description).toBe(want.description);
      expect(row!.version).toBe(1);
    }
    console.info(
      `exactly-once: ${ORDERS} orders in ${seconds.toFixed(1)} s through ${JSON.stringify(proxy.stats)}; service saw ${JSON.stringify(Object.fromEntries(routes))}`,
    );
  });
});

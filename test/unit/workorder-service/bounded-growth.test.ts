import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RotatingLog } from '../../../services/workorder/log-file';
import { POLL_SAMPLE, requestLogLine } from '../../../services/workorder/request-log';
import type { WorkOrderStore } from '../../../services/workorder/store/store';
import { makeTempDir } from '../../support/temp-dir';
import { STORE_KINDS, newKey, startFixture, validFields, type Fixture } from './fixture';

const DAY = 86_400_000;

describe.each(STORE_KINDS)('change-feed retention (%s)', (kind) => {
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

  const create = (teamId: string, at: number) =>
    store.createWorkOrder({ id: crypto.randomUUID(), idempotencyKey: newKey(), requestHash: 'h', teamId, agentId: '0307', fields: validFields(), at });

  it('deletes only the oldest run of old changes per team, bounded per call; an older cursor gets 410 cursor-expired, a newer one reads on', async () => {
    const now = Date.now();
    for (let i = 0; i < 5; i += 1) await create('team-a', now - 500 * DAY + i);
    await create('team-b', now - 500 * DAY);
    for (let i = 0; i < 3; i += 1) await create('team-a', now - DAY + i);
    const a = fx.as(fx.tokens.agentA);
    const all = (await a('GET', '/v1/changes?since=0')).body.changes as { cursor: string }[];
    expect(all).toHaveLength(8);

    // At most 3 rows per team per call: two calls to clear team-a's five old ones.
    expect(await store.pruneChanges(now - 400 * DAY, 3)).toBe(4); // 3 of team-a, 1 of team-b
    expect(await store.feedHorizon('team-a')).toBe(Number(all[2]!.cursor));
    expect(await store.pruneChanges(now - 400 * DAY, 3)).toBe(2);
    expect(await store.pruneChanges(now - 400 * DAY, 3)).toBe(0);
    expect(await fx.count('work_order_changes')).toBe(3);
    const horizon = await store.feedHorizon('team-a');
    expect(horizon).toBe(Number(all[4]!.cursor));

    const expired = await a('GET', '/v1/changes?since=0');
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('cursor-expired');
    expect((await a('GET', `/v1/changes?since=${Number(all[3]!.cursor)}`)).status).toBe(410);
    const onward = await a('GET', `/v1/changes?since=${horizon}`);
    expect(onward.status).toBe(200);
    expect(onward.body.changes.map((c: { cursor: string }) => c.cursor)).toEqual(all.slice(5).map((c) => c.cursor));
    expect((await a('GET', '/v1/changes?since=head')).body.nextCursor).toBe(all[7]!.cursor);
    // The work orders themselves stay.
    expect(await fx.count('work_orders')).toBe(9);
  });
});

describe('request log', () => {
  const entry = { method: 'GET', path: '/v1/changes', status: 200, ms: 3.2, queueMs: 0.4, lagMs: 12 };

  it('samples successful polls (1 in POLL_SAMPLE) but never errors, slow polls or other requests; shows queueing and lag', () => {
    const lines = Array.from({ length: POLL_SAMPLE * 3 }, (_, i) => requestLogLine(entry, i + 1)).filter((l) => l !== null);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`GET /v1/changes 200 3ms queue=0ms lag=12ms (1 in ${POLL_SAMPLE} polls)`);
    expect(requestLogLine({ ...entry, status: 503 }, 1)).toBe('GET /v1/changes 503 3ms queue=0ms lag=12ms');
    expect(requestLogLine({ ...entry, ms: 900, lagMs: 200 }, 1)).toBe('GET /v1/changes 200 900ms queue=0ms lag=200ms');
    expect(requestLogLine({ ...entry, method: 'POST', path: '/v1/work-orders', status: 201, queueMs: 250 }, 1)).toBe(
      'POST /v1/work-orders 201 3ms queue=250ms lag=12ms',
    );
    // A stated deadline tells how long the request waited unread since it was sent (the accept queue included).
    expect(requestLogLine({ ...entry, status: 503, unreadMs: 840.4 }, 1)).toBe('GET /v1/changes 503 3ms queue=0ms lag=12ms unread=840ms');
  });

  it('a rotated log file never takes more than (keep + 1) × maxBytes, and keeps the newest lines', () => {
    const dir = makeTempDir('workorder-log-');
    try {
      const path = join(dir.path, 'requests.log');
      const log = new RotatingLog({ path, maxBytes: 1_000, keep: 2 });
      for (let i = 0; i < 500; i += 1) log.write(`line ${String(i).padStart(4, '0')} ${'x'.repeat(30)}`);
      log.close();
      const files = [path, `${path}.1`, `${path}.2`];
      expect(files.every((f) => existsSync(f))).toBe(true);
      expect(existsSync(`${path}.3`)).toBe(false);
      for (const f of files) expect(statSync(f).size).toBeLessThanOrEqual(1_000);
      expect(readFileSync(path, 'utf8').trim().split('\n').at(-1)).toMatch(/^line 0499 /);
      expect(readFileSync(`${path}.2`, 'utf8')).not.toContain('line 0000 ');
    } finally {
      dir.remove();
    }
  });
});

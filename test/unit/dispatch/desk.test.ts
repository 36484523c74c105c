import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatchDesk, createDispatchHandlers } from '../../../src/main/dispatch';
import { REFERENCE_POLL_MS, ReferenceDataSync } from '../../../src/main/reference-data/reference-sync';
import { openDatabase } from '../../../src/main/store/database';
import { CoreEvents } from '../../../src/main/work-orders/sync';
import { DepartmentsRepo } from '../../../src/main/work-orders/departments';
import { WorkOrdersRepo } from '../../../src/main/work-orders/repo';
import { SIGN_IN_PATH } from '../../../src/shared/domain/centre/sign-in';
import { buildDispatchIndex, suggestDepartments } from '../../../src/shared/dispatch/suggest';
import { loadDispatchSample } from '../../../bench/dispatch-eval';
import { makeTempDir } from '../../support/temp-dir';
import { PASSWORDS } from '../workorder-service/people/seed';
import { startReferenceCentre, type ReferenceCentre } from '../workorder-service/reference/centre';

const { catalogue: sample } = loadDispatchSample(process.cwd());
const QUERY = { summary: '家里停水了', description: '从早上就没水了，没有看到停水通知', domain: null, district: '高新区', address: '' };

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function centre(): Promise<ReferenceCentre> {
  const c = await startReferenceCentre('sqlite');
  let closed = false;
  cleanup.push(async () => {
    if (!closed) await c.fx.close();
  });
  const close = c.fx.close;
  c.fx.close = async () => {
    closed = true;
    await close();
  };
  return c;
}

function desk(c: ReferenceCentre, pollMs?: number) {
  const dir = makeTempDir('hotline-dispatch-');
  const db: Database.Database = openDatabase(join(dir.path, 'desk.sqlite'));
  const events = new CoreEvents();
  const changed: number[] = [];
  events.on((event, payload) => {
    if (event === 'dispatch:changed') changed.push((payload as { version: number }).version);
  });
  const target = { centreUrl: c.fx.url, token: c.agent };
  const referenceSync = new ReferenceDataSync({ db, target: () => target, ...(pollMs ? { pollMs } : {}) });
  const departments = new DepartmentsRepo(db);
  let departmentsChanged = 0;
  const dispatch = createDispatchDesk({ db, referenceSync, departments, onDepartmentsChanged: () => (departmentsChanged += 1), events, target: () => target, outcomesPollMs: 60_000 });
  cleanup.push(() => {
    dispatch.close();
    referenceSync.close();
    db.close();
    dir.remove();
  });
  return { db, referenceSync, departments, dispatch, changed, handlers: createDispatchHandlers(dispatch.handlers), departmentsChangedCount: () => departmentsChanged };
}

const publish = async (c: ReferenceCentre, body: unknown) => {
  const reply = await c.fx.as(c.editor)('POST', '/v1/dispatch/catalogue', { body });
  expect(reply.status).toBe(201);
};

describe('dispatch on the desk, against the real centre (SQLite)', () => {
  it('copies the catalogue, which then is the department list; suggestions work from the copy with the centre gone', async () => {
    const c = await centre();
    const d = desk(c);
    // Before any catalogue: the desk's own list, as before.
    expect(d.departments.ids()).toContain('street-office');
    expect(d.handlers['dispatch:catalogue']({})).toMatchObject({ version: 0, catalogue: null });

    await publish(c, { catalogue: sample });
    await d.referenceSync.syncNow();
    expect(d.changed).toEqual([1]);
    expect(d.departmentsChangedCount()).toBe(1);
    // In the order the centre wrote them.
    expect(d.departments.ids()).toEqual(sample.departments.map((dep) => dep.id));
    // A hand edit (or a sign-in's list) no longer replaces what the catalogue says.
    d.departments.write([{ id: 'only-this', nameZh: '某局', nameEn: 'Some Bureau' }]);
    expect(d.departments.ids()).toHaveLength(sample.departments.length);

    await c.fx.close();
    const view = d.handlers['dispatch:catalogue']({}) as { version: number; catalogue: typeof sample };
    expect(view.version).toBe(1);
    const [first] = suggestDepartments(buildDispatchIndex(view.catalogue), QUERY);
    expect(first).toMatchObject({ departmentId: 'gaoxin-water', reason: { regionMatch: 'covers', keywords: expect.arrayContaining(['停水']) } });
    // A round against the gone centre changes nothing on the desk.
    expect((await d.referenceSync.syncNow()).kind).toBe('unreachable');
    expect(d.departments.ids()).toHaveLength(sample.departments.length);
  });

  it(`a published catalogue update reaches a running desk within a minute (default poll, ${REFERENCE_POLL_MS / 1000} s)`, async () => {
    const c = await centre();
    await publish(c, { catalogue: sample });
    const d = desk(c);
    d.referenceSync.start();
    // The first round (at start) has copied version 1; the update can only come with a later poll.
    await d.referenceSync.syncNow();
    expect(d.dispatch.source.current().version).toBe(1);
    const arrived = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no catalogue update within 60 s')), 60_000);
      d.dispatch.source.onChanged(() => {
        clearTimeout(timer);
        resolve(performance.now());
      });
    });
    const renamed = { ...sample, departments: sample.departments.map((dep) => (dep.id === 'gaoxin-water' ? { ...dep, nameZh: '高新区水务有限公司' } : dep)) };
    const publishedAt = performance.now();
    await publish(c, { catalogue: renamed, baseVersion: 1 });
    const took = (await arrived) - publishedAt;
    expect(took).toBeLessThan(60_000);
    expect(d.dispatch.source.current().version).toBe(2);
    expect(d.dispatch.source.current().catalogue?.departments.find((dep) => dep.id === 'gaoxin-water')?.nameZh).toBe('高新区水务有限公司');
    expect(d.departments.list().find((dep) => dep.id === 'gaoxin-water')?.nameZh).toBe('高新区水务有限公司');
  }, 90_000);

  it('keeps suggestion, choice and outcome; reports the choice to the centre and learns from the outcome that comes back', async () => {
    const c = await centre();
    await publish(c, { catalogue: sample });
    const d = desk(c);
    await d.referenceSync.syncNow();
    const repo = new WorkOrdersRepo(d.db);
    const order = repo.create('13800138000');
    expect(d.handlers['dispatch:recordChoice']({ workOrderId: order.id, category: 'public-services', suggested: ['gaoxin-water', 'water-supply'], topMatterId: 'gw-supply', chosen: ['water-supply'], catalogueVersion: 1 })).toEqual({ done: true });
    expect(d.handlers['dispatch:recordChoice']({ workOrderId: 'no-such-order', category: null, suggested: [], topMatterId: null, chosen: ['water-supply'], catalogueVersion: 1 })).toMatchObject({ ok: false, error: { code: 'not-found' } });

    // Not synced yet: nothing to report.
    expect(await d.dispatch.outcomes.syncNow()).toEqual({ kind: 'done', reported: 0, outcomes: 0 });
    // The work order reached the centre (the outbox sets its service id).
    const serverId = randomUUID();
    d.db.prepare('UPDATE work_orders SET server_id = ? WHERE id = ?').run(serverId, order.id);
    expect(await d.dispatch.outcomes.syncNow()).toEqual({ kind: 'done', reported: 1, outcomes: 0 });

    // The centre re-dispatches it to where the suggestion had it first.
    const lead = await c.fx.as(null)('POST', SIGN_IN_PATH, { body: { workNumber: '0401', password: PASSWORDS.lead, deskId: 'desk-0401' } });
    const reported = await c.fx.as(lead.body.token)('POST', '/v1/dispatch/outcomes', { body: { workOrderId: serverId, outcome: 'redispatched', departmentIds: ['gaoxin-water'] } });
    expect(reported.status).toBe(201);
    const accuracy = await c.fx.as(lead.body.token)('GET', '/v1/dispatch/accuracy');
    expect(accuracy.body.total).toMatchObject({ decided: 1, suggestionTop1: 1, chosenRight: 0 });

    expect(await d.dispatch.outcomes.syncNow()).toEqual({ kind: 'done', reported: 0, outcomes: 1 });
    expect(d.changed.at(-1)).toBe(1);
    expect(d.handlers['dispatch:choice']({ workOrderId: order.id })).toMatchObject({
      chosen: ['water-supply'],
      outcome: { kind: 'redispatched', departmentIds: ['gaoxin-water'] },
    });
    const view = d.handlers['dispatch:catalogue']({}) as { learning: Record<string, Record<string, { right: number; wrong: number }>> };
    expect(view.learning['gw-supply']).toEqual({ 'water-supply': { right: 0, wrong: 1 }, 'gaoxin-water': { right: 1, wrong: 0 } });
  });
});

import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SIGN_IN_PATH } from '../../../src/shared/domain/centre/sign-in';
import { DispatchCatalogueSchema, type DispatchCatalogue } from '../../../src/shared/dispatch/catalogue';
import { DispatchAccuracySchema, DispatchOutcomePageSchema } from '../../../src/shared/dispatch/wire';
import { ReferencePageSchema } from '../../../src/shared/reference-data/protocol';
import { loadDispatchSample } from '../../../bench/dispatch-eval';
import { STORE_KINDS, type StoreKind } from '../workorder-service/fixture';
import { PASSWORDS } from '../workorder-service/people/seed';
import { startReferenceCentre, type ReferenceCentre } from '../workorder-service/reference/centre';
import { followDepartments } from '../../../services/workorder/people/departments-follow';

const { catalogue: sample } = loadDispatchSample(process.cwd());

let open: ReferenceCentre | null = null;
afterEach(async () => {
  await open?.fx.close();
  open = null;
});

async function centre(kind: StoreKind): Promise<ReferenceCentre & { lead: string }> {
  open = await startReferenceCentre(kind);
  const reply = await open.fx.as(null)('POST', SIGN_IN_PATH, { body: { workNumber: '0401', password: PASSWORDS.lead, deskId: 'desk-0401' } });
  expect(reply.status).toBe(200);
  return { ...open, lead: reply.body.token as string };
}

function edited(catalogue: DispatchCatalogue): DispatchCatalogue {
  // Version 2: one department renamed, the tobacco office withdrawn.
  return {
    ...catalogue,
    departments: catalogue.departments
      .filter((d) => d.id !== 'tobacco')
      .map((d) => (d.id === 'commerce' ? { ...d, nameZh: '商务和投资促进局', nameEn: 'Commerce and Investment' } : d)),
  };
}

describe.each(STORE_KINDS)('dispatch on the centre service (%s)', (kind) => {
  it('keeps the catalogue with versions: an editor or admin publishes a whole, checked catalogue; agents read it', async () => {
    const c = await centre(kind);
    const publish = (token: string, body: unknown) => c.fx.as(token)('POST', '/v1/dispatch/catalogue', { body });

    expect((await publish(c.agent, { catalogue: sample })).status).toBe(403);
    expect((await publish(c.lead, { catalogue: sample })).status).toBe(403);
    const first = await publish(c.editor, { catalogue: sample, note: '首版派单目录' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, deleted: 0 });

    const second = await publish(c.admin, { catalogue: edited(sample), baseVersion: 1, note: '商务局更名，烟草局移出' });
    expect(second.status).toBe(201);
    // The renamed department and the order (without tobacco) changed; tobacco withdrawn.
    expect(second.body).toMatchObject({ version: 2, upserted: 2, deleted: 1 });

    const stale = await publish(c.editor, { catalogue: sample, baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'version-conflict' }, currentVersion: 2 });

    // A shared matter led by a department not in the catalogue: nothing is published.
    const broken = { ...sample, sharedMatters: [{ ...sample.sharedMatters[0]!, leadId: 'nobody' }] };
    const refused = await publish(c.editor, { catalogue: broken });
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues[0]).toMatchObject({ path: 'catalogue.sharedMatters.0.leadId', message: 'No department nobody.' });

    const read = await c.fx.as(c.agent)('GET', '/v1/dispatch/catalogue');
    expect(read.status).toBe(200);
    expect(read.body.version).toBe(2);
    const catalogue = DispatchCatalogueSchema.parse(read.body.catalogue);
    expect(catalogue.departments.map((d) => d.id)).not.toContain('tobacco');
    expect(catalogue.departments.find((d) => d.id === 'commerce')?.nameZh).toBe('商务和投资促进局');
    expect(catalogue.departments.length).toBe(sample.departments.length - 1);

    // Desks sync it as reference data: after version 1's cursor they get only the changed items.
    const all = ReferencePageSchema.parse((await c.fx.as(c.agent)('GET', '/v1/reference/dispatch-catalogue?since=0&limit=2000')).body);
    const v1Cursor = Math.max(...all.changes.filter((ch) => ch.version === 1).map((ch) => Number(ch.cursor)));
    const since = ReferencePageSchema.parse((await c.fx.as(c.agent)('GET', `/v1/reference/dispatch-catalogue?since=${v1Cursor}`)).body);
    expect(since.changes.map((ch) => [ch.id, ch.item === null]).sort()).toEqual([
      ['department:commerce', false],
      ['department:tobacco', true],
      ['order', false],
    ]);
    const versions = await c.fx.as(c.editor)('GET', '/v1/reference/dispatch-catalogue/versions');
    expect(versions.body.versions.map((v: { version: number; publishedBy: string; note: string }) => [v.version, v.publishedBy, v.note])).toEqual([
      [2, '9001', '商务局更名，烟草局移出'],
      [1, '0801', '首版派单目录'],
    ]);
  });

  it('keeps suggestion, choice and outcome per work order, gives each team its outcomes back, and reports accuracy per category to leads', async () => {
    const c = await centre(kind);
    const orders = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const record = (workOrderId: string, category: string | null, suggested: string[], chosen: string[]) =>
      c.fx.as(c.agent)('POST', '/v1/dispatch/records', { body: { workOrderId, category, suggested, topMatterId: 'mi-reimburse', chosen, catalogueVersion: 1 } });
    expect((await record(orders[0]!, 'public-services', ['medical-insurance', 'health'], ['medical-insurance'])).status).toBe(200);
    expect((await record(orders[1]!, 'public-services', ['health', 'medical-insurance'], ['health'])).status).toBe(200);
    expect((await record(orders[2]!, 'market-supervision', ['market-regulation'], ['commerce'])).status).toBe(200);
    expect((await record(orders[3]!, null, ['urban-management'], ['urban-management'])).status).toBe(200);
    expect((await record(randomUUID(), null, [], [])).status).toBe(422);

    const outcome = (token: string, body: unknown) => c.fx.as(token)('POST', '/v1/dispatch/outcomes', { body });
    expect((await outcome(c.agent, { workOrderId: orders[0], outcome: 'accepted' })).status).toBe(403);
    const noReason = await outcome(c.lead, { workOrderId: orders[1], outcome: 'returned' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.issues[0]).toMatchObject({ path: 'reason', message: 'A return needs the reason.' });
    expect((await outcome(c.lead, { workOrderId: orders[0], outcome: 'accepted' })).status).toBe(201);
    expect((await outcome(c.lead, { workOrderId: orders[1], outcome: 'returned', reason: '不属于本单位职责' })).status).toBe(201);
    // Returned, then re-dispatched by the centre to where the suggestion had it second: the latest outcome counts.
    expect((await outcome(c.fx.tokens.centreA, { workOrderId: orders[1], outcome: 'redispatched', departmentIds: ['medical-insurance'] })).status).toBe(201);
    expect((await outcome(c.lead, { workOrderId: orders[2], outcome: 'redispatched', departmentIds: ['market-regulation'] })).status).toBe(201);

    const page = DispatchOutcomePageSchema.parse((await c.fx.as(c.agent)('GET', '/v1/dispatch/outcomes?since=0')).body);
    expect(page.outcomes.map((o) => [o.workOrderId, o.outcome, o.reason])).toEqual([
      [orders[0], 'accepted', ''],
      [orders[1], 'returned', '不属于本单位职责'],
      [orders[1], 'redispatched', ''],
      [orders[2], 'redispatched', ''],
    ]);
    const rest = DispatchOutcomePageSchema.parse((await c.fx.as(c.agent)('GET', `/v1/dispatch/outcomes?since=${page.outcomes[1]!.seq}&limit=1`)).body);
    expect(rest).toMatchObject({ hasMore: true, nextSeq: page.outcomes[2]!.seq });
    // Another team's desk hears none of them.
    expect(DispatchOutcomePageSchema.parse((await c.fx.as(c.fx.tokens.agentB)('GET', '/v1/dispatch/outcomes?since=0')).body).outcomes).toEqual([]);

    expect((await c.fx.as(c.agent)('GET', '/v1/dispatch/accuracy')).status).toBe(403);
    const report = DispatchAccuracySchema.parse((await c.fx.as(c.lead)('GET', '/v1/dispatch/accuracy?team=team-a')).body);
    expect(report.teamIds).toEqual(['team-a']);
    expect(report.total).toMatchObject({ decided: 3, accepted: 1, redispatched: 2, returned: 0 });
    const services = report.categories.find((row) => row.category === 'public-services');
    expect(services).toMatchObject({ decided: 2, chosenRight: 0.5, suggestionTop1: 0.5, suggestionTop3: 1, followedSuggestion: 1 });
    expect(report.categories.find((row) => row.category === 'market-supervision')).toMatchObject({ decided: 1, chosenRight: 0, suggestionTop1: 1, followedSuggestion: 0 });
    // Order 3 has no outcome yet: not counted.
    expect(report.categories.map((row) => row.category)).not.toContain('none');
    // A team the lead does not lead is answered like one with no dispatches; an admin sees every team.
    expect(DispatchAccuracySchema.parse((await c.fx.as(c.lead)('GET', '/v1/dispatch/accuracy?team=team-c')).body).total.decided).toBe(0);
    expect(DispatchAccuracySchema.parse((await c.fx.as(c.admin)('GET', '/v1/dispatch/accuracy')).body).total.decided).toBe(3);
  });

  it("accepts work orders naming the published catalogue's departments besides the set-departments list", async () => {
    const c = await centre(kind);
    const store = await c.fx.openStore();
    try {
      let accepted: readonly string[] | undefined;
      let changed: () => void = () => undefined;
      const follow = await followDepartments(store, (ids) => {
        accepted = ids;
        changed();
      }, { everyMs: 3_600_000 });
      expect(accepted).toEqual(['labour-inspection', 'market-regulation']);
      // Read again at once when the catalogue is published here (not at the next hourly refresh).
      const reread = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the department list was not read again within 5 s')), 5_000);
        changed = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      expect((await c.fx.as(c.editor)('POST', '/v1/dispatch/catalogue', { body: { catalogue: sample } })).status).toBe(201);
      await reread;
      follow.stop();
      expect(accepted).toEqual(expect.arrayContaining(['labour-inspection', 'market-regulation', 'gaoxin-water', 'district-donghu']));
      expect(accepted).toHaveLength(new Set(['labour-inspection', 'market-regulation', ...sample.departments.map((d) => d.id)]).size);
    } finally {
      await store.close();
    }
  });
});

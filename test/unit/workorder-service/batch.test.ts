import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkOrderRecordSchema } from '../../../src/shared/domain/work-order';
import { BATCH_MAX_ITEMS } from '../../../services/workorder/service';
import { STORE_KINDS, newKey, startFixture, validFields } from './fixture';
import type { Call, Fixture } from './fixture';

interface ItemResult {
  status: number;
  replayed?: boolean;
  workOrder?: { id: string; idempotencyKey: string; version: number; status: string; fields: Record<string, unknown> };
  error?: { code: string; message: string; issues?: { path: string; message: string }[] };
}

// POST /v1/work-orders:batch, once per store: SQLite and a real PostgreSQL.
describe.each(STORE_KINDS)('batch create on %s', (kind) => {
  let fx: Fixture;
  let agentA: Call;
  let agentB: Call;
  let anonymous: Call;

  beforeAll(async () => {
    fx = await startFixture({ departmentIds: ['labour-inspection', 'market-regulation', 'housing', 'health'] }, kind);
    agentA = fx.as(fx.tokens.agentA);
    agentB = fx.as(fx.tokens.agentB);
    anonymous = fx.as(null);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const items = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => ({ idempotencyKey: newKey(), fields: validFields({ summary: `${tag} ${i}` }) }));

  async function batch(call: Call, body: unknown): Promise<ItemResult[]> {
    const reply = await call('POST', '/v1/work-orders:batch', { body });
    expect(reply.status).toBe(200);
    return (reply.body as { results: ItemResult[] }).results;
  }

  it('creates each item exactly once, in one answer, in item order', async () => {
    const rows = await fx.count('work_orders');
    const changes = await fx.count('work_order_changes');
    const sent = items(25, 'batch');
    const results = await batch(agentA, { items: sent });
    expect(results).toHaveLength(25);
    results.forEach((result, i) => {
      expect(result.status).toBe(201);
      expect(result.replayed).toBe(false);
      const record = WorkOrderRecordSchema.parse(result.workOrder);
      expect(record).toMatchObject({ idempotencyKey: sent[i]!.idempotencyKey, version: 1, status: 'received', teamId: 'team-a' });
      expect(record.fields).toEqual(sent[i]!.fields);
    });
    expect(new Set(results.map((r) => r.workOrder!.id)).size).toBe(25);
    expect(await fx.count('work_orders')).toBe(rows + 25);
    expect(await fx.count('work_order_changes')).toBe(changes + 25);
    // Each is readable on its own, as created.
    const one = await agentA('GET', `/v1/work-orders/${results[7]!.workOrder!.id}`);
    expect(one.body.fields.summary).toBe('batch 7');
  });

  it('a replayed batch returns the first results and creates nothing; so do its items sent one by one, and back', async () => {
    const sent = items(10, 'replay');
    const first = await batch(agentA, { items: sent });
    const before = await fx.snapshot();
    const again = await batch(agentA, { items: sent });
    expect(again.map((r) => r.workOrder)).toEqual(first.map((r) => r.workOrder));
    expect(again.every((r) => r.status === 201 && r.replayed === true)).toBe(true);
    // A single create with a key first used in a batch replays it.
    const single = await agentA('POST', '/v1/work-orders', { body: { fields: sent[3]!.fields }, headers: { 'idempotency-key': sent[3]!.idempotencyKey } });
    expect(single.status).toBe(201);
    expect(single.headers.get('idempotent-replayed')).toBe('true');
    expect(single.body).toEqual(first[3]!.workOrder);
    expect(await fx.snapshot()).toEqual(before);

    // And the other way: a key first used in a single create replays inside a batch.
    const key = newKey();
    const created = await agentA('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': key } });
    const mixed = await batch(agentA, { items: [{ idempotencyKey: key, fields: validFields() }, ...items(2, 'new')] });
    expect(mixed[0]).toMatchObject({ status: 201, replayed: true, workOrder: created.body });
    expect(mixed.slice(1).map((r) => [r.status, r.replayed])).toEqual([
      [201, false],
      [201, false],
    ]);
  });

  it('a key repeated within one batch creates one work order; the repeat is a replay', async () => {
    const key = newKey();
    const rows = await fx.count('work_orders');
    const results = await batch(agentA, { items: [{ idempotencyKey: key, fields: validFields() }, { idempotencyKey: key, fields: validFields() }] });
    expect(results.map((r) => [r.status, r.replayed])).toEqual([
      [201, false],
      [201, true],
    ]);
    expect(results[1]!.workOrder).toEqual(results[0]!.workOrder);
    expect(await fx.count('work_orders')).toBe(rows + 1);
  });

  it('concurrent duplicate batches still create each work order once', async () => {
    const sent = items(20, 'dup');
    const rows = await fx.count('work_orders');
    const replies = await Promise.all(Array.from({ length: 4 }, () => batch(agentA, { items: sent })));
    for (let i = 0; i < sent.length; i += 1) {
      expect(new Set(replies.map((r) => r[i]!.workOrder!.id)).size).toBe(1);
      expect(replies.filter((r) => r[i]!.replayed === false)).toHaveLength(1);
    }
    expect(await fx.count('work_orders')).toBe(rows + 20);
  });

  it('a mixed batch: the invalid item is rejected with its issues, a reused key is refused, the others are created', async () => {
    const reusedKey = newKey();
    await batch(agentA, { items: [{ idempotencyKey: reusedKey, fields: validFields() }] });
    const rows = await fx.count('work_orders');
    const good = items(3, 'mixed');
    const invalidKey = newKey();
    const results = await batch(agentA, {
      items: [
        good[0],
        { idempotencyKey: invalidKey, fields: validFields({ summary: '', departmentIds: ['no-such-department'] }) },
        good[1],
        { idempotencyKey: reusedKey, fields: validFields({ summary: '另一件事' }) },
        { idempotencyKey: 'not-a-uuid', fields: validFields() },
        good[2],
      ],
    });
    expect(results.map((r) => r.status)).toEqual([201, 422, 201, 422, 400, 201]);
    expect(results[1]!.error!.code).toBe('invalid-payload');
    expect(results[1]!.error!.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'fields.summary', message: 'errors.required' }),
        expect.objectContaining({ path: 'fields.departmentIds.0', message: 'errors.unknownDepartment' }),
      ]),
    );
    expect(results[3]!.error!.code).toBe('idempotency-key-reused');
    expect(results[4]!.error!.code).toBe('invalid-item');
    expect([results[0], results[2], results[5]].map((r) => r!.workOrder!.fields.summary)).toEqual(['mixed 0', 'mixed 1', 'mixed 2']);
    expect(await fx.count('work_orders')).toBe(rows + 3);
    // The rejected item's key is still unused: fixed and resent, it is created.
    const fixed = await batch(agentA, { items: [{ idempotencyKey: invalidKey, fields: validFields() }] });
    expect(fixed[0]).toMatchObject({ status: 201, replayed: false });
  });

  it('keys are per team in a batch too', async () => {
    const sent = items(2, 'teams');
    const a = await batch(agentA, { items: sent });
    const b = await batch(agentB, { items: sent });
    expect(b.map((r) => [r.status, r.replayed])).toEqual([
      [201, false],
      [201, false],
    ]);
    expect(b.map((r) => (r.workOrder as unknown as { teamId: string }).teamId)).toEqual(['team-b', 'team-b']);
    expect(b.map((r) => r.workOrder!.id)).not.toEqual(a.map((r) => r.workOrder!.id));
  });

  it('refuses a malformed, empty or oversized batch as a whole and writes nothing', async () => {
    const before = await fx.snapshot();
    const bad: [unknown, number, string][] = [
      [{ items: [] }, 422, 'invalid-payload'],
      [{ items: items(BATCH_MAX_ITEMS + 1, 'too many') }, 422, 'invalid-payload'],
      [{ items: 'x' }, 422, 'invalid-payload'],
      [[], 422, 'invalid-payload'],
      [{ items: items(1, 'extra'), more: 1 }, 422, 'invalid-payload'],
    ];
    for (const [body, status, code] of bad) {
      const reply = await agentA('POST', '/v1/work-orders:batch', { body });
      expect(reply.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      expect(reply.body.error.code).toBe(code);
    }
    expect((await agentA('POST', '/v1/work-orders:batch', { raw: '{"items": [' })).status).toBe(400);
    expect((await anonymous('POST', '/v1/work-orders:batch', { body: { items: items(1, 'anon') } })).status).toBe(401);
    const wrongMethod = await agentA('GET', '/v1/work-orders:batch');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(await fx.snapshot()).toEqual(before);
  });
});

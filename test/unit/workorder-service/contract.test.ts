import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkOrderRecordSchema } from '../../../src/shared/domain/work-order';
import { STORE_KINDS, newKey, startFixture, validFields } from './fixture';
import type { Call, Fixture } from './fixture';

// The whole contract, once per store: SQLite and a real PostgreSQL (test/support/postgres-server.ts).
describe.each(STORE_KINDS)('work-order service on %s', (kind) => {
  let fx: Fixture;
  let agentA: Call;
  let otherAgentA: Call;
  let centreA: Call;
  let agentB: Call;
  let centreB: Call;
  let anonymous: Call;

  beforeAll(async () => {
    fx = await startFixture({ departmentIds: ['labour-inspection', 'market-regulation', 'housing', 'health'] }, kind);
    agentA = fx.as(fx.tokens.agentA);
    otherAgentA = fx.as(fx.tokens.otherAgentA);
    centreA = fx.as(fx.tokens.centreA);
    agentB = fx.as(fx.tokens.agentB);
    centreB = fx.as(fx.tokens.centreB);
    anonymous = fx.as(null);
  });
  afterAll(async () => {
    await fx?.close();
  });

  async function create(call: Call, fields = validFields(), key = newKey()) {
    const reply = await call('POST', '/v1/work-orders', { body: { fields }, headers: { 'idempotency-key': key } });
    expect(reply.status).toBe(201);
    return reply.body as { id: string; version: number; status: string };
  }

  describe('authentication', () => {
    it('answers /healthz without a token, and nothing else', async () => {
      expect(await anonymous('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
      const paths: [string, string][] = [
        ['GET', '/v1/work-orders?phone=123'],
        ['POST', '/v1/work-orders'],
        ['GET', `/v1/work-orders/${newKey()}`],
        ['PUT', `/v1/work-orders/${newKey()}`],
        ['POST', `/v1/work-orders/${newKey()}/status`],
        ['GET', '/v1/changes'],
        ['GET', '/v1/no-such-thing'],
      ];
      for (const [method, path] of paths) {
        const reply = await anonymous(method, path, method === 'GET' ? {} : { body: { fields: validFields() } });
        expect(reply.status, `${method} ${path}`).toBe(401);
        expect(reply.body.error.code).toBe('unauthorized');
        expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    });

    it('rejects unknown, malformed and non-Bearer tokens', async () => {
      const forged = `hdw_${'A'.repeat(43)}`;
      for (const header of [`Bearer ${forged}`, 'Bearer nonsense', `Basic ${fx.tokens.agentA}`, fx.tokens.agentA, 'Bearer ']) {
        const reply = await anonymous('GET', '/v1/changes', { headers: { authorization: header } });
        expect(reply.status, header).toBe(401);
      }
    });

    it('rejects a created work order without auth and writes nothing', async () => {
      const before = await fx.snapshot();
      const reply = await anonymous('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': newKey() } });
      expect(reply.status).toBe(401);
      expect(await fx.snapshot()).toEqual(before);
    });
  });

  describe('create and read', () => {
    it('creates a work order: 201, Location, ETag, version 1, status received', async () => {
      const key = newKey();
      const reply = await agentA('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': key } });
      expect(reply.status).toBe(201);
      const record = WorkOrderRecordSchema.parse(reply.body);
      expect(record).toMatchObject({ idempotencyKey: key, version: 1, status: 'received', teamId: 'team-a', agentId: '0307' });
      expect(record.fields).toEqual(validFields());
      expect(reply.headers.get('location')).toBe(`/v1/work-orders/${record.id}`);
      expect(reply.headers.get('etag')).toBe('"1"');
      expect(reply.headers.get('idempotent-replayed')).toBeNull();

      const read = await otherAgentA('GET', `/v1/work-orders/${record.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(reply.body);
    });

    it('answers 404 for an unknown or impossible id', async () => {
      expect((await agentA('GET', `/v1/work-orders/${newKey()}`)).status).toBe(404);
      expect((await agentA('GET', '/v1/work-orders/not-a-uuid')).status).toBe(404);
      expect((await agentA('GET', '/v1/work-orders/%E0%A4%A')).status).toBe(404);
    });

    it('answers 405 with Allow for a wrong method', async () => {
      const reply = await agentA('DELETE', `/v1/work-orders/${newKey()}`);
      expect(reply.status).toBe(405);
      expect(reply.headers.get('allow')).toBe('GET, PUT');
    });
  });

  describe('idempotent create', () => {
    it('the same key twice returns the first result with the same status and creates one row', async () => {
      const key = newKey();
      const rowsBefore = await fx.count('work_orders');
      const first = await agentA('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': key } });
      // The retry is formatted differently (indentation): what counts is the parsed request.
      const second = await agentA('POST', '/v1/work-orders', {
        raw: JSON.stringify({ fields: validFields() }, null, 2),
        headers: { 'idempotency-key': key.toUpperCase() },
      });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(await fx.count('work_orders')).toBe(rowsBefore + 1);
    });

    it('replays the first result even after the work order changed', async () => {
      const key = newKey();
      const first = await agentA('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': key } });
      await centreA('POST', `/v1/work-orders/${first.body.id}/status`, { body: { status: 'dispatched' } });
      const again = await agentA('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': key } });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
    });

    it('replays the first result after its fields were edited twice; the copy is stored only from the first edit', async () => {
      const key = newKey();
      const first = await agentA('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': key } });
      const stored = async () =>
        ((await fx.rows(`SELECT first_response FROM work_orders WHERE id = '${first.body.id}'`))[0] as { first_response: unknown }).first_response;
      // Not edited: no second copy of the order on disk.
      expect([null, '']).toContain(await stored());
      const replayedBeforeEdit = await agentA('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': key } });
      expect(replayedBeforeEdit.body).toEqual(first.body);
      for (const [version, summary] of [
        [1, '第一次修改'],
        [2, '第二次修改'],
      ] as const) {
        const edited = await agentA('PUT', `/v1/work-orders/${first.body.id}`, {
          body: { fields: validFields({ summary }) },
          headers: { 'if-match': `"${version}"` },
        });
        expect(edited.status).toBe(200);
      }
      expect([null, '']).not.toContain(await stored());
      const again = await agentA('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': key } });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.body.fields.summary).toBe(validFields().summary);
    });

    it('concurrent duplicates still create exactly one work order', async () => {
      const key = newKey();
      const rowsBefore = await fx.count('work_orders');
      const changesBefore = await fx.count('work_order_changes');
      const replies = await Promise.all(
        Array.from({ length: 12 }, () =>
          agentA('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': key } }),
        ),
      );
      expect(replies.map((r) => r.status)).toEqual(Array(12).fill(201));
      const ids = new Set(replies.map((r) => r.body.id));
      expect(ids.size).toBe(1);
      expect(replies.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
      expect(await fx.count('work_orders')).toBe(rowsBefore + 1);
      expect(await fx.count('work_order_changes')).toBe(changesBefore + 1);
    });

    it('the same key with a different body is refused with a reason and changes nothing', async () => {
      const key = newKey();
      const first = await agentA('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': key } });
      const before = await fx.snapshot();
      const reused = await agentA('POST', '/v1/work-orders', {
        body: { fields: validFields({ summary: '另一件事' }) },
        headers: { 'idempotency-key': key },
      });
      expect(reused.status).toBe(422);
      expect(reused.body.error.code).toBe('idempotency-key-reused');
      expect(await fx.snapshot()).toEqual(before);
      expect((await agentA('GET', `/v1/work-orders/${first.body.id}`)).body.fields.summary).toBe(validFields().summary);
    });

    it('keys are per team: another team with the same key gets its own work order', async () => {
      const key = newKey();
      const a = await agentA('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': key } });
      const b = await agentB('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': key } });
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(b.body.id).not.toBe(a.body.id);
      expect(b.body.teamId).toBe('team-b');
      expect(b.headers.get('idempotent-replayed')).toBeNull();
    });

    it('requires a UUID Idempotency-Key', async () => {
      const before = await fx.snapshot();
      const missing = await agentA('POST', '/v1/work-orders', { body: { fields: validFields() } });
      expect(missing).toMatchObject({ status: 400, body: { error: { code: 'missing-idempotency-key' } } });
      const bad = await agentA('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': 'abc' } });
      expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid-idempotency-key' } } });
      expect(await fx.snapshot()).toEqual(before);
    });
  });

  describe('bad bodies change nothing', () => {
    const post = (call: Call, init: Parameters<Call>[2], key = newKey()) =>
      call('POST', '/v1/work-orders', { ...init, headers: { 'idempotency-key': key, ...init?.headers } });

    it('malformed JSON → 400 with a reason', async () => {
      const before = await fx.snapshot();
      const reply = await post(agentA, { raw: '{"fields": {"callerName": "王' });
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('malformed-json');
      expect(reply.body.error.message).toMatch(/JSON/);
      const notUtf8 = await fetch(`${fx.url}/v1/work-orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fx.tokens.agentA}`, 'content-type': 'application/json', 'idempotency-key': newKey() },
        body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      });
      expect(notUtf8.status).toBe(400);
      expect(await fx.snapshot()).toEqual(before);
    });

    it('a body over 256 KiB → 413, and the connection still answers', async () => {
      const before = await fx.snapshot();
      const reply = await post(agentA, { body: { fields: validFields({ description: 'x'.repeat(300 * 1024) }) } });
      expect(reply.status).toBe(413);
      expect(reply.body.error.code).toBe('payload-too-large');
      expect(await fx.snapshot()).toEqual(before);
      expect((await agentA('GET', '/healthz')).status).toBe(200);
    });

    it('a body that is not application/json → 415', async () => {
      const before = await fx.snapshot();
      const reply = await post(agentA, { raw: JSON.stringify({ fields: validFields() }), headers: { 'content-type': 'text/plain' } });
      expect(reply.status).toBe(415);
      expect(await fx.snapshot()).toEqual(before);
    });

    it('schema errors → 422 with the zod issues (i18n keys), and the key stays unused', async () => {
      const before = await fx.snapshot();
      const key = newKey();
      const incomplete = validFields({
        callerPhone: '',
        departmentIds: [],
        scope: { decision: 'in-scope', reason: null, reasonDetail: '', channel: '' },
        commitment: { what: '', dueDate: '' },
      });
      const reply = await post(agentA, { body: { fields: incomplete } }, key);
      expect(reply.status).toBe(422);
      expect(reply.body.error.code).toBe('invalid-payload');
      const issues = reply.body.error.issues as { path: string; message: string }[];
      expect(issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'fields.callerPhone', message: 'errors.required' }),
          expect.objectContaining({ path: 'fields.departmentIds', message: 'errors.required' }),
          expect.objectContaining({ path: 'fields.commitment.what', message: 'errors.required' }),
          expect.objectContaining({ path: 'fields.commitment.dueDate', message: 'errors.required' }),
        ]),
      );

      const wrongTypes = await post(agentA, { body: { fields: { ...validFields(), urgency: 'whenever', extra: 1 } } });
      expect(wrongTypes.status).toBe(422);
      const unknownDepartment = await post(agentA, { body: { fields: validFields({ departmentIds: ['ministry-of-magic'] }) } });
      expect(unknownDepartment.status).toBe(422);
      expect(unknownDepartment.body.error.issues[0]).toMatchObject({ path: 'fields.departmentIds.0', message: 'errors.unknownDepartment' });
      for (const body of [null, [], 'text', 42, {}, { fields: null }]) {
        expect((await post(agentA, { body })).status, JSON.stringify(body)).toBe(422);
      }
      expect(await fx.snapshot()).toEqual(before);

      // A failed attempt does not use up the key: the corrected request creates the work order.
      const fixed = await post(agentA, { body: { fields: validFields() } }, key);
      expect(fixed.status).toBe(201);
      expect(fixed.headers.get('idempotent-replayed')).toBeNull();
    });

    it('an out-of-scope work order needs the reason and the channel', async () => {
      const outOfScope = validFields({
        departmentIds: [],
        commitment: { what: '', dueDate: '' },
        scope: { decision: 'out-of-scope', reason: 'litigation', reasonDetail: '', channel: '' },
      });
      const missingChannel = await post(agentA, { body: { fields: outOfScope } });
      expect(missingChannel.status).toBe(422);
      expect(missingChannel.body.error.issues).toEqual([expect.objectContaining({ path: 'fields.scope.channel' })]);
      const complete = { ...outOfScope, scope: { ...outOfScope.scope, channel: '向当地人民法院提起诉讼' } };
      expect((await post(agentA, { body: { fields: complete } })).status).toBe(201);
    });
  });

  describe('team isolation', () => {
    it('another team cannot read, edit, change status or find the work order', async () => {
      const phone = '13900000001';
      const record = await create(agentA, validFields({ callerPhone: phone }));
      const before = await fx.snapshot();
      expect((await agentB('GET', `/v1/work-orders/${record.id}`)).status).toBe(404);
      const put = await agentB('PUT', `/v1/work-orders/${record.id}`, {
        body: { fields: validFields({ summary: 'hijacked' }) },
        headers: { 'if-match': '"1"' },
      });
      expect(put.status).toBe(404);
      expect((await centreB('POST', `/v1/work-orders/${record.id}/status`, { body: { status: 'dispatched' } })).status).toBe(404);
      expect((await agentB('GET', `/v1/work-orders?phone=${phone}`)).body).toEqual({ workOrders: [] });
      const feed = await agentB('GET', '/v1/changes?since=0&limit=500');
      expect(feed.body.changes.map((c: { workOrderId: string }) => c.workOrderId)).not.toContain(record.id);
      expect(await fx.snapshot()).toEqual(before);
      // Its own team sees it.
      expect((await agentA('GET', `/v1/work-orders?phone=${phone}`)).body.workOrders).toHaveLength(1);
    });
  });

  describe('optimistic concurrency', () => {
    it('PUT with the current version saves and bumps the version; a stale version → 409 with the server copy', async () => {
      const record = await create(agentA);
      const mine = await agentA('PUT', `/v1/work-orders/${record.id}`, {
        body: { fields: validFields({ summary: '补充：涉及 12 名工人' }) },
        headers: { 'if-match': '"1"' },
      });
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ version: 2, fields: { summary: '补充：涉及 12 名工人' } });
      expect(mine.headers.get('etag')).toBe('"2"');

      const before = await fx.snapshot();
      const stale = await otherAgentA('PUT', `/v1/work-orders/${record.id}`, {
        body: { fields: validFields({ summary: '另一位坐席的修改' }) },
        headers: { 'if-match': '"1"' },
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('version-conflict');
      expect(stale.body.current).toEqual(mine.body);
      expect(await fx.snapshot()).toEqual(before);
    });

    it('a status change by the centre also makes an agent edit stale', async () => {
      const record = await create(agentA);
      const dispatched = await centreA('POST', `/v1/work-orders/${record.id}/status`, { body: { status: 'dispatched' } });
      expect(dispatched.body).toMatchObject({ status: 'dispatched', version: 2 });
      const stale = await agentA('PUT', `/v1/work-orders/${record.id}`, { body: { fields: validFields() }, headers: { 'if-match': '1' } });
      expect(stale.status).toBe(409);
      expect(stale.body.current).toMatchObject({ status: 'dispatched', version: 2 });
    });

    it('concurrent PUTs on one version: exactly one wins', async () => {
      const record = await create(agentA);
      const replies = await Promise.all(
        ['甲', '乙', '丙', '丁'].map((who) =>
          agentA('PUT', `/v1/work-orders/${record.id}`, {
            body: { fields: validFields({ summary: `修改 ${who}` }) },
            headers: { 'if-match': '"1"' },
          }),
        ),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
      const current = await agentA('GET', `/v1/work-orders/${record.id}`);
      expect(current.body.version).toBe(2);
      expect(current.body).toEqual(replies.find((r) => r.status === 200)?.body);
    });

    it('PUT needs If-Match (428), a well-formed one (400), and a valid body (422)', async () => {
      const record = await create(agentA);
      const before = await fx.snapshot();
      const path = `/v1/work-orders/${record.id}`;
      expect((await agentA('PUT', path, { body: { fields: validFields() } })).status).toBe(428);
      expect((await agentA('PUT', path, { body: { fields: validFields() }, headers: { 'if-match': '*' } })).status).toBe(400);
      expect((await agentA('PUT', path, { body: { fields: { summary: 'x' } }, headers: { 'if-match': '"1"' } })).status).toBe(422);
      expect((await agentA('PUT', path, { raw: '{', headers: { 'if-match': '"1"' } })).status).toBe(400);
      expect(await fx.snapshot()).toEqual(before);
    });

    it('a closed work order cannot be edited', async () => {
      const record = await create(agentA);
      const closed = await centreA('POST', `/v1/work-orders/${record.id}/status`, { body: { status: 'closed', note: '不属受理范围，已告知' } });
      expect(closed.status).toBe(200);
      const edit = await agentA('PUT', `/v1/work-orders/${record.id}`, { body: { fields: validFields() }, headers: { 'if-match': '"2"' } });
      expect(edit.status).toBe(409);
      expect(edit.body.error.code).toBe('work-order-closed');
    });
  });

  describe('status changes and the changes feed', () => {
    it('only centre tokens change status, along the allowed transitions', async () => {
      const record = await create(agentA);
      const path = `/v1/work-orders/${record.id}/status`;
      const before = await fx.snapshot();
      expect((await agentA('POST', path, { body: { status: 'dispatched' } })).status).toBe(403);
      expect((await centreA('POST', path, { body: { status: 'replied' } })).body.error.code).toBe('invalid-transition');
      expect((await centreA('POST', path, { body: { status: 'received' } })).status).toBe(422);
      expect((await centreA('POST', path, { body: { status: 'dispatched' }, headers: { 'if-match': '"7"' } })).status).toBe(409);
      expect(await fx.snapshot()).toEqual(before);
    });

    it('the feed lists created, updated and status changes in order, by cursor', async () => {
      const start = (await agentA('GET', '/v1/changes?since=0&limit=500')).body;
      expect(start.hasMore).toBe(false);
      const cursor: string = start.nextCursor;

      const record = await create(agentA);
      const id = record.id;
      await agentA('PUT', `/v1/work-orders/${id}`, { body: { fields: validFields({ urgency: 'very-urgent' }) }, headers: { 'if-match': '"1"' } });
      for (const status of ['dispatched', 'replied', 'follow-up-due', 'closed']) {
        const reply = await centreA('POST', `/v1/work-orders/${id}/status`, { body: { status, note: `→ ${status}` } });
        expect(reply.status, status).toBe(200);
      }
      const feed = await agentA('GET', `/v1/changes?since=${cursor}`);
      expect(feed.status).toBe(200);
      expect(feed.body.hasMore).toBe(false);
      expect(feed.body.changes.map((c: { kind: string; status: string; version: number }) => [c.kind, c.status, c.version])).toEqual([
        ['created', 'received', 1],
        ['updated', 'received', 2],
        ['status', 'dispatched', 3],
        ['status', 'replied', 4],
        ['status', 'follow-up-due', 5],
        ['status', 'closed', 6],
      ]);
      expect(feed.body.changes[2]).toMatchObject({ workOrderId: id, agentId: 'lead-01', note: '→ dispatched' });
      expect(feed.body.nextCursor).toBe(feed.body.changes[5].cursor);

      // Paging: two at a time, until hasMore is false; nothing is lost or repeated.
      const paged: string[] = [];
      let since = cursor;
      for (let page = 0; page < 10; page += 1) {
        const reply = (await agentA('GET', `/v1/changes?since=${since}&limit=2`)).body;
        paged.push(...reply.changes.map((c: { cursor: string }) => c.cursor));
        since = reply.nextCursor;
        if (!reply.hasMore) break;
      }
      expect(paged).toEqual(feed.body.changes.map((c: { cursor: string }) => c.cursor));
      // Nothing new: the same cursor comes back.
      expect((await agentA('GET', `/v1/changes?since=${since}`)).body).toEqual({ changes: [], nextCursor: since, hasMore: false });

      // The work order itself carries the last status.
      expect((await agentA('GET', `/v1/work-orders/${id}`)).body).toMatchObject({ status: 'closed', version: 6 });
    });

    it('rejects a malformed cursor or limit', async () => {
      expect((await agentA('GET', '/v1/changes?since=abc')).status).toBe(400);
      expect((await agentA('GET', '/v1/changes?since=-1')).status).toBe(400);
      expect((await agentA('GET', '/v1/changes?limit=0')).status).toBe(400);
    });
  });

  describe('history by phone', () => {
    it('finds a caller by number or callback number, whatever the separators, newest first', async () => {
      const first = await create(agentA, validFields({ callerPhone: '0871-6555 0101', summary: '第一次来电' }));
      const second = await create(otherAgentA, validFields({ callerPhone: '13812345678', callbackNumber: '(0871) 65550101', summary: '回拨号码相同' }));
      const third = await create(agentA, validFields({ callerPhone: '087165550101', summary: '第三次来电' }));
      await create(agentA, validFields({ callerPhone: '0871-6555 0102' }));

      const reply = await agentA('GET', `/v1/work-orders?phone=${encodeURIComponent('0871 6555 0101')}`);
      expect(reply.status).toBe(200);
      expect(reply.body.workOrders.map((w: { id: string }) => w.id)).toEqual([third.id, second.id, first.id]);
      const limited = await agentA('GET', '/v1/work-orders?phone=087165550101&limit=1');
      expect(limited.body.workOrders.map((w: { id: string }) => w.id)).toEqual([third.id]);
      expect((await agentA('GET', '/v1/work-orders?phone=00000000')).body).toEqual({ workOrders: [] });
      expect((await agentA('GET', '/v1/work-orders')).status).toBe(400);
    });
  });
});

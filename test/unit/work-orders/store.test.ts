import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { migration0010 } from '../../../src/main/store/migrations/0010-initial';
import { migration0020 } from '../../../src/main/store/migrations/0020-work-orders';
import { WorkOrdersRepo } from '../../../src/main/work-orders/repo';
import type { AppCore } from '../../../src/main/app-core';
import { makeTempDir } from '../../support/temp-dir';
import { completeDraft, invoke, openCore, value } from './helpers';

describe('migration 0020 (work orders)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.remove());

  it('adds work_orders on top of 0010 and keeps the existing call log', () => {
    const path = join(dir.path, 'old.sqlite');
    const old = openDatabase(path, [migration0010]);
    old
      .prepare("INSERT INTO calls (id, direction, remote_number, remote_name, started_at) VALUES ('c1', 'inbound', '110', '', 1)")
      .run();
    old.close();
    const db = openDatabase(path, [migration0010, migration0020]);
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    expect(db.prepare("SELECT remote_number FROM calls WHERE id = 'c1'").pluck().get()).toBe('110');
    const columns = db.prepare("SELECT name FROM pragma_table_info('work_orders')").pluck().all();
    expect(columns).toEqual(
      expect.arrayContaining([
        'id', 'idempotency_key', 'call_id', 'fields', 'revision', 'created_at', 'updated_at', 'sync_state', 'sync_attempts',
        'next_attempt_at', 'last_error', 'attention', 'server_id', 'server_version', 'server_status', 'server_status_changed_at',
      ]),
    );
    // One draft per call, but any number without a call.
    db.prepare("INSERT INTO work_orders (id, idempotency_key, call_id, fields, created_at, updated_at) VALUES ('a', 'k1', NULL, '{}', 1, 1)").run();
    db.prepare("INSERT INTO work_orders (id, idempotency_key, call_id, fields, created_at, updated_at) VALUES ('b', 'k2', NULL, '{}', 1, 1)").run();
    db.prepare("INSERT INTO work_orders (id, idempotency_key, call_id, fields, created_at, updated_at) VALUES ('c', 'k3', 'call-1', '{}', 1, 1)").run();
    expect(() =>
      db.prepare("INSERT INTO work_orders (id, idempotency_key, call_id, fields, created_at, updated_at) VALUES ('d', 'k4', 'call-1', '{}', 1, 1)").run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare("INSERT INTO work_orders (id, idempotency_key, fields, created_at, updated_at, sync_state) VALUES ('e', 'k5', '{}', 1, 1, 'lost')").run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('answers the screen-pop history and the outbox scan from indexes', () => {
    const db = openDatabase(join(dir.path, 'plan.sqlite'));
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('\n');
    const history = plan(
      "SELECT * FROM work_orders WHERE caller_phone_norm = '1' OR callback_phone_norm = '1' ORDER BY created_at DESC LIMIT 20",
    );
    expect(history).toMatch(/USING INDEX work_orders_by_caller_phone/);
    expect(history).toMatch(/USING INDEX work_orders_by_callback_phone/);
    expect(history).not.toMatch(/SCAN work_orders(?! USING)/);
    const outbox = plan("SELECT * FROM work_orders WHERE sync_state = 'queued' AND next_attempt_at <= 5 ORDER BY next_attempt_at LIMIT 32");
    expect(outbox).toMatch(/SEARCH work_orders USING INDEX work_orders_outbox \(sync_state=\? AND next_attempt_at<\?\)/);
    expect(outbox).not.toMatch(/TEMP B-TREE/);
    const counts = plan("SELECT sync_state, COUNT(*) FROM work_orders WHERE sync_state IN ('queued', 'sending', 'needs-attention') GROUP BY sync_state");
    expect(counts).toMatch(/COVERING INDEX work_orders_outbox/);
    expect(plan("SELECT * FROM work_orders WHERE server_id = 'x'")).toMatch(/USING INDEX work_orders_by_server_id/);
    db.close();
  });
});

describe('WorkOrdersRepo', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  let repo: WorkOrdersRepo;
  beforeEach(() => {
    dir = makeTempDir();
    db = openDatabase(join(dir.path, 'a.sqlite'));
    repo = new WorkOrdersRepo(db);
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('keeps one draft per call with its own idempotency key, and saves merge fields durably', () => {
    const first = repo.openForCall('call-0001', ' 0871-6312 3456 ', '李先生');
    expect(first.fields.callerPhone).toBe('0871-6312 3456');
    expect(first.sync.state).toBe('draft');
    expect(repo.openForCall('call-0001', 'x', 'y').id).toBe(first.id);
    const other = repo.create('13800138000');
    expect(other.idempotencyKey).not.toBe(first.idempotencyKey);
    const saved = repo.save(first.id, { summary: '路灯不亮', scope: { decision: 'in-scope', reason: null, reasonDetail: '', channel: '' } });
    expect(saved).toMatchObject({ kind: 'saved', revision: 1 });
    const read = repo.get(first.id)!;
    expect(read.fields.summary).toBe('路灯不亮');
    expect(read.fields.callerName).toBe('李先生');
    expect(read.fields.scope.decision).toBe('in-scope');
    // Committed: another connection sees it at once.
    const other2 = new Database(join(dir.path, 'a.sqlite'), { readonly: true });
    expect(JSON.parse(other2.prepare('SELECT fields FROM work_orders WHERE id = ?').pluck().get(first.id) as string).summary).toBe('路灯不亮');
    other2.close();
  });

  it('takes a caller ID longer than a phone field into the draft cut with a visible mark, never an error', () => {
    const longId = '1'.repeat(33) + '-ext-' + '9'.repeat(26); // 64 characters: what the call log keeps whole
    expect(longId).toHaveLength(64);
    const draft = repo.openForCall('call-long-id', longId, '张');
    expect(draft.fields.callerPhone).toBe(`${'1'.repeat(31)}…`);
    expect(draft.fields.callerPhone).toHaveLength(32);
    expect(repo.create(longId).fields.callerPhone).toBe(`${'1'.repeat(31)}…`);
    // Exactly at the limit: taken as it is.
    expect(repo.openForCall('call-32-digits', '2'.repeat(32), '').fields.callerPhone).toBe('2'.repeat(32));
  });

  it('salvages the valid fields of a damaged row', () => {
    const view = repo.create('');
    db.prepare('UPDATE work_orders SET fields = ? WHERE id = ?').run(JSON.stringify({ summary: 'kept', type: 'bogus', extra: 1 }), view.id);
    const read = repo.get(view.id)!;
    expect(read.fields.summary).toBe('kept');
    expect(read.fields.type).toBeNull();
    expect(read.fields.urgency).toBe('normal');
  });

  it('finds history by caller or callback number regardless of separators', () => {
    const a = repo.create('0871-6312 3456');
    const b = repo.create('');
    repo.save(b.id, { callbackNumber: '(0871) 63123456' });
    repo.create('13900000000');
    const found = repo.history('087163123456').map((h) => h.summary.id);
    expect(found.sort()).toEqual([a.id, b.id].sort());
  });
});

describe('work-order handlers', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: AppCore;
  beforeEach(() => {
    dir = makeTempDir();
    core = openCore(dir.path, { embeddedDatabasePath: null });
  });
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  it('takes any caller ID the call log takes (64 characters) into a draft; a longer one is refused as a bad payload, not an internal error', async () => {
    const draft = await value(core, 'workOrders:create', { callerPhone: '8'.repeat(64) });
    expect(draft.fields.callerPhone).toBe(`${'8'.repeat(31)}…`);
    const tooLong = await invoke(core, 'workOrders:create', { callerPhone: '8'.repeat(65) });
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.error.code).toBe('invalid-payload');
  });

  it('saves, refuses an incomplete submit with i18n issues, and queues a complete one', async () => {
    const { workOrder } = await value(core, 'calls:event', {
      type: 'answered',
      id: 'call-0002',
      direction: 'inbound',
      remoteNumber: '13800138000',
      remoteName: '',
      startedAt: 1,
      answeredAt: 2,
    });
    const draft = workOrder!;
    const incomplete = await invoke(core, 'workOrders:submit', { id: draft.id });
    expect(incomplete.ok).toBe(false);
    if (incomplete.ok) return;
    expect(incomplete.error.code).toBe('invalid-payload');
    const paths = incomplete.error.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['type', 'domain', 'summary', 'description', 'scope.decision']));
    expect(incomplete.error.issues!.every((i) => i.message.startsWith('errors.'))).toBe(true);

    // An unknown department is refused against the configured list.
    await value(core, 'workOrders:save', { id: draft.id, fields: { ...completeDraft(), departmentIds: ['no-such-dept'] } });
    const unknown = await invoke(core, 'workOrders:submit', { id: draft.id });
    expect(!unknown.ok && unknown.error.issues).toEqual([{ path: 'departmentIds.0', message: 'errors.unknownDepartment' }]);

    const saved = await value(core, 'workOrders:save', { id: draft.id, fields: { departmentIds: ['labour-inspection'] } });
    expect(saved.revision).toBe(2);
    expect((await value(core, 'workOrders:listUnsent', {})).map((s) => s.id)).toEqual([draft.id]);
    const queued = await value(core, 'workOrders:submit', { id: draft.id });
    expect(queued.sync.state).toBe('queued');
    expect(await value(core, 'workOrders:listUnsent', {})).toEqual([]);
    expect(await value(core, 'sync:overview', {})).toMatchObject({ state: 'waiting', waiting: 1, needsAttention: 0, target: 'embedded' });
    // Queued work orders are not editable.
    const edit = await invoke(core, 'workOrders:save', { id: draft.id, fields: { summary: 'x' } });
    expect(!edit.ok && edit.error.issues).toEqual([{ path: '', message: 'errors.notEditable' }]);
    // Bad input never reaches the store.
    expect((await invoke(core, 'workOrders:save', { id: draft.id, fields: { type: 'nonsense' } as never })).ok).toBe(false);
    expect((await invoke(core, 'workOrders:get', { id: 'missing-1234' })).ok).toBe(false);
    expect((await invoke(core, 'workOrders:resolveConflict', { id: draft.id, choice: 'keep-mine' })).ok).toBe(false);
  });

  it('lists departments (zh and en names) and keeps the service token out of the database in plain text', async () => {
    const departments = await value(core, 'workOrders:departments', {});
    expect(departments.length).toBeGreaterThan(10);
    expect(departments.find((d) => d.id === 'labour-inspection')).toMatchObject({ nameZh: '劳动保障监察支队' });
    expect(await value(core, 'workOrderService:get', {})).toEqual({ url: '', hasToken: false, target: 'embedded' });
    const noToken = await invoke(core, 'workOrderService:save', { url: 'http://127.0.0.1:9/' });
    expect(!noToken.ok && noToken.error.issues).toEqual([{ path: 'token', message: 'errors.required' }]);
    const token = 'hdw_' + 'A'.repeat(43);
    expect(await value(core, 'workOrderService:save', { url: 'http://127.0.0.1:9/', token })).toEqual({
      url: 'http://127.0.0.1:9/',
      hasToken: true,
      target: 'remote',
    });
    const bytes = core.db.prepare('SELECT ciphertext FROM secrets').pluck().all() as Buffer[];
    expect(bytes.some((b) => b.includes(Buffer.from(token)))).toBe(false);
    expect((await invoke(core, 'workOrderService:save', { url: 'ftp://x' })).ok).toBe(false);
    expect(await value(core, 'workOrderService:save', { url: '' })).toMatchObject({ target: 'embedded' });
  });
});

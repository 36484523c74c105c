import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/app-core';
import { DISCARDED_REMEMBERED } from '../../../src/main/work-orders/repo';
import type { CallLedgerEventInput } from '../../../src/shared/domain/call-log';
import { makeTempDir } from '../../support/temp-dir';
import { completeDraft, invoke, openCore, value } from '../work-orders/helpers';

const CALLER = '6f1c2a8e-0000-4000-8000-00000000c001';
const CONSULT = '6f1c2a8e-0000-4000-8000-00000000c002';

describe('call ledger: one draft per caller, untouched drafts discarded', () => {
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

  const event = (e: CallLedgerEventInput) => value(core, 'calls:event', e);
  const start = { direction: 'inbound', remoteNumber: '0871-6312 3456', remoteName: '李先生', startedAt: 1_000 } as const;

  type Leg = Partial<Pick<Extract<CallLedgerEventInput, { type: 'answered' }>, 'direction' | 'remoteNumber' | 'remoteName' | 'practice' | 'consultFor'>>;
  async function answer(id: string, extra: Leg = {}) {
    await event({ type: 'ringing', id, ...start, ...extra });
    return (await event({ type: 'answered', id, ...start, answeredAt: 2_000, ...extra })).workOrder;
  }
  const end = (id: string) => event({ type: 'ended', id, endedAt: 9_000, outcome: 'answered', endedBy: 'remote' });
  const unsentIds = async () => (await value(core, 'workOrders:listUnsent', {})).map((s) => s.id);
  const recentIds = async () => (await value(core, 'workOrders:list', { limit: 100 })).map((s) => s.id);

  it('opens no draft for a consultation leg: the caller keeps the one draft, and ending the leg leaves it alone', async () => {
    const draft = (await answer(CALLER))!;
    await value(core, 'workOrders:save', { id: draft.id, fields: { summary: '咨询社保转移' } });
    const consult = await answer(CONSULT, { direction: 'outbound', remoteNumber: '8001', remoteName: '班长', consultFor: CALLER });
    expect(consult).toBeNull();
    await end(CONSULT);
    expect(await recentIds()).toEqual([draft.id]);
    expect(await value(core, 'workOrders:get', { id: draft.id })).toMatchObject({ callId: CALLER, fields: { summary: '咨询社保转移' } });
    // The leg is still in the call log, as a call.
    expect((await value(core, 'calls:list', {})).map((c) => c.id).sort()).toEqual([CALLER, CONSULT].sort());
  });

  it('discards a draft nobody touched when its call ends: not listed, not found, not in the recent list', async () => {
    const draft = (await answer(CALLER))!;
    expect(draft.fields).toMatchObject({ callerPhone: '0871-6312 3456', callerName: '李先生' });
    // While the call is up, an untouched draft is not unsent work either.
    expect(await unsentIds()).toEqual([]);
    await end(CALLER);
    expect(await unsentIds()).toEqual([]);
    expect(await recentIds()).toEqual([]);
    expect(await invoke(core, 'workOrders:get', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await value(core, 'sync:overview', {})).toMatchObject({ waiting: 0, needsAttention: 0 });
  });

  it('discards a draft saved with nothing changed, or changed and changed back, but keeps one with anything typed', async () => {
    const same = (await answer(CALLER))!;
    await value(core, 'workOrders:save', { id: same.id, fields: { callerName: '李先生', summary: '路' } });
    await value(core, 'workOrders:save', { id: same.id, fields: { summary: '' } });
    await end(CALLER);
    expect(await recentIds()).toEqual([]);

    const typed: string[] = [];
    const edits = [{ summary: '路灯不亮' }, { urgency: 'urgent' as const }, { callerPhone: '13800138000' }, { departmentIds: ['labour-inspection'] }];
    for (const [i, fields] of edits.entries()) {
      const id = `6f1c2a8e-0000-4000-8000-00000000d00${i}`;
      const draft = (await answer(id))!;
      await value(core, 'workOrders:save', { id: draft.id, fields });
      await end(id);
      typed.push(draft.id);
    }
    expect((await unsentIds()).sort()).toEqual(typed.sort());
  });

  it('brings a discarded draft back whole when the agent types in it after the end (after-call work, a save in flight)', async () => {
    const draft = (await answer(CALLER))!;
    await end(CALLER);
    const saved = await value(core, 'workOrders:save', { id: draft.id, fields: { summary: '话后补录：噪音扰民' } });
    expect(saved).toMatchObject({ id: draft.id, revision: 1 });
    const back = await value(core, 'workOrders:get', { id: draft.id });
    expect(back).toMatchObject({ callId: CALLER, idempotencyKey: draft.idempotencyKey, createdAt: draft.createdAt, sync: { state: 'draft' } });
    expect(back.fields).toMatchObject({ callerPhone: '0871-6312 3456', callerName: '李先生', summary: '话后补录：噪音扰民' });
    expect(await unsentIds()).toEqual([draft.id]);
    // The same answer reported again (a renderer reload) finds it too, never a second draft.
    expect((await answer(CALLER))!.id).toBe(draft.id);
  });

  it('answers a submit of a discarded draft with its missing fields (it cannot be synced) and never lists it', async () => {
    const draft = (await answer(CALLER))!;
    await end(CALLER);
    const submit = await invoke(core, 'workOrders:submit', { id: draft.id });
    expect(submit).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await unsentIds()).toEqual([]);
    await value(core, 'workOrders:save', { id: draft.id, fields: { ...completeDraft(), callerPhone: '0871-6312 3456' } });
    expect(await value(core, 'workOrders:submit', { id: draft.id })).toMatchObject({ id: draft.id, sync: { state: 'queued' } });
  });

  it('opens a practice draft for a practice call, never listed (test/unit/practice/practice-work-order.test.ts has the rest)', async () => {
    expect(await answer(CALLER, { practice: true })).toMatchObject({ callId: CALLER, practice: true });
    await end(CALLER);
    expect(await recentIds()).toEqual([]);
  });

  it('discards a work order the agent closes untouched (call-back drafts too) and keeps one with anything typed', async () => {
    const untouched = await value(core, 'workOrders:create', { callerPhone: '13800138000' });
    const typed = await value(core, 'workOrders:create', { callerPhone: '13800138000' });
    await value(core, 'workOrders:save', { id: typed.id, fields: { address: '解放碑' } });
    const phoneTyped = await value(core, 'workOrders:create', { callerPhone: '' });
    await value(core, 'workOrders:save', { id: phoneTyped.id, fields: { callerPhone: '13900000000' } });
    expect((await unsentIds()).sort()).toEqual([typed.id, phoneTyped.id].sort());
    expect(await value(core, 'workOrders:close', { id: untouched.id })).toEqual({ discarded: true });
    expect(await value(core, 'workOrders:close', { id: typed.id })).toEqual({ discarded: false });
    expect(await value(core, 'workOrders:close', { id: phoneTyped.id })).toEqual({ discarded: false });
    expect(await value(core, 'workOrders:close', { id: untouched.id })).toEqual({ discarded: false });
    expect(await value(core, 'workOrders:close', { id: 'no-such-draft' })).toEqual({ discarded: false });
    expect((await recentIds()).sort()).toEqual([typed.id, phoneTyped.id].sort());
    // Closed during the call (the pane let go of it): the same rule, the same way back.
    const draft = (await answer(CALLER))!;
    expect(await value(core, 'workOrders:close', { id: draft.id })).toEqual({ discarded: true });
    await value(core, 'workOrders:save', { id: draft.id, fields: { summary: '又想起来一件事' } });
    await end(CALLER);
    expect(await value(core, 'workOrders:get', { id: draft.id })).toMatchObject({ fields: { summary: '又想起来一件事' } });
  });

  it('never discards an amendment of a synced work order nor a needs-attention one, even with fields as pre-filled', async () => {
    const draft = (await answer(CALLER))!;
    core.db.prepare("UPDATE work_orders SET server_id = 'srv-1', server_version = 1, server_status = 'received' WHERE id = ?").run(draft.id);
    await end(CALLER);
    expect(await unsentIds()).toEqual([draft.id]);

    const other = '6f1c2a8e-0000-4000-8000-00000000c003';
    const attention = (await answer(other))!;
    core.db.prepare("UPDATE work_orders SET sync_state = 'needs-attention' WHERE id = ?").run(attention.id);
    await end(other);
    expect((await unsentIds()).sort()).toEqual([draft.id, attention.id].sort());
  });

  it('remembers a bounded number of discarded drafts for a late save', async () => {
    const first = (await answer(CALLER))!;
    await end(CALLER);
    for (let i = 0; i < DISCARDED_REMEMBERED; i += 1) {
      const id = `6f1c2a8e-0000-4000-8000-${String(i).padStart(12, '0')}`;
      await answer(id);
      await end(id);
    }
    expect(await invoke(core, 'workOrders:save', { id: first.id, fields: { summary: 'x' } })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('discards, at start-up, untouched call drafts left from before and keeps every typed one', async () => {
    const untouched = (await answer(CALLER))!;
    const other = '6f1c2a8e-0000-4000-8000-00000000c003';
    const typed = (await answer(other))!;
    await value(core, 'workOrders:save', { id: typed.id, fields: { description: '来电人说明情况' } });
    const emptyCallBack = await value(core, 'workOrders:create', { callerPhone: '' });
    // After a restart nothing says whether this number was typed or pre-filled: it stays.
    const callBack = await value(core, 'workOrders:create', { callerPhone: '13800138000' });
    // The desk stopped mid-call: no end was recorded.
    await core.close();
    core = openCore(dir.path, { embeddedDatabasePath: null });
    expect(await invoke(core, 'workOrders:get', { id: untouched.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await invoke(core, 'workOrders:get', { id: emptyCallBack.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await recentIds()).sort()).toEqual([typed.id, callBack.id].sort());
    expect((await unsentIds()).sort()).toEqual([typed.id, callBack.id].sort());
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../../shared/ipc/envelope';
import type { WorkOrderView } from '../../../shared/domain/work-order-sync';
import { installBridge } from '../../ipc/bridge';
import { fakeBridge, viewOf } from './test-fixtures';
import { unwrap } from '../../ipc/ipc-call-error';
import { useWorkOrderStore, workOrderDesk } from './work-order-store';

const CALL = { callId: 'call-1234-abcd', callerNumber: '13800138000', callerName: '王女士' };
const OPENED = viewOf({ fields: { callerPhone: CALL.callerNumber, callerName: CALL.callerName } });

let saves: { at: number; request: { id: string; fields: Record<string, unknown> } }[];
let failNextSave: boolean;
let submitReply: () => unknown;
let api: Record<string, ReturnType<typeof vi.fn>>;

function install() {
  let revision = 0;
  api = {
    openForCall: vi.fn(() => Promise.resolve(ok(OPENED))),
    create: vi.fn((request: { callerPhone: string }) =>
      Promise.resolve(ok(viewOf({ id: 'wo-call-back-1', callId: null, fields: { callerPhone: request.callerPhone } }))),
    ),
    get: vi.fn((request: { id: string }) => Promise.resolve(ok(viewOf({ id: request.id, callId: null, fields: { summary: '继续' } })))),
    save: vi.fn((request: { id: string; fields: Record<string, unknown> }) => {
      saves.push({ at: Date.now(), request });
      if (failNextSave) {
        failNextSave = false;
        return Promise.resolve(fail('storage-failed', 'disk full'));
      }
      revision++;
      return Promise.resolve(ok({ id: request.id, revision, updatedAt: Date.now() }));
    }),
    submit: vi.fn(() => Promise.resolve(submitReply())),
    resolveConflict: vi.fn(),
    close: vi.fn(() => Promise.resolve(ok({ discarded: false }))),
    departments: vi.fn(() =>
      Promise.resolve(ok([{ id: 'street-lighting', nameZh: '路灯管理处', nameEn: 'Street lighting' }])),
    ),
  };
  installBridge(fakeBridge({ workOrders: api }).bridge);
}

const store = () => useWorkOrderStore.getState();

/** What a call's session does at answer: its own editor, shown, opened from the draft main's ledger opened. */
async function openForCall(call: typeof CALL): Promise<void> {
  const editor = workOrderDesk.createEditor(call.callId);
  workOrderDesk.show(editor);
  const load = api.openForCall as unknown as (request: typeof CALL) => Promise<never>;
  await editor.open(() => unwrap(load(call)));
}

function fillComplete() {
  store().edit('type', 'complaint');
  store().edit('domain', 'public-services');
  store().edit('summary', '路灯不亮');
  store().edit('description', '三栋门口的路灯坏了两周。');
  store().edit('departmentIds', ['street-lighting']);
  store().edit('scope', { decision: 'in-scope', reason: null, reasonDetail: '', channel: '' });
  store().edit('commitment', { what: '转路灯管理处，三个工作日内答复', dueDate: '2030-01-15' });
}

beforeEach(async () => {
  vi.useFakeTimers();
  saves = [];
  failNextSave = false;
  submitReply = () => ok(viewOf({ ...OPENED, sync: { ...OPENED.sync, state: 'queued' } }));
  install();
  await store().loadDepartments();
  await openForCall(CALL);
});
afterEach(async () => {
  const closing = store().close();
  await vi.runAllTimersAsync();
  await closing;
  vi.useRealTimers();
  installBridge(null);
});

describe('work-order store: drafts', () => {
  it('opens the call’s draft with the caller prefilled', () => {
    expect(api.openForCall).toHaveBeenCalledWith(CALL);
    expect(store().id).toBe(OPENED.id);
    expect(store().callId).toBe(CALL.callId);
    expect(store().fields).toMatchObject({ callerPhone: '13800138000', callerName: '王女士' });
    expect(store().saveState).toBe('idle');
  });

  it('saves continuous typing at least every 300 ms, sending only the changed key, as typed', async () => {
    const start = Date.now();
    let text = ' ';
    for (let i = 0; i < 20; i++) {
      text += '字';
      store().edit('summary', text);
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(500);
    expect(saves.length).toBeGreaterThanOrEqual(3);
    expect(saves[0]!.at - start).toBeLessThanOrEqual(300);
    for (let i = 1; i < saves.length; i++) expect(saves[i]!.at - saves[i - 1]!.at).toBeLessThanOrEqual(300);
    expect(saves.at(-1)!.request).toEqual({ id: OPENED.id, fields: { summary: text } });
    // The form keeps the leading space the agent typed (main trims its copy).
    expect(store().fields.summary).toBe(text);
    expect(store().saveState).toBe('saved');
  });

  it('sends nested groups whole', async () => {
    store().edit('scope', { ...store().fields.scope, decision: 'out-of-scope' });
    await store().flush();
    expect(saves[0]!.request.fields).toEqual({ scope: { decision: 'out-of-scope', reason: null, reasonDetail: '', channel: '' } });
  });

  it('flush() (blur, hang-up, window closing) saves at once', async () => {
    store().edit('description', '路灯不亮');
    expect(store().saveState).toBe('pending');
    await store().flush();
    expect(saves).toHaveLength(1);
    expect(saves[0]!.at).toBe(Date.now());
    expect(store().saveState).toBe('saved');
  });

  it('shows a failed save and sends the edit again on the next flush', async () => {
    failNextSave = true;
    store().edit('summary', '噪音扰民');
    await vi.advanceTimersByTimeAsync(200);
    expect(store().saveState).toBe('error');
    expect(store().saveError).toBe('ipcErrors.storage-failed');
    await store().flush();
    expect(saves).toHaveLength(2);
    expect(saves[1]!.request.fields).toEqual({ summary: '噪音扰民' });
    expect(store().saveState).toBe('saved');
  });

  it('marks a field that breaks a draft rule and does not send it', async () => {
    store().edit('commitment', { what: '', dueDate: '2030-02-31x' });
    store().edit('summary', 'x'.repeat(201));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store().fieldErrors).toEqual({ commitmentDueDate: 'errors.date', summary: 'errors.tooLong' });
    expect(saves).toHaveLength(0);
    store().edit('summary', '好');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store().fieldErrors).toEqual({ commitmentDueDate: 'errors.date' });
    expect(saves.map((s) => s.request.fields)).toEqual([{ summary: '好' }]);
  });

  it('a second call has a draft of its own: the first keeps and saves its edits, the screen shows the second', async () => {
    store().edit('summary', '上一通电话');
    api.openForCall!.mockResolvedValueOnce(ok(viewOf({ id: 'wo-0002-abcd', callId: 'call-5678-abcd' })));
    await openForCall({ ...CALL, callId: 'call-5678-abcd' });
    expect(store().id).toBe('wo-0002-abcd');
    expect(store().fields.summary).toBe('');
    store().edit('summary', '这一通电话');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(saves.map((s) => s.request).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: OPENED.id, fields: { summary: '上一通电话' } },
      { id: 'wo-0002-abcd', fields: { summary: '这一通电话' } },
    ]);
  });

  it('the next call that rings takes the pane: the last caller’s submitted order, or one reopened by hand, is not left open', async () => {
    fillComplete();
    expect(await store().submit()).toBe(true);
    expect(store().view?.sync.state).toBe('queued');
    // The next call rings: its session's editor is shown at once, empty until the call is answered.
    const ringing = workOrderDesk.createEditor('call-next-0001');
    workOrderDesk.show(ringing);
    expect(store()).toMatchObject({ id: null, callId: 'call-next-0001', view: null });
    expect(store().fields.summary).toBe('');

    // A work order reopened from the list between calls goes (saved first) when a call rings too.
    await store().open('wo-unsent-77');
    expect(store().id).toBe('wo-unsent-77');
    store().edit('summary', '补一句');
    const next = workOrderDesk.createEditor('call-next-0002');
    workOrderDesk.show(next);
    await vi.advanceTimersByTimeAsync(0);
    expect(store().id).toBeNull();
    expect(saves.map((save) => save.request)).toContainEqual({ id: 'wo-unsent-77', fields: { summary: '补一句' } });
    await workOrderDesk.release(ringing);
    await workOrderDesk.release(next);
  });

  it('creates a call-back draft and reopens an unsent one where it was', async () => {
    await store().create('13900001111');
    expect(store()).toMatchObject({ id: 'wo-call-back-1', callId: null });
    expect(store().fields.callerPhone).toBe('13900001111');
    await store().open('wo-unsent-77');
    expect(api.get).toHaveBeenCalledWith({ id: 'wo-unsent-77' });
    expect(store().fields.summary).toBe('继续');
    // The call-back draft moved aside was offered to main to drop if nobody touched it.
    expect(api.close).toHaveBeenCalledWith({ id: 'wo-call-back-1' });
  });

  it('drops a late reply for a work order no longer open', async () => {
    let release: (value: unknown) => void = () => undefined;
    api.get!.mockReturnValueOnce(new Promise((resolve) => (release = resolve)));
    const slow = store().open('wo-slow-0001');
    await vi.advanceTimersByTimeAsync(0);
    await store().create('');
    release(ok(viewOf({ id: 'wo-slow-0001' })));
    await slow;
    expect(store().id).toBe('wo-call-back-1');
  });

  it('closing saves pending edits first, then clears the panel', async () => {
    store().edit('summary', '最后一句');
    await store().close();
    expect(saves.map((s) => s.request.fields)).toEqual([{ summary: '最后一句' }]);
    expect(store().id).toBeNull();
    expect(store().callId).toBeNull();
  });
});

describe('work-order store: submit and sync', () => {
  it('does not ask main while the submit rules fail, and marks each field', async () => {
    expect(await store().submit()).toBe(false);
    expect(api.submit).not.toHaveBeenCalled();
    expect(store().submitErrors).toMatchObject({ summary: 'errors.required', scopeDecision: 'errors.scopeUndecided' });
    expect(store().submitError).toBe('workOrder.fixErrors');
    // Editing a field answers its complaint.
    store().edit('summary', '路灯');
    expect(store().submitErrors.summary).toBeUndefined();
  });

  it('flushes, then submits; the form becomes read-only', async () => {
    fillComplete();
    expect(await store().submit()).toBe(true);
    expect(saves).toHaveLength(1); // everything typed went in one save before the submit
    expect(api.submit).toHaveBeenCalledWith({ id: OPENED.id });
    expect(store().view?.sync.state).toBe('queued');
    store().edit('summary', '改不了');
    expect(store().fields.summary).toBe('路灯不亮');
  });

  it('maps main’s invalid-payload issues back to the fields', async () => {
    fillComplete();
    submitReply = () => fail('invalid-payload', 'incomplete', [{ path: 'commitment.dueDate', message: 'errors.required' }]);
    expect(await store().submit()).toBe(false);
    expect(store().submitErrors).toEqual({ commitmentDueDate: 'errors.required' });
  });

  it('follows workOrders:changed for the open work order only, keeping the typed fields', () => {
    store().edit('summary', ' 带空格 ');
    const synced: WorkOrderView = viewOf({
      fields: { summary: '带空格' },
      sync: { state: 'synced', attempts: 1, nextAttemptAt: null, lastError: null, attention: null },
      server: { id: 'srv-1', version: 1, status: 'dispatched', statusChangedAt: 5 },
    });
    store().applyChanged({ ...synced, id: 'wo-other-0001' });
    expect(store().view?.sync.state).toBe('draft');
    store().applyChanged(synced);
    expect(store().view?.server?.status).toBe('dispatched');
    expect(store().fields.summary).toBe(' 带空格 ');
  });

  it('take-theirs replaces the form with the service’s copy; keep-mine keeps it', async () => {
    const conflict = viewOf({
      sync: {
        state: 'needs-attention',
        attempts: 1,
        nextAttemptAt: null,
        lastError: null,
        attention: { reason: 'conflict', message: 'version 3 != 2', issues: [], serverFields: null, serverVersion: 3 },
      },
    });
    store().applyChanged(conflict);
    store().edit('summary', '我的');
    api.resolveConflict!.mockResolvedValueOnce(ok(viewOf({ fields: { summary: '他们的' }, revision: 9 })));
    await store().resolveConflict('take-theirs');
    expect(saves.map((s) => s.request.fields)).toEqual([{ summary: '我的' }]); // flushed first
    expect(api.resolveConflict).toHaveBeenCalledWith({ id: OPENED.id, choice: 'take-theirs' });
    expect(store().fields.summary).toBe('他们的');

    api.resolveConflict!.mockResolvedValueOnce(ok(viewOf({ fields: { summary: 'x' }, sync: { ...conflict.sync, state: 'queued', attention: null } })));
    await store().resolveConflict('keep-mine');
    expect(store().fields.summary).toBe('他们的');
    expect(store().view?.sync.state).toBe('queued');
  });
});

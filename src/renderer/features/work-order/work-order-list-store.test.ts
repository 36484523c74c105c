import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../shared/ipc/envelope';
import { installBridge } from '../../ipc/bridge';
import { startWorkOrders } from './start-work-orders';
import { fakeBridge, viewOf } from './test-fixtures';
import { LIST_REFRESH_DELAY_MS, useWorkOrderListStore } from './work-order-list-store';
import { useWorkOrderStore, workOrderDesk } from './work-order-store';

let api: Record<string, ReturnType<typeof vi.fn>>;
let unsent: Record<string, unknown>[];
let emit: (event: string, payload: unknown) => void;

beforeEach(() => {
  vi.useFakeTimers();
  unsent = [{ id: 'wo-1', source: 'local', callerPhone: '1', summary: '', type: null, createdAt: 1, syncState: 'draft', serverStatus: null, statusChangedAt: null }];
  api = {
    listUnsent: vi.fn(() => Promise.resolve(ok(unsent))),
    save: vi.fn((request: { id: string; fields: { summary?: string } }) => {
      unsent = unsent.map((row) => (row.id === request.id && request.fields.summary !== undefined ? { ...row, summary: request.fields.summary } : row));
      return Promise.resolve(ok({ id: request.id, revision: 1, updatedAt: Date.now() }));
    }),
    list: vi.fn(() => Promise.resolve(ok([]))),
    departments: vi.fn(() => Promise.resolve(ok([]))),
  };
  const fake = fakeBridge({ workOrders: api });
  emit = fake.emit;
  installBridge(fake.bridge);
});
afterEach(() => {
  vi.useRealTimers();
  installBridge(null);
});

describe('work-order lists', () => {
  it('load at start (N unsent drafts) and reload once for a burst of changes', async () => {
    const stop = startWorkOrders();
    await vi.advanceTimersByTimeAsync(0);
    expect(useWorkOrderListStore.getState()).toMatchObject({ unsentLoaded: true, unsent: [{ id: 'wo-1' }] });
    expect(api.listUnsent).toHaveBeenCalledTimes(1);
    expect(api.departments).toHaveBeenCalledTimes(1);

    for (let i = 0; i < 10; i++) emit('workOrders:changed', viewOf({ id: `wo-batch-${i}` }));
    await vi.advanceTimersByTimeAsync(LIST_REFRESH_DELAY_MS);
    expect(api.listUnsent).toHaveBeenCalledTimes(2);
    expect(api.list).toHaveBeenCalledTimes(2);
    stop();
  });

  it('passes main’s changes to every open editor, and the screen shows the one in front', async () => {
    const stop = startWorkOrders();
    const front = workOrderDesk.createEditor('call-front-0001');
    const behind = workOrderDesk.createEditor('call-behind-001');
    front.adopt(viewOf({ id: 'wo-open-0001' }));
    behind.adopt(viewOf({ id: 'wo-open-0002' }));
    workOrderDesk.show(front);
    const sending = { state: 'sending' as const, attempts: 1, nextAttemptAt: null, lastError: null, attention: null };
    emit('workOrders:changed', viewOf({ id: 'wo-open-0001', sync: sending }));
    emit('workOrders:changed', viewOf({ id: 'wo-open-0002', sync: { ...sending, state: 'queued' } }));
    expect(useWorkOrderStore.getState().view?.sync.state).toBe('sending');
    expect(behind.state.view?.sync.state).toBe('queued');
    stop();
    await workOrderDesk.release(front);
    await workOrderDesk.release(behind);
    expect(useWorkOrderStore.getState().id).toBeNull();
  });

  it('a summary typed and saved reaches the unsent list (not 尚无摘要 once the agent moves on)', async () => {
    const stop = startWorkOrders();
    await vi.advanceTimersByTimeAsync(0);
    const editor = workOrderDesk.createEditor(null);
    editor.adopt(viewOf({ id: 'wo-1' }));
    workOrderDesk.show(editor);
    await vi.advanceTimersByTimeAsync(LIST_REFRESH_DELAY_MS);
    const reads = api.listUnsent!.mock.calls.length;
    editor.edit('summary', '路灯不亮');
    await editor.flush();
    await vi.advanceTimersByTimeAsync(LIST_REFRESH_DELAY_MS);
    expect(api.listUnsent!.mock.calls.length).toBe(reads + 1);
    expect(useWorkOrderListStore.getState().unsent).toMatchObject([{ id: 'wo-1', summary: '路灯不亮' }]);
    // Saved again with the same summary: no further read.
    editor.edit('description', '两周了');
    await editor.flush();
    await vi.advanceTimersByTimeAsync(LIST_REFRESH_DELAY_MS);
    expect(api.listUnsent!.mock.calls.length).toBe(reads + 1);
    stop();
    await workOrderDesk.release(editor);
  });
});

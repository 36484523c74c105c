import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkOrderSummary } from '../../../shared/domain/work-order-sync';
import { fail, ok } from '../../../shared/ipc/envelope';
import { installBridge } from '../../ipc/bridge';
import { fakeBridge } from '../work-order/test-fixtures';
import { orderHistory, useCallerHistoryStore } from './caller-history-store';

const entry = (patch: Partial<WorkOrderSummary>): WorkOrderSummary => ({
  id: 'wo-1',
  source: 'local',
  callerPhone: '13800138000',
  summary: '路灯不亮',
  type: 'complaint',
  createdAt: 1,
  syncState: 'synced',
  serverStatus: 'dispatched',
  statusChangedAt: 2,
  ...patch,
});

let history: ReturnType<typeof vi.fn>;
const store = () => useCallerHistoryStore.getState();

beforeEach(() => {
  history = vi.fn(() => Promise.resolve(ok({ entries: [entry({ id: 'a', createdAt: 1 }), entry({ id: 'b', createdAt: 5 })], serviceReachable: false })));
  installBridge(fakeBridge({ workOrders: { history } }).bridge);
  store().clear();
});
afterEach(() => installBridge(null));

describe('caller history', () => {
  it('looks up the ringing number once per call, newest first, and says when the service was unreachable', async () => {
    await store().lookup('call-1', '13800138000');
    await store().lookup('call-1', '13800138000');
    expect(history).toHaveBeenCalledTimes(1);
    expect(history).toHaveBeenCalledWith({ phone: '13800138000' });
    expect(store().entries.map((e) => e.id)).toEqual(['b', 'a']);
    expect(store()).toMatchObject({ loading: false, serviceReachable: false });
  });

  it('does not look up an anonymous caller', async () => {
    await store().lookup('call-2', '');
    expect(history).not.toHaveBeenCalled();
    expect(store().loading).toBe(false);
  });

  it('drops the reply for a call that is gone', async () => {
    let release: (value: unknown) => void = () => undefined;
    history.mockReturnValueOnce(new Promise((resolve) => (release = resolve)));
    const pending = store().lookup('call-3', '110');
    store().clear();
    release(ok({ entries: [entry({})], serviceReachable: true }));
    await pending;
    expect(store().entries).toEqual([]);
    expect(store().callId).toBeNull();
  });

  it('shows a failed lookup', async () => {
    history.mockResolvedValueOnce(fail('storage-failed', 'x'));
    await store().lookup('call-4', '120');
    expect(store().error).toBe('ipcErrors.storage-failed');
  });

  it('orderHistory keeps one row per source and id', () => {
    const rows = orderHistory([entry({ id: 'x' }), entry({ id: 'x' }), entry({ id: 'x', source: 'service' })]);
    expect(rows.map((r) => `${r.source}:${r.id}`)).toEqual(['local:x', 'service:x']);
  });
});

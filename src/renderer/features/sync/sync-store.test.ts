import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncOverview } from '../../../shared/domain/work-order-sync';
import { fail, ok } from '../../../shared/ipc/envelope';
import { installBridge } from '../../ipc/bridge';
import { fakeBridge } from '../work-order/test-fixtures';
import { startSync, syncLine, useSyncStore } from './sync-store';

const overview = (patch: Partial<SyncOverview>): SyncOverview => ({
  state: 'all-synced',
  waiting: 0,
  needsAttention: 0,
  offlineSince: null,
  lastSyncedAt: null,
  target: 'embedded',
  ...patch,
});

describe('syncLine', () => {
  it('says the most urgent thing first', () => {
    expect(syncLine(null)).toEqual({ key: 'unknown' });
    expect(syncLine(overview({}))).toEqual({ key: 'allSynced' });
    expect(syncLine(overview({ state: 'waiting', waiting: 3 }))).toEqual({ key: 'waiting', count: 3 });
    expect(syncLine(overview({ state: 'offline', waiting: 2, offlineSince: 1000 }))).toEqual({ key: 'offline', since: 1000, count: 2 });
    expect(syncLine(overview({ state: 'offline', waiting: 2, needsAttention: 1, offlineSince: 1000 }))).toEqual({
      key: 'needsAttention',
      count: 1,
      waiting: 2,
    });
  });
});

describe('sync store', () => {
  let reply: unknown;
  let emit: (event: string, payload: unknown) => void;
  beforeEach(() => {
    reply = ok(overview({ state: 'waiting', waiting: 4 }));
    const fake = fakeBridge({ sync: { overview: vi.fn(() => Promise.resolve(reply)) } });
    emit = fake.emit;
    installBridge(fake.bridge);
    useSyncStore.setState({ overview: null, error: null });
  });
  afterEach(() => installBridge(null));

  it('loads the overview and follows sync:changed', async () => {
    const stop = startSync();
    await vi.waitFor(() => expect(useSyncStore.getState().overview?.waiting).toBe(4));
    emit('sync:changed', overview({ state: 'offline', waiting: 5, offlineSince: 42 }));
    expect(useSyncStore.getState().overview).toMatchObject({ state: 'offline', offlineSince: 42 });
    stop();
    emit('sync:changed', overview({}));
    expect(useSyncStore.getState().overview?.state).toBe('offline');
  });

  it('a pushed overview wins over a load still in flight', async () => {
    let release: (value: unknown) => void = () => undefined;
    reply = new Promise((resolve) => (release = resolve));
    const loading = useSyncStore.getState().load();
    useSyncStore.getState().apply(overview({ state: 'all-synced' }));
    release(ok(overview({ state: 'waiting', waiting: 9 })));
    await loading;
    expect(useSyncStore.getState().overview?.state).toBe('all-synced');
  });

  it('shows why the overview could not be read', async () => {
    reply = fail('internal', 'not yet');
    await useSyncStore.getState().load();
    expect(useSyncStore.getState().error).toBe('ipcErrors.internal');
  });
});

import { create } from 'zustand';
import type { SyncOverview } from '../../../shared/domain/work-order-sync';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, unwrap } from '../../ipc/ipc-call-error';

interface SyncState {
  /** Null until main first answered. */
  overview: SyncOverview | null;
  /** i18n key when the overview could not be read. */
  error: string | null;
  load(): Promise<void>;
  apply(overview: SyncOverview): void;
}

/** A pushed overview is newer than any load still in flight. */
let version = 0;

export const useSyncStore = create<SyncState>()((set) => ({
  overview: null,
  error: null,

  load: async () => {
    const mine = ++version;
    try {
      const overview = await unwrap(bridge().sync.overview({}));
      if (mine === version) set({ overview, error: null });
    } catch (error) {
      if (mine === version) set({ error: errorKeyOf(error) });
    }
  },

  apply: (overview) => {
    version++;
    set({ overview, error: null });
  },
}));

/** Loads the overview and follows `sync:changed`. Returns the unsubscribe. */
export function startSync(): () => void {
  void useSyncStore.getState().load();
  return bridge().on('sync:changed', (overview) => useSyncStore.getState().apply(overview));
}

export type SyncLine =
  | { key: 'unknown' }
  | { key: 'allSynced' }
  | { key: 'waiting'; count: number }
  | { key: 'offline'; since: number; count: number }
  | { key: 'needsAttention'; count: number; waiting: number };

/** What the status bar says, most urgent first: the agent must act > nothing moves > in progress > fine. */
export function syncLine(overview: SyncOverview | null): SyncLine {
  if (!overview) return { key: 'unknown' };
  if (overview.state === 'needs-attention' || overview.needsAttention > 0) {
    return { key: 'needsAttention', count: overview.needsAttention, waiting: overview.waiting };
  }
  if (overview.state === 'offline') return { key: 'offline', since: overview.offlineSince ?? Date.now(), count: overview.waiting };
  if (overview.state === 'waiting' || overview.waiting > 0) return { key: 'waiting', count: overview.waiting };
  return { key: 'allSynced' };
}

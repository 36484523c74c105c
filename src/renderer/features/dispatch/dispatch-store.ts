import { create } from 'zustand';
import type { DispatchCatalogue } from '../../../shared/dispatch/catalogue';
import type { LearningStats } from '../../../shared/dispatch/learning';
import { buildDispatchIndex, type DispatchIndex } from '../../../shared/dispatch/suggest';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, unwrap } from '../../ipc/ipc-call-error';

interface DispatchState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: string | null;
  version: number;
  catalogue: DispatchCatalogue | null;
  /** Built once per catalogue version: every suggestion reuses it. */
  index: DispatchIndex | null;
  learning: LearningStats;
  load(): Promise<void>;
}

/** The desk's copy of the dispatch catalogue (from main, offline included) and what outcomes taught. */
export const useDispatchStore = create<DispatchState>((set, get) => ({
  status: 'idle',
  error: null,
  version: 0,
  catalogue: null,
  index: null,
  learning: {},
  load: async () => {
    set({ status: 'loading' });
    try {
      const view = await unwrap(bridge().dispatch.catalogue({}));
      // Same version: keep the built index, take the new learning.
      const sameCatalogue = view.version === get().version && get().index !== null && view.catalogue !== null;
      set({
        status: 'ready',
        error: null,
        version: view.version,
        catalogue: view.catalogue,
        index: sameCatalogue ? get().index : view.catalogue ? buildDispatchIndex(view.catalogue) : null,
        learning: view.learning,
      });
    } catch (error) {
      set({ status: 'failed', error: errorKeyOf(error) });
    }
  },
}));

let stop: (() => void) | null = null;

/** Loads the catalogue once and follows main's `dispatch:changed`; later calls do nothing. Returns the unsubscribe. */
export function startDispatch(): () => void {
  if (!stop) {
    void useDispatchStore.getState().load();
    const off = bridge().on('dispatch:changed', () => void useDispatchStore.getState().load());
    stop = () => {
      off();
      stop = null;
    };
  }
  return stop;
}

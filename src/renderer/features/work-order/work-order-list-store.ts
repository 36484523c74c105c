import { create } from 'zustand';
import type { WorkOrderSummary } from '../../../shared/domain/work-order-sync';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, unwrap } from '../../ipc/ipc-call-error';

export const RECENT_LIMIT = 50;
/** Many `workOrders:changed` events arrive together (a batch synced); reload once for them. */
export const LIST_REFRESH_DELAY_MS = 250;

interface WorkOrderListState {
  /** Drafts not yet submitted and orders that need attention, newest first. */
  unsent: WorkOrderSummary[];
  /** Null until the first load answered, so "0 unsent" is never shown before we know. */
  unsentLoaded: boolean;
  recent: WorkOrderSummary[];
  /** i18n key. */
  error: string | null;
  refresh(): Promise<void>;
  /** Coalesces bursts of changes into one reload. */
  refreshSoon(): void;
}

let latestRequest = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

export const useWorkOrderListStore = create<WorkOrderListState>()((set, get) => ({
  unsent: [],
  unsentLoaded: false,
  recent: [],
  error: null,

  refresh: async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const request = ++latestRequest;
    try {
      const [unsent, recent] = await Promise.all([
        unwrap(bridge().workOrders.listUnsent({})),
        unwrap(bridge().workOrders.list({ limit: RECENT_LIMIT })),
      ]);
      if (request === latestRequest) set({ unsent, recent, unsentLoaded: true, error: null });
    } catch (error) {
      if (request === latestRequest) set({ error: errorKeyOf(error) });
    }
  },

  refreshSoon: () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void get().refresh();
    }, LIST_REFRESH_DELAY_MS);
  },
}));

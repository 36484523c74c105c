import { create } from 'zustand';
import type { WorkOrderSummary } from '../../../shared/domain/work-order-sync';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, unwrap } from '../../ipc/ipc-call-error';

interface CallerHistoryState {
  /** The call whose caller we looked up; null when nothing is shown. */
  callId: string | null;
  phone: string;
  loading: boolean;
  entries: WorkOrderSummary[];
  /** False when the service could not be asked: only local work orders are listed. */
  serviceReachable: boolean;
  /** i18n key when even the local lookup failed. */
  error: string | null;
  /** While the phone rings: the earlier work orders from this number. */
  lookup(callId: string, phone: string): Promise<void>;
  clear(): void;
}

/** Local and service rows for the same work order may both come back; newest first, one each. */
export function orderHistory(entries: readonly WorkOrderSummary[]): WorkOrderSummary[] {
  const seen = new Set<string>();
  return [...entries]
    .sort((a, b) => b.createdAt - a.createdAt)
    .filter((entry) => {
      const key = `${entry.source}:${entry.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export const useCallerHistoryStore = create<CallerHistoryState>()((set, get) => ({
  callId: null,
  phone: '',
  loading: false,
  entries: [],
  serviceReachable: true,
  error: null,

  lookup: async (callId, phone) => {
    if (get().callId === callId) return;
    set({ callId, phone, loading: phone.trim() !== '', entries: [], serviceReachable: true, error: null });
    // An anonymous caller has no history to look up.
    if (phone.trim() === '') return;
    try {
      const history = await unwrap(bridge().workOrders.history({ phone }));
      if (get().callId !== callId) return;
      set({ loading: false, entries: orderHistory(history.entries), serviceReachable: history.serviceReachable });
    } catch (error) {
      if (get().callId !== callId) return;
      set({ loading: false, error: errorKeyOf(error) });
    }
  },

  clear: () => set({ callId: null, phone: '', loading: false, entries: [], serviceReachable: true, error: null }),
}));

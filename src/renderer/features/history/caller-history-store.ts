import { create } from 'zustand';
import type { WorkOrderSummary } from '../../../shared/domain/work-order-sync';

/** Who is calling: what the desk knows of the caller of one call. */
export interface CallerContextState {
  /** The call whose caller this is; null when nothing is shown. */
  callId: string | null;
  phone: string;
  loading: boolean;
  /** Earlier work orders from this number, newest first. */
  entries: WorkOrderSummary[];
  /** Earlier answered calls from this number. */
  previousCalls: number;
  /** False when the service could not be asked: only local work orders are listed. */
  serviceReachable: boolean;
  /** i18n key when even the local lookup failed. */
  error: string | null;
}

export const NO_CALLER: CallerContextState = {
  callId: null,
  phone: '',
  loading: false,
  entries: [],
  previousCalls: 0,
  serviceReachable: true,
  error: null,
};

/** The caller of the call in front: a read-only projection of that call's session. */
export const useCallerHistoryStore = create<CallerContextState>()(() => NO_CALLER);

export function showCallerContext(context: CallerContextState | null): void {
  useCallerHistoryStore.setState(context ?? NO_CALLER);
}

import { create } from 'zustand';
import type { CallLogEntry } from '../../../shared/domain/call-log';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, unwrap } from '../../ipc/ipc-call-error';

export const CALL_LOG_LIMIT = 50;

interface CallLogState {
  entries: CallLogEntry[];
  loading: boolean;
  /** i18n key. */
  error: string | null;
  refresh(): Promise<void>;
}

/** Replies can cross when refreshes overlap; only the newest request may write. */
let latestRequest = 0;

export const useCallLogStore = create<CallLogState>()((set) => ({
  entries: [],
  loading: false,
  error: null,

  refresh: async () => {
    const request = ++latestRequest;
    set({ loading: true });
    try {
      const entries = await unwrap(bridge().calls.list({ limit: CALL_LOG_LIMIT }));
      if (request === latestRequest) set({ entries, loading: false, error: null });
    } catch (error) {
      if (request === latestRequest) set({ loading: false, error: errorKeyOf(error) });
    }
  },
}));

import { create } from 'zustand';
import type { PracticeHistoryEntry } from '../../../shared/ipc/contract-practice';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';

interface PracticeHistoryStore {
  loading: boolean;
  /** The trainee's results kept on this desk, newest first; null before the first load. */
  entries: PracticeHistoryEntry[] | null;
  failed: boolean;
}

/** The trainee's own practice on this desk, and where each result stands with the centre. */
export const usePracticeHistoryStore = create<PracticeHistoryStore>(() => ({ loading: false, entries: null, failed: false }));

export async function loadPracticeResults(): Promise<void> {
  usePracticeHistoryStore.setState({ loading: true });
  try {
    const entries = await unwrap(bridge().practice.history({ limit: 50 }));
    usePracticeHistoryStore.setState({ loading: false, entries, failed: false });
  } catch {
    usePracticeHistoryStore.setState({ loading: false, failed: true });
  }
}

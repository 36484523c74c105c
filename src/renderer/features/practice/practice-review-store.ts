import { create } from 'zustand';
import type { PracticeOverview } from '../../../shared/practice';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';

interface PracticeReviewStore {
  loading: boolean;
  overview: PracticeOverview | null;
  /** Why the centre gave no overview ('signed-out', 'forbidden', 'unreachable', ...); null when it did. */
  refused: string | null;
  loadedAt: number | null;
}

/** The trainer's overview of their trainees' practice, as the centre last gave it. */
export const usePracticeReviewStore = create<PracticeReviewStore>(() => ({ loading: false, overview: null, refused: null, loadedAt: null }));

export async function loadPracticeOverview(): Promise<void> {
  usePracticeReviewStore.setState({ loading: true });
  try {
    const reply = await unwrap(bridge().practice.overview({}));
    if (reply.outcome === 'ok') usePracticeReviewStore.setState({ loading: false, overview: reply.overview, refused: null, loadedAt: Date.now() });
    else usePracticeReviewStore.setState({ loading: false, refused: reply.reason });
  } catch {
    usePracticeReviewStore.setState({ loading: false, refused: 'unreachable' });
  }
}

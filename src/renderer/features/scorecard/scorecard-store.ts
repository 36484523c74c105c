import { create } from 'zustand';
import type { ScoreHistoryEntry, StoredScore } from '../../../shared/review/review';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, unwrap } from '../../ipc/ipc-call-error';
import { callSessions } from '../call-session';

export interface CardState {
  loading: boolean;
  score: StoredScore | null;
  error: string | null;
}

interface ScorecardStore {
  cards: Readonly<Record<string, CardState>>;
  history: ScoreHistoryEntry[];
}

/** Scorecards the desk has asked main for, by call, and the agent's practice history. */
export const useScorecardStore = create<ScorecardStore>(() => ({ cards: {}, history: [] }));

const setCard = (callId: string, change: Partial<CardState>) =>
  useScorecardStore.setState((state) => ({
    cards: { ...state.cards, [callId]: { ...(state.cards[callId] ?? { loading: false, score: null, error: null }), ...change } },
  }));

/**
 * Scores a finished call: what the desk still holds of it (timeline rows,
 * work-order edits) is sent to main first, so the card judges all of it.
 */
export async function scoreFinishedCall(callId: string): Promise<void> {
  setCard(callId, { loading: true, error: null });
  try {
    const session = callSessions.session(callId);
    await Promise.all([session?.timeline.flush(), session?.workOrder.flush()]);
    const score = await unwrap(bridge().scorecards.score({ callId }));
    setCard(callId, { loading: false, score });
    await loadPracticeHistory();
  } catch (error) {
    setCard(callId, { loading: false, error: errorKeyOf(error) });
  }
}

export async function overrideItem(callId: string, change: { id: string; verdict: 'pass' | 'fail'; points?: number | null; comment: string }): Promise<void> {
  try {
    const score = await unwrap(bridge().scorecards.override({ callId, ...change }));
    setCard(callId, { score, error: null });
  } catch (error) {
    setCard(callId, { error: errorKeyOf(error) });
  }
}

/** Shows a card main already has (the replay opens it with the call). */
export function putScore(score: StoredScore): void {
  setCard(score.callId, { loading: false, score, error: null });
}

export async function loadPracticeHistory(): Promise<void> {
  const history = await unwrap(bridge().scorecards.history({ practice: true, limit: 20 }));
  useScorecardStore.setState({ history });
}

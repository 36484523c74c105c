import { create } from 'zustand';
import type { LocalizedText } from '../../../shared/guidance/scripts/schema';
import type { Mood } from '../../../shared/practice';

/** The caller's line on screen (subtitles), as the runner said it. */
export interface PracticeLineView {
  id: string;
  text: LocalizedText;
  mood: Mood;
  /** A stage direction, not speech. */
  silent: boolean;
  /** While the simulated caller is still saying it. */
  speaking: boolean;
}

export interface PracticeCallView {
  callId: string;
  scenarioId: string;
  title: LocalizedText;
  /** The line now, or the last one said; null before the caller first speaks. */
  line: PracticeLineView | null;
  ended: boolean;
}

interface PracticeStore {
  calls: Readonly<Record<string, PracticeCallView>>;
}

/** Practice calls alive on this desk, for the subtitles. Written only by the practice call source. */
export const usePracticeStore = create<PracticeStore>(() => ({ calls: {} }));

export function putPracticeCall(view: PracticeCallView): void {
  usePracticeStore.setState((state) => ({ calls: { ...state.calls, [view.callId]: view } }));
}

export function updatePracticeCall(callId: string, change: Partial<Omit<PracticeCallView, 'callId'>>): void {
  usePracticeStore.setState((state) => {
    const call = state.calls[callId];
    return call ? { calls: { ...state.calls, [callId]: { ...call, ...change } } } : state;
  });
}

export function removePracticeCall(callId: string): void {
  usePracticeStore.setState((state) => {
    const { [callId]: _gone, ...rest } = state.calls;
    return { calls: rest };
  });
}

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
  /** On hold: the caller hears nothing and waits. */
  held?: boolean;
  /** A trainer plays the caller live through the PBX (no simulated lines): who, as the call named them. */
  live?: { trainerNumber: string; trainerName: string };
}

interface PracticeStore {
  calls: Readonly<Record<string, PracticeCallView>>;
  /** Live practice calls this desk placed as the trainer: call id → the scenario whose caller the trainer plays. */
  scripts: Readonly<Record<string, string>>;
}

/** Practice calls alive on this desk, for the subtitles (written by the practice call source) and the trainer's scripts. */
export const usePracticeStore = create<PracticeStore>(() => ({ calls: {}, scripts: {} }));

/** The trainer's script for a live practice call stays with its call id (a later call never has the same id). */
export function putPracticeScript(callId: string, scenarioId: string): void {
  usePracticeStore.setState((state) => ({ scripts: { ...state.scripts, [callId]: scenarioId } }));
}

export function putPracticeCall(view: PracticeCallView): void {
  usePracticeStore.setState((state) => ({ calls: { ...state.calls, [view.callId]: view } }));
}

export function updatePracticeCall(callId: string, change: Partial<Omit<PracticeCallView, 'callId'>>): void {
  usePracticeStore.setState((state) => {
    const call = state.calls[callId];
    return call ? { calls: { ...state.calls, [callId]: { ...call, ...change } } } : state;
  });
}

/** The subtitles of a finished practice call stay until the next one rings: then the finished ones go. */
export function removeEndedPracticeCalls(): void {
  usePracticeStore.setState((state) => ({ calls: Object.fromEntries(Object.entries(state.calls).filter(([, call]) => !call.ended)) }));
}

export function removePracticeCall(callId: string): void {
  usePracticeStore.setState((state) => {
    const { [callId]: _gone, ...rest } = state.calls;
    return { calls: rest };
  });
}

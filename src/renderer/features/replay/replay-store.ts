import { create } from 'zustand';
import type { Annotation, NewAnnotation, ReplayOpen, ReviewPage, ReviewQuery } from '../../../shared/review/review';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, unwrap } from '../../ipc/ipc-call-error';
import { putScore } from '../scorecard';

interface ReplayStore {
  query: ReviewQuery;
  page: ReviewPage | null;
  searching: boolean;
  searchError: string | null;
  /** The call open in the replay. */
  open: ReplayOpen | null;
  opening: boolean;
  openError: string | null;
  /** Where the open call's audio streams from (main's recordings/<call> with this open's grant). */
  audioUrl: string | null;
}

export const useReplayStore = create<ReplayStore>(() => ({
  query: { pageSize: 25 },
  page: null,
  searching: false,
  searchError: null,
  open: null,
  opening: false,
  openError: null,
  audioUrl: null,
}));

let searchSeq = 0;

/** Runs the trainer's search (a newer one wins over a slower older one). */
export async function searchCalls(query: ReviewQuery): Promise<void> {
  const seq = ++searchSeq;
  useReplayStore.setState({ query, searching: true, searchError: null });
  try {
    const page = await unwrap(bridge().replay.search(query));
    if (seq === searchSeq) useReplayStore.setState({ page, searching: false });
  } catch (error) {
    if (seq === searchSeq) useReplayStore.setState({ searching: false, searchError: errorKeyOf(error) });
  }
}

/** Opens a call: its timeline, annotations and card first (drawn at once), the audio behind them. */
export async function openCall(callId: string): Promise<void> {
  useReplayStore.setState({ opening: true, openError: null, open: null, audioUrl: null });
  try {
    const open = await unwrap(bridge().replay.open({ callId }));
    if (open.score) putScore(open.score);
    useReplayStore.setState({ open, opening: false });
    // The player streams the audio from main by ranges (never the whole hour at once), once the waveform is on screen.
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    if (open.audio.available && open.audio.url && useReplayStore.getState().open?.call.id === callId) {
      useReplayStore.setState({ audioUrl: new URL(open.audio.url, location.href).href });
    }
  } catch (error) {
    useReplayStore.setState({ opening: false, openError: errorKeyOf(error) });
  }
}

export function closeCall(): void {
  useReplayStore.setState({ open: null, audioUrl: null, openError: null });
}

const withAnnotations = (change: (list: Annotation[]) => Annotation[]) =>
  useReplayStore.setState((state) => (state.open ? { open: { ...state.open, annotations: change(state.open.annotations) } } : state));

export async function annotate(annotation: NewAnnotation): Promise<void> {
  try {
    const saved = await unwrap(bridge().replay.annotate(annotation));
    withAnnotations((list) => [...list, saved].sort((a, b) => a.startMs - b.startMs || a.id - b.id));
  } catch (error) {
    useReplayStore.setState({ openError: errorKeyOf(error) });
  }
}

export async function removeAnnotation(callId: string, id: number): Promise<void> {
  try {
    await unwrap(bridge().replay.deleteAnnotation({ callId, id }));
    withAnnotations((list) => list.filter((a) => a.id !== id));
  } catch (error) {
    useReplayStore.setState({ openError: errorKeyOf(error) });
  }
}

/** Peaks measured from the decoded audio (a recording opened for the first time): kept by main for the next open. */
export async function savePeaks(callId: string, peaks: { perSecond: number; caller: number[]; agent: number[] }, durationMs: number): Promise<void> {
  await unwrap(bridge().replay.savePeaks({ callId, peaks, durationMs })).catch(() => undefined);
}

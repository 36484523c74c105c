import type { AudioEvent, TalkStats } from '../../../../shared/guidance/audio/types';

/** Worklet → main thread. `timeMs` is audio analysed so far; `contextTime` the AudioContext time of the message (s). */
export type WorkletMessage =
  | { type: 'ready'; sampleRate: number }
  | { type: 'events'; events: AudioEvent[]; timeMs: number; contextTime: number }
  | { type: 'stats'; stats: TalkStats; timeMs: number; contextTime: number }
  | { type: 'finished'; events: AudioEvent[]; timeMs: number; contextTime: number; stats: TalkStats };

/** Main thread → worklet. */
export type WorkletCommand = { type: 'finish' };

export const PROCESSOR_NAME = 'hotline-guidance-analysis';

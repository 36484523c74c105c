/** Worklet → recorder: the peaks of the whole recording, once it is told to finish. */
export type PeaksMessage = { type: 'peaks'; perSecond: number; caller: Uint8Array<ArrayBuffer>; agent: Uint8Array<ArrayBuffer> };

/** Recorder → worklet: a hold paused or resumed the recording; the recording stopped. */
export type PeaksCommand = { type: 'pause' } | { type: 'resume' } | { type: 'finish' };

export const PEAKS_PROCESSOR = 'hotline-recording-peaks';

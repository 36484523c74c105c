/** The two sides of a call: the caller (remote stream) and the agent (microphone). */
export type Side = 'caller' | 'agent';
export const SIDES: readonly Side[] = ['caller', 'agent'];

/**
 * What the duplex analyzer reports. Times are milliseconds of audio since the
 * analyzer started (sample time, not wall time). `atMs` is when the event was
 * decided (after hangover and minimum durations), `startMs` when the thing
 * itself began, so a consumer can show "since 12.3 s" without guessing.
 */
export type AudioEvent =
  | { type: 'speech-start'; side: Side; atMs: number; startMs: number }
  /** `levelDb`: the span's speech level (power mean of its speech-like frames, dBFS RMS). */
  | { type: 'speech-end'; side: Side; atMs: number; startMs: number; endMs: number; levelDb?: number }
  /** Speech sustained `raisedDb` above the speaker's own baseline for `raisedMinMs`. */
  | { type: 'raised-voice-start'; side: Side; atMs: number; startMs: number; aboveBaselineDb: number; baselineDb: number }
  | { type: 'raised-voice-end'; side: Side; atMs: number; startMs: number; endMs: number }
  /** Both sides talking for at least `overlapMinMs`. */
  | { type: 'overlap-start'; atMs: number; startMs: number }
  | { type: 'overlap-end'; atMs: number; startMs: number; endMs: number }
  /** The agent started talking while the caller was mid-sentence, and kept talking over them. */
  | { type: 'interruption'; by: Side; atMs: number; startMs: number }
  /** Neither side has spoken for `deadAirMs`. */
  | { type: 'dead-air-start'; atMs: number; startMs: number }
  | { type: 'dead-air-end'; atMs: number; startMs: number; endMs: number }
  /** One side has held the floor for `monologueMs` without the other speaking. */
  | { type: 'monologue-start'; side: Side; atMs: number; startMs: number }
  | { type: 'monologue-end'; side: Side; atMs: number; startMs: number; endMs: number };

export type AudioEventType = AudioEvent['type'];

export type SpanKind = 'speech' | 'raised-voice' | 'overlap' | 'dead-air' | 'monologue';

/** A finished (or, from `openSpans`, still running) stretch of time. */
export interface Span {
  kind: SpanKind;
  side?: Side;
  startMs: number;
  endMs: number;
}

export interface TalkStats {
  /** Audio time analysed. */
  totalMs: number;
  callerSpeechMs: number;
  agentSpeechMs: number;
  overlapMs: number;
  /** Neither side speaking. */
  silenceMs: number;
  /** agent / (agent + caller) speech; 0 when nobody spoke. */
  agentTalkRatio: number;
  interruptions: number;
}

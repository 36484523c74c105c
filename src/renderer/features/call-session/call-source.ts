import type { CallEvent, CallSourceKind } from '../../../shared/domain/call';

/** A call event on this desk: the media streams are the browser's. */
export type DeskCallEvent = CallEvent<MediaStream>;

/**
 * Where calls come from: the SIP phone today; a practice caller, a recording
 * being replayed, a lead's monitor leg beside it. A source reports each of its
 * calls as events and does what the agent asks of a call it owns.
 */
export interface CallSource {
  readonly kind: CallSourceKind;
  /** Starts delivering this source's call events; returns the stop. */
  listen(listener: (event: DeskCallEvent) => void): () => void;
  answer(callId: string): Promise<void>;
  decline(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  hold(callId: string): Promise<boolean>;
  /** Takes the call back (and brings it to the front). */
  resume(callId: string): Promise<boolean>;
  setMuted(callId: string, muted: boolean): void;
}

import type { CallEndedBy, CallOutcome } from '../../../shared/domain/call-log';
import type { CallQuality } from './call-quality';
import type { CallQualitySummary } from './quality-monitor';
import type { RegistrationEvent } from './registration-state';

export type CallDirection = 'inbound' | 'outbound';

export interface RingingCall {
  id: string;
  number: string;
  name: string;
  startedAt: number;
  /** Inbound unless said otherwise (outbound calls are reported by callDialing). */
  direction?: CallDirection;
  /** Another call is already up: this one waits, without interrupting it. */
  waiting?: boolean;
  /** When the call will be answered by itself (epoch ms), or null. */
  autoAnswerAt?: number | null;
  /** For a consultation call: the call it consults about. */
  consultFor?: string | null;
}

export interface CallEnd {
  endedAt: number;
  outcome: CallOutcome;
  endedBy: CallEndedBy;
  /** How the call sounded, stored with the call log entry. */
  quality?: CallQualitySummary | null;
  /** The call left this desk by a transfer. */
  transferred?: boolean;
}

/** hold: what the media really is (from the negotiated SDP), with the request in flight. */
export type HoldState = 'active' | 'holding' | 'held' | 'resuming' | 'remote-held';

export interface CallControlState {
  hold: HoldState;
  muted: boolean;
  quality: CallQuality | null;
  /** A transfer or consultation in progress from this call. */
  transfer: 'blind' | 'consulting' | 'completing' | null;
  conference: boolean;
  /** Outbound: the far end is ringing (180/183). */
  remoteRinging: boolean;
}

export type PhoneNotice =
  | 'ringtoneBlocked'
  | 'answerFailed'
  | 'holdFailed'
  | 'resumeFailed'
  | 'dialFailed'
  | 'dialBusy'
  | 'dialNotFound'
  | 'dtmfFailed'
  | 'transferFailed'
  | 'transferRejected'
  | 'conferenceFailed'
  | 'mediaRestoreFailed'
  | 'notConnected';

/**
 * What PhoneService tells the outside world. The phone store implements it; the
 * service itself knows nothing about React, zustand or IPC.
 */
export interface PhoneEventSink {
  registration(event: RegistrationEvent): void;
  callRinging(call: RingingCall): void;
  /** An outbound call was placed (INVITE sent). */
  callDialing?(call: RingingCall): void;
  callAnswered(id: string, answeredAt: number): void;
  callUpdated?(id: string, change: Partial<CallControlState>): void;
  callEnded(id: string, end: CallEnd): void;
  /** The call the agent is talking on (its audio plays) changed. */
  foreground?(id: string): void;
  notice(notice: PhoneNotice): void;
}

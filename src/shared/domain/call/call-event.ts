import type { CallDirection, CallEndedBy, CallOutcome, CallQualitySummary } from '../call-log';

/**
 * Where a call comes from. The SIP phone is the first source; a practice
 * caller, a recording being replayed and a lead's monitor leg plug in beside
 * it, each emitting the same events.
 */
export type CallSourceKind = 'sip' | 'practice' | 'replay' | 'monitor' | 'test';

export interface CallParty {
  number: string;
  name: string;
}

/** What the media of an answered call really is (from the negotiated SDP), with the request in flight. */
export type HoldState = 'active' | 'holding' | 'held' | 'resuming' | 'remote-held';

/** Live link quality of a call, recomputed every couple of seconds. */
export interface LiveCallQuality {
  lossPercent: number;
  jitterMs: number;
  rttMs: number | null;
  mos: number;
  grade: 'good' | 'fair' | 'poor';
}

/** What the agent can change or see changing during a call, apart from its phase. */
export interface CallControlState {
  hold: HoldState;
  muted: boolean;
  quality: LiveCallQuality | null;
  /** A transfer or consultation in progress from this call. */
  transfer: 'blind' | 'consulting' | 'completing' | null;
  conference: boolean;
  /** Outbound: the far end is ringing (180/183). */
  remoteRinging: boolean;
}

export const INITIAL_CONTROL: CallControlState = {
  hold: 'active',
  muted: false,
  quality: null,
  transfer: null,
  conference: false,
  remoteRinging: false,
};

/** The two directions of an answered call's audio, as the source hands them over. */
export interface CallMedia<Stream> {
  /** What the agent says (the microphone). */
  local: Stream | null;
  /** What the caller says. */
  remote: Stream | null;
  /** The negotiated audio codec (e.g. "opus", "PCMA"), when the source knows it. */
  codec?: string | null;
}

interface Base {
  callId: string;
}

/** Inbound: rings at the desk. Outbound: the desk placed it (INVITE sent). */
export interface CallOffered extends Base {
  type: 'ringing';
  source: CallSourceKind;
  direction: CallDirection;
  caller: CallParty;
  at: number;
  /** Another call is already up: this one waits, without interrupting it. */
  waiting: boolean;
  /** When the call will be answered by itself (epoch ms), or null. */
  autoAnswerAt: number | null;
  /** For a consultation call: the call it consults about. */
  consultFor: string | null;
  /** A practice call is never synced as a real work order nor counted in real statistics. */
  practice: boolean;
}

export interface CallAnswered<Stream> extends Base {
  type: 'answered';
  at: number;
  media: CallMedia<Stream>;
}

export interface CallHeld extends Base {
  type: 'held';
  at: number;
  by: 'agent' | 'remote';
}

export interface CallResumed extends Base {
  type: 'resumed';
  at: number;
}

/** Muting, live quality, a hold or transfer in flight, the far end ringing. */
export interface CallControlChanged extends Base {
  type: 'control';
  change: Partial<CallControlState>;
}

/** The call the agent is talking on (its audio plays) changed to this one. */
export interface CallForeground extends Base {
  type: 'foreground';
}

export interface CallConferenced extends Base {
  type: 'conferenced';
  at: number;
  /** The other legs of the conference. */
  with: string[];
}

export interface CallEnded extends Base {
  type: 'ended';
  at: number;
  outcome: CallOutcome;
  endedBy: CallEndedBy;
  /** How the call sounded, stored with the call log entry. */
  quality: CallQualitySummary | null;
  /** The call left this desk by a transfer. */
  transferred: boolean;
}

/** One call's life, as every call source reports it. `Stream` is the media stream type of the environment. */
export type CallEvent<Stream = unknown> =
  | CallOffered
  | CallAnswered<Stream>
  | CallHeld
  | CallResumed
  | CallControlChanged
  | CallForeground
  | CallConferenced
  | CallEnded;

export type CallEventType = CallEvent['type'];

import type { CallEvent } from '../../../shared/domain/call';
import type { RegistrationEvent } from './registration-state';

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
  | 'mediaLost'
  | 'callerLineLost'
  | 'notConnected';

/**
 * What PhoneService tells the outside world: the link's registration, every
 * call's events, and notices for the agent. It knows nothing about React,
 * zustand or IPC.
 */
export interface PhoneEventSink {
  registration(event: RegistrationEvent): void;
  call(event: CallEvent<MediaStream>): void;
  notice(notice: PhoneNotice): void;
}

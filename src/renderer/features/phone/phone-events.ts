import type { CallEndedBy, CallOutcome } from '../../../shared/domain/call-log';
import type { RegistrationEvent } from './registration-state';

export interface RingingCall {
  id: string;
  number: string;
  name: string;
  startedAt: number;
}

export interface CallEnd {
  endedAt: number;
  outcome: CallOutcome;
  endedBy: CallEndedBy;
}

export type PhoneNotice = 'ringtoneBlocked' | 'answerFailed';

/**
 * What PhoneService tells the outside world. The phone store implements it; the
 * service itself knows nothing about React, zustand or IPC.
 */
export interface PhoneEventSink {
  registration(event: RegistrationEvent): void;
  callRinging(call: RingingCall): void;
  callAnswered(id: string, answeredAt: number): void;
  callEnded(id: string, end: CallEnd): void;
  notice(notice: PhoneNotice): void;
}

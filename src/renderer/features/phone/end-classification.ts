import type { CallDirection, CallEndedBy, CallOutcome } from '../../../shared/domain/call-log';

/** What the desk itself did to a call last, so the end can say who ended it and how. */
export type LocalAction = 'answering' | 'declined' | 'hangup' | 'cancelled' | 'shutdown' | 'transferred' | 'media-lost';

export interface EndFacts {
  direction: CallDirection;
  answered: boolean;
  localAction: LocalAction | null;
  /** Final status of an outbound INVITE that failed (486, 404, ...). */
  failureStatus: number | null;
}

/**
 * An outbound INVITE's final failure status as a call-log outcome: 486 Busy
 * Here / 600 Busy Everywhere → busy; 480 Temporarily Unavailable / 408 Request
 * Timeout (the proxy's or callee's no-answer timer) → no-answer; anything else
 * the far end answered with (404, 603, ...) → declined.
 */
export function outboundFailureOutcome(status: number): CallOutcome {
  if (status === 486 || status === 600) return 'busy';
  if (status === 480 || status === 408) return 'no-answer';
  return 'declined';
}

/** How a call ended, from what the desk knows; `fallback` is who ended it when nothing local explains it. */
export function classifyEnd(call: EndFacts, fallback: CallEndedBy): { outcome: CallOutcome; endedBy: CallEndedBy } {
  if (call.answered) {
    if (call.localAction === 'hangup' || call.localAction === 'transferred') return { outcome: 'answered', endedBy: 'agent' };
    if (call.localAction === 'shutdown' || call.localAction === 'media-lost') return { outcome: 'answered', endedBy: 'system' };
    return { outcome: 'answered', endedBy: fallback };
  }
  if (call.direction === 'outbound') {
    if (call.localAction === 'cancelled') return { outcome: 'missed', endedBy: 'agent' };
    if (call.localAction === 'shutdown') return { outcome: 'failed', endedBy: 'system' };
    // The far end did not take the call: busy, rang out, or refused (not found, declined...).
    if (call.failureStatus === null) return { outcome: 'failed', endedBy: 'system' };
    return { outcome: outboundFailureOutcome(call.failureStatus), endedBy: 'remote' };
  }
  switch (call.localAction) {
    case 'declined':
      return { outcome: 'declined', endedBy: 'agent' };
    case 'answering':
      return { outcome: 'failed', endedBy: 'system' };
    case 'shutdown':
      return { outcome: 'missed', endedBy: 'system' };
    default:
      // The caller hung up (CANCEL) while it rang.
      return { outcome: 'missed', endedBy: 'remote' };
  }
}

/** The notice an outbound call that was refused deserves, if any. */
export function dialFailureNotice(status: number | null): 'dialBusy' | 'dialNotFound' | 'dialFailed' | null {
  if (status === null) return null;
  if (status === 486 || status === 600) return 'dialBusy';
  if (status === 404) return 'dialNotFound';
  return 'dialFailed';
}

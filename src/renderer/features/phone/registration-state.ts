import { reasonForRegisterStatus } from './sip-failure';

/**
 * The registration state machine the status bar shows. sip.js 0.21's own
 * Registerer state is not trustworthy (seen against a test registrar: it reports
 * Registered after a reconnect that sent no REGISTER), so PhoneService feeds what it
 * actually observed on the wire into this reducer instead.
 */
export type RegistrationStatus = 'idle' | 'connecting' | 'registering' | 'registered' | 'failed';

export type FailureReason =
  /** 401/403/407 after we sent credentials: wrong user or password. Not retried. */
  | 'auth'
  /** The WebSocket never connected. */
  | 'unreachable'
  /** We were connected and the transport dropped; reconnecting in the background. */
  | 'connection-lost'
  /** Any other final SIP error to REGISTER; `statusCode` keeps it. */
  | 'rejected'
  /** No final response to REGISTER in time. */
  | 'timeout'
  /** The registrar answered 200 OK but holds no binding of ours (granted 0 s, or listed no Contact of ours). */
  | 'no-binding';

export interface RegistrationState {
  status: RegistrationStatus;
  reason: FailureReason | null;
  /** The SIP status code for 'auth' and 'rejected'. */
  statusCode: number | null;
  /** While failed: when the next automatic try happens (epoch ms), for the banner's countdown. */
  nextRetryAt?: number;
  /** The server the next try goes to (failover). */
  nextServer?: string;
}

export type RegistrationEvent =
  | { type: 'start' }
  | { type: 'transport-connected' }
  | { type: 'transport-failed' }
  | { type: 'transport-lost' }
  | { type: 'register-sent' }
  | { type: 'register-accepted' }
  | { type: 'register-not-granted' }
  | { type: 'register-rejected'; statusCode: number }
  | { type: 'register-timeout' }
  | { type: 'retry-scheduled'; at: number; server: string | null }
  | { type: 'stop' };

export const IDLE_REGISTRATION: RegistrationState = { status: 'idle', reason: null, statusCode: null };

const failed = (reason: FailureReason, statusCode: number | null = null): RegistrationState => ({
  status: 'failed',
  reason,
  statusCode,
});

export function reduceRegistration(state: RegistrationState, event: RegistrationEvent): RegistrationState {
  switch (event.type) {
    case 'start':
      return { status: 'connecting', reason: null, statusCode: null };
    case 'stop':
      return IDLE_REGISTRATION;
    case 'transport-connected':
    case 'register-sent':
      return state.status === 'idle' ? state : { status: 'registering', reason: null, statusCode: null };
    case 'transport-failed':
      if (state.status === 'idle') return state;
      // While reconnecting after a drop, a failed attempt is still "connection lost,
      // reconnecting": flipping to "unreachable" would make the bar flicker.
      if (state.status === 'failed' && state.reason === 'connection-lost') return state;
      return failed('unreachable');
    case 'transport-lost':
      switch (state.status) {
        case 'idle':
          return state;
        case 'connecting':
          return failed('unreachable');
        case 'registering':
        case 'registered':
          return failed('connection-lost');
        case 'failed':
          // Keep what the agent must act on (a wrong password stays a wrong password).
          return state.reason === 'auth' ? state : failed('connection-lost');
      }
      return state;
    case 'register-accepted':
      return state.status === 'idle' ? state : { status: 'registered', reason: null, statusCode: null };
    case 'register-not-granted':
      return state.status === 'idle' ? state : failed('no-binding');
    case 'register-rejected':
      return state.status === 'idle' ? state : failed(reasonForRegisterStatus(event.statusCode), event.statusCode);
    case 'register-timeout':
      return state.status === 'idle' ? state : failed('timeout');
    case 'retry-scheduled':
      // Only a failed state waits for a retry; a refresh retry while registered changes nothing visible.
      if (state.status !== 'failed') return state;
      return { ...state, nextRetryAt: event.at, ...(event.server ? { nextServer: event.server } : {}) };
  }
}

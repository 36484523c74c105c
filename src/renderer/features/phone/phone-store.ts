import { create } from 'zustand';
import type { SipAccount } from '../../../shared/domain/settings';
import type { CallSource, DeskCallEvent } from '../call-session';
import type { PhoneEventSink, PhoneNotice } from './phone-events';
import { PhoneService } from './phone-service';
import { IDLE_REGISTRATION, reduceRegistration, type RegistrationState } from './registration-state';
import { browserPhoneDeps } from './sip-deps';

interface PhoneState {
  registration: RegistrationState;
  notice: PhoneNotice | null;
  /** The last number dialed, for redial. */
  lastDialed: string | null;

  configure(account: SipAccount, password: string | null): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Dials a normalized number or SIP URI; returns false if the call could not start. */
  dial(target: string): Promise<boolean>;
  /** A trainer calls a trainee as the caller of a practice scenario (issue 14); the call id, or null. */
  dialPractice(target: string, scenarioId: string): Promise<string | null>;
  sendDtmf(digits: string): Promise<boolean>;
  blindTransfer(target: string): Promise<boolean>;
  startConsult(target: string): Promise<boolean>;
  completeTransfer(consultId: string): Promise<boolean>;
  cancelConsult(consultId: string): Promise<void>;
  conference(): Promise<boolean>;
  dismissNotice(): void;
}

const callListeners = new Set<(event: DeskCallEvent) => void>();

/** The link's state and notices go to the store; every call event goes to the call sessions. */
const sink: PhoneEventSink = {
  registration: (event) => usePhoneStore.setState((state) => ({ registration: reduceRegistration(state.registration, event) })),
  call: (event) => {
    // A new call or an answer makes an old notice about another call stale.
    if (event.type === 'ringing' || event.type === 'answered') usePhoneStore.setState({ notice: null });
    if (event.type === 'ended') usePhoneStore.setState((state) => ({ notice: state.notice === 'ringtoneBlocked' ? null : state.notice }));
    for (const listener of callListeners) listener(event);
  },
  notice: (notice) => usePhoneStore.setState({ notice }),
};

let service: PhoneService | null = null;
/** Created on first use, so importing the store (e.g. in tests) touches no browser API. */
function phone(): PhoneService {
  return (service ??= new PhoneService(sink, browserPhoneDeps()));
}
/** The phone service itself, for its SIP hooks (MESSAGE, the incoming gate). */
export const getPhoneService = (): PhoneService => phone();

/**
 * The scenario a trainer plays on an incoming live practice call (issue 14), or null: known from its ringing
 * event until its ended event has been delivered (the practice feature keeps the trainee's result).
 */
export const livePracticeScenario = (callId: string): string | null => service?.calls.practiceScenarioOf(callId) ?? null;

/** The SIP phone as a call source: its calls' events, and what the agent does to them. */
export const sipCallSource: CallSource = {
  kind: 'sip',
  listen: (listener) => {
    callListeners.add(listener);
    return () => callListeners.delete(listener);
  },
  answer: (callId) => phone().answer(callId),
  decline: (callId) => phone().decline(callId),
  hangup: (callId) => phone().hangup(callId),
  hold: (callId) => phone().calls.hold(callId),
  resume: (callId) => phone().calls.resume(callId),
  setMuted: (callId, muted) => phone().calls.setMuted(muted, callId),
};

export const usePhoneStore = create<PhoneState>()((set) => ({
  registration: IDLE_REGISTRATION,
  notice: null,
  lastDialed: null,

  configure: (account, password) => phone().configure(account, password),
  start: () => phone().start(),
  stop: () => (service ? service.stop() : Promise.resolve()),
  dial: async (target) => {
    const service = phone();
    const uri = targetUri(target, service.domain());
    if (!uri) {
      set({ notice: 'dialFailed' });
      return false;
    }
    set({ lastDialed: target });
    return (await service.calls.dial(uri, target)) !== null;
  },
  dialPractice: async (target, scenarioId) => {
    const service = phone();
    const uri = targetUri(target, service.domain());
    if (!uri) {
      set({ notice: 'dialFailed' });
      return null;
    }
    return service.calls.dial(uri, target, null, scenarioId);
  },
  sendDtmf: (digits) => phone().calls.sendDtmf(digits),
  blindTransfer: (target) => {
    const uri = targetUri(target, phone().domain());
    return uri ? phone().calls.blindTransfer(uri) : Promise.resolve(false);
  },
  startConsult: async (target) => {
    const uri = targetUri(target, phone().domain());
    return uri ? (await phone().calls.startConsult(uri, target)) !== null : false;
  },
  completeTransfer: (consultId) => phone().calls.completeTransfer(consultId),
  cancelConsult: (consultId) => phone().calls.cancelConsult(consultId),
  conference: () => phone().calls.conferenceCalls(),
  dismissNotice: () => set({ notice: null }),
}));

function targetUri(target: string, domain: string | null): string | null {
  if (/^sips?:/i.test(target)) return target;
  return domain ? `sip:${target}@${domain}` : null;
}

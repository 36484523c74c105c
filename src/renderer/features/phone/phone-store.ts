import { create } from 'zustand';
import type { CallEndedBy, CallOutcome } from '../../../shared/domain/call-log';
import type { SipAccount } from '../../../shared/domain/settings';
import { callReports } from './call-reporter';
import type { PhoneEventSink, PhoneNotice } from './phone-events';
import { PhoneService } from './phone-service';
import { IDLE_REGISTRATION, reduceRegistration, type RegistrationState } from './registration-state';
import { browserPhoneDeps } from './sip-deps';

export type CallPhase = 'ringing' | 'active' | 'ended';

/** What the UI shows of the current (or just finished) call. */
export interface CallView {
  id: string;
  number: string;
  name: string;
  phase: CallPhase;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: CallOutcome | null;
  endedBy: CallEndedBy | null;
}

interface PhoneState {
  registration: RegistrationState;
  call: CallView | null;
  notice: PhoneNotice | null;
  /** Bumped after main has recorded a call's end, so the call log knows to reload. */
  endedCallsRecorded: number;

  configure(account: SipAccount, password: string | null): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  answer(): Promise<void>;
  decline(): Promise<void>;
  hangup(): Promise<void>;
  dismissNotice(): void;
  /** Forgets a finished call, so its panel goes away. */
  clearEndedCall(id: string): void;
}

/** The service's events become store updates plus reports to main's call log. */
const sink: PhoneEventSink = {
  registration: (event) =>
    usePhoneStore.setState((state) => ({ registration: reduceRegistration(state.registration, event) })),

  callRinging: (call) => {
    usePhoneStore.setState({
      call: { ...call, phase: 'ringing', answeredAt: null, endedAt: null, outcome: null, endedBy: null },
      notice: null,
    });
    void callReports.started(call);
  },

  callAnswered: (id, answeredAt) => {
    updateCall(id, (call) => ({ ...call, phase: 'active', answeredAt }));
    usePhoneStore.setState({ notice: null });
    void callReports.answered(id, answeredAt);
  },

  callEnded: (id, end) => {
    updateCall(id, (call) => ({ ...call, phase: 'ended', ...end }));
    usePhoneStore.setState((state) => ({ notice: state.notice === 'ringtoneBlocked' ? null : state.notice }));
    void callReports.ended({ id, ...end }).then(() =>
      usePhoneStore.setState((state) => ({ endedCallsRecorded: state.endedCallsRecorded + 1 })),
    );
  },

  notice: (notice) => usePhoneStore.setState({ notice }),
};

function updateCall(id: string, change: (call: CallView) => CallView): void {
  usePhoneStore.setState((state) => (state.call?.id === id ? { call: change(state.call) } : {}));
}

let service: PhoneService | null = null;
/** Created on first use, so importing the store (e.g. in tests) touches no browser API. */
function phone(): PhoneService {
  return (service ??= new PhoneService(sink, browserPhoneDeps()));
}

export const usePhoneStore = create<PhoneState>()(() => ({
  registration: IDLE_REGISTRATION,
  call: null,
  notice: null,
  endedCallsRecorded: 0,

  configure: (account, password) => phone().configure(account, password),
  start: () => phone().start(),
  stop: () => (service ? service.stop() : Promise.resolve()),
  answer: () => phone().answer(),
  decline: () => phone().decline(),
  hangup: () => phone().hangup(),
  dismissNotice: () => usePhoneStore.setState({ notice: null }),
  clearEndedCall: (id) =>
    usePhoneStore.setState((state) => (state.call?.id === id && state.call.phase === 'ended' ? { call: null } : {})),
}));

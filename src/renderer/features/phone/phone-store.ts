import { create } from 'zustand';
import type { CallEndedBy, CallOutcome } from '../../../shared/domain/call-log';
import type { SipAccount } from '../../../shared/domain/settings';
import { callReports } from './call-reporter';
import type { CallControlState, CallDirection, PhoneEventSink, PhoneNotice, RingingCall } from './phone-events';
import { PhoneService } from './phone-service';
import type { CallQualitySummary } from './quality-monitor';
import { IDLE_REGISTRATION, reduceRegistration, type RegistrationState } from './registration-state';
import { browserPhoneDeps } from './sip-deps';

/** ringing: inbound, not answered; dialing: outbound, not answered. */
export type CallPhase = 'ringing' | 'dialing' | 'active' | 'ended';

/** What the UI shows of a call (in progress, or just finished). */
export interface CallView extends CallControlState {
  id: string;
  number: string;
  name: string;
  direction: CallDirection;
  phase: CallPhase;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: CallOutcome | null;
  endedBy: CallEndedBy | null;
  waiting: boolean;
  autoAnswerAt: number | null;
  consultFor: string | null;
  qualitySummary: CallQualitySummary | null;
}

interface PhoneState {
  registration: RegistrationState;
  /** The call in front of the agent (its audio plays): the one the panels show. */
  call: CallView | null;
  /** Every call in progress, plus the focused call once it ended (until its panel closes). */
  calls: CallView[];
  notice: PhoneNotice | null;
  /** Bumped after main has recorded a call's end, so the call log knows to reload. */
  endedCallsRecorded: number;
  /** The last number dialed, for redial. */
  lastDialed: string | null;

  configure(account: SipAccount, password: string | null): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  answer(id?: string): Promise<void>;
  decline(id?: string): Promise<void>;
  hangup(id?: string): Promise<void>;
  /** Dials a normalized number or SIP URI; returns false if the call could not start. */
  dial(target: string): Promise<boolean>;
  hold(id?: string): Promise<boolean>;
  resume(id?: string): Promise<boolean>;
  setMuted(muted: boolean, id?: string): void;
  sendDtmf(digits: string): Promise<boolean>;
  blindTransfer(target: string): Promise<boolean>;
  startConsult(target: string): Promise<boolean>;
  completeTransfer(consultId: string): Promise<boolean>;
  cancelConsult(consultId: string): Promise<void>;
  conference(): Promise<boolean>;
  dismissNotice(): void;
  /** Forgets a finished call, so its panel goes away. */
  clearEndedCall(id: string): void;
}

const NO_CONTROL: CallControlState = {
  hold: 'active',
  muted: false,
  quality: null,
  transfer: null,
  conference: false,
  remoteRinging: false,
};

function viewOf(call: RingingCall, phase: CallPhase): CallView {
  return {
    ...NO_CONTROL,
    id: call.id,
    number: call.number,
    name: call.name,
    direction: call.direction ?? 'inbound',
    phase,
    startedAt: call.startedAt,
    answeredAt: null,
    endedAt: null,
    outcome: null,
    endedBy: null,
    waiting: call.waiting ?? false,
    autoAnswerAt: call.autoAnswerAt ?? null,
    consultFor: call.consultFor ?? null,
    qualitySummary: null,
  };
}

/** Keeps `call` pointing at the focused call's current view. */
function withFocus(calls: CallView[], focusedId: string | null): Pick<PhoneState, 'calls' | 'call'> {
  return { calls, call: calls.find((c) => c.id === focusedId) ?? null };
}

let focusedId: string | null = null;

function addCall(view: CallView, focus: boolean): void {
  usePhoneStore.setState((state) => {
    // A new call replaces the panel of a finished one.
    const calls = [...state.calls.filter((c) => c.phase !== 'ended'), view];
    if (focus || !focusedId || !calls.some((c) => c.id === focusedId)) focusedId = view.id;
    return { ...withFocus(calls, focusedId), notice: null };
  });
}

function updateCall(id: string, change: (call: CallView) => CallView): void {
  usePhoneStore.setState((state) => {
    if (!state.calls.some((c) => c.id === id)) return {};
    return withFocus(
      state.calls.map((c) => (c.id === id ? change(c) : c)),
      focusedId,
    );
  });
}

/** The service's events become store updates plus reports to main's call log. */
const sink: PhoneEventSink = {
  registration: (event) =>
    usePhoneStore.setState((state) => ({ registration: reduceRegistration(state.registration, event) })),

  callRinging: (call) => {
    addCall(viewOf(call, 'ringing'), !call.waiting);
    void callReports.started({ ...call, direction: 'inbound' });
  },

  callDialing: (call) => {
    addCall(viewOf(call, 'dialing'), true);
    void callReports.started({ ...call, direction: 'outbound' });
  },

  callAnswered: (id, answeredAt) => {
    updateCall(id, (call) => ({ ...call, phase: 'active', answeredAt, waiting: false, autoAnswerAt: null }));
    usePhoneStore.setState({ notice: null });
    void callReports.answered(id, answeredAt);
  },

  callUpdated: (id, change) => updateCall(id, (call) => ({ ...call, ...change })),

  foreground: (id) => {
    focusedId = id;
    usePhoneStore.setState((state) => withFocus(state.calls, focusedId));
  },

  callEnded: (id, end) => {
    const { quality, transferred: _transferred, ...logged } = end;
    usePhoneStore.setState((state) => {
      const ended = state.calls.map((c) =>
        c.id === id ? { ...c, phase: 'ended' as const, ...logged, qualitySummary: quality ?? null, waiting: false } : c,
      );
      // Only the focused call keeps its (ended) panel; others just go.
      const calls = ended.filter((c) => c.id === focusedId || c.phase !== 'ended');
      return {
        ...withFocus(calls, focusedId),
        notice: state.notice === 'ringtoneBlocked' ? null : state.notice,
      };
    });
    void callReports.ended({ id, ...logged, quality: quality ?? null }).then(() =>
      usePhoneStore.setState((state) => ({ endedCallsRecorded: state.endedCallsRecorded + 1 })),
    );
  },

  notice: (notice) => usePhoneStore.setState({ notice }),
};

let service: PhoneService | null = null;
/** Created on first use, so importing the store (e.g. in tests) touches no browser API. */
function phone(): PhoneService {
  return (service ??= new PhoneService(sink, browserPhoneDeps()));
}
/** The phone service itself, for features that need its SIP hooks (live guidance: MESSAGE, call streams). */
export const getPhoneService = (): PhoneService => phone();

export const usePhoneStore = create<PhoneState>()((set) => ({
  registration: IDLE_REGISTRATION,
  call: null,
  calls: [],
  notice: null,
  endedCallsRecorded: 0,
  lastDialed: null,

  configure: (account, password) => phone().configure(account, password),
  start: () => phone().start(),
  stop: () => (service ? service.stop() : Promise.resolve()),
  answer: (id) => phone().answer(id),
  decline: (id) => phone().decline(id),
  hangup: (id) => phone().hangup(id),
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
  hold: (id) => phone().calls.hold(id),
  resume: (id) => phone().calls.resume(id),
  setMuted: (muted, id) => phone().calls.setMuted(muted, id),
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
  conference: () => phone().calls.conference(),
  dismissNotice: () => set({ notice: null }),
  clearEndedCall: (id) =>
    usePhoneStore.setState((state) => {
      const call = state.calls.find((c) => c.id === id);
      if (!call || call.phase !== 'ended') return {};
      if (focusedId === id) focusedId = state.calls.find((c) => c.phase !== 'ended')?.id ?? null;
      return withFocus(
        state.calls.filter((c) => c.id !== id),
        focusedId,
      );
    }),
}));

function targetUri(target: string, domain: string | null): string | null {
  if (/^sips?:/i.test(target)) return target;
  return domain ? `sip:${target}@${domain}` : null;
}

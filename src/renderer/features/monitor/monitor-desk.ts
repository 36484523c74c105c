import { UserAgent, type Invitation, type Session } from 'sip.js';
import { create } from 'zustand';
import type { GrantRequest, MonitorMode } from '../../../shared/domain/monitor';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';
import { getPhoneService, setLocalStreamOverride } from '../phone';
import { mediaRouting } from '../devices';
import { callSessions } from '../call-session';
import type { WorkOrderDraft } from '../../../shared/domain/work-order';
import type { TimelineEntry } from '../../../shared/domain/call/timeline';
import { adoptedTimeline, type Handover } from './handover';
import { AgentMonitor, type AgentMonitorStatus, type LiveCall } from './agent-monitor';
import { GrantVerifier } from './grant-check';
import { LeadMonitor, type LeadMonitorState } from './lead-monitor';
import { waitForSound } from './sound-detect';

interface MonitorStoreState {
  /** The lead's monitor legs, by agent person id. */
  legs: Record<string, LeadMonitorState>;
  /** On the agent's desk: a lead on one of the agent's calls, when the agent is to be shown. */
  onMyCall: AgentMonitorStatus | null;
}

export const useMonitorStore = create<MonitorStoreState>()(() => ({ legs: {}, onMyCall: null }));

/** Sessions whose local audio is not the microphone (features/phone asks at each new session description handler). */
const streams = new WeakMap<Session, MediaStream>();
const sendStream = (session: Session, stream: MediaStream | null) => {
  if (stream) streams.set(session, stream);
  else streams.delete(session);
};

/** One element per role, routed to the desk's speaker like the call's own audio. */
function player(role: string): (stream: MediaStream | null) => void {
  let element: HTMLAudioElement | null = null;
  return (stream) => {
    if (!stream) {
      element?.pause();
      element?.remove();
      element = null;
      return;
    }
    if (!element) {
      element = document.createElement('audio');
      element.autoplay = true;
      element.dataset.role = role;
      document.body.appendChild(element);
      mediaRouting().registerOutput(element, 'speaker');
    }
    element.srcObject = stream;
    element.play().catch(() => undefined);
  };
}

const legs = new Map<string, LeadMonitor>();
let installed = false;

/** The monitor's parts on this desk: the agent's answerer and the lead's legs share the phone's user agent. */
export function installMonitor(): void {
  if (installed) return;
  installed = true;
  const phone = getPhoneService();
  setLocalStreamOverride((session) => streams.get(session) ?? null);
  const verifier = new GrantVerifier(async () => {
    const reply = await unwrap(bridge().monitor.publicKey({}));
    return reply.outcome === 'ok' ? reply.jwk : null;
  });
  const agent = new AgentMonitor({
    liveCall: (callId) => (phone.calls.live().find((call) => call.id === callId) as LiveCall | undefined) ?? null,
    verifier,
    redeem: (request) => unwrap(bridge().monitor.redeem(request)),
    end: (jti, callId) => void unwrap(bridge().monitor.end({ jti, callId })).catch(() => undefined),
    sendStream,
    playToAgent: player('monitor-lead-audio'),
    onStatus: (status) => useMonitorStore.setState({ onMyCall: status }),
    endCall: (callId) => phone.hangup(callId),
    draftOf: (callId) => callSessions.session(callId)?.workOrder.state.fields ?? null,
    timelineOf: async (callId) => {
      await callSessions.session(callId)?.timeline.flush();
      const stored = await unwrap(bridge().guidance.timeline({ callId }));
      return stored.map(({ recordedAt: _recordedAt, ...entry }) => entry as TimelineEntry);
    },
  });
  phone.setInviteInterceptor((invitation) => agent.intercept(invitation) || takeOverArrived(invitation));
  if (new URLSearchParams(window.location.search).has('test-hooks')) void import('./monitor-test-hooks').then((hooks) => hooks.installMonitorTestHooks());
}

/**
 * Take over, on the lead's desk: the caller's INVITE replaces one of our
 * monitor legs. It becomes a call on the lead's board, answered at once
 * (sip.js ends the monitor leg it replaces once it is answered).
 */
function takeOverArrived(invitation: Invitation): boolean {
  const replacee = (invitation as unknown as { _replacee?: Session })._replacee;
  if (!replacee) return false;
  const leg = [...legs.values()].find((candidate) => candidate.owns(replacee));
  if (!leg) return false;
  leg.replacedBy(invitation);
  const phone = getPhoneService();
  phone.calls.incoming(invitation);
  const call = phone.calls.live().find((candidate) => candidate.session === invitation);
  void phone.answer(call?.id).then(() => {
    if (!call || !leg.handover) return;
    adoptTimeline(call.id, leg.handover, call.answeredAt ?? Date.now());
    void fillTakenOverDraft(call.id, leg.handover.fields);
  });
  return true;
}

/** The agent's timeline so far goes into the lead's new call's, before its own (see adoptedTimeline). */
function adoptTimeline(callId: string, handover: Handover, answeredAt: number): void {
  const timeline = callSessions.session(callId)?.timeline;
  if (!timeline) return;
  for (const entry of adoptedTimeline(handover, answeredAt)) timeline.recordAtOffset(entry);
}

/** How long the lead's desk waits for its new call's draft to open before giving up on filling it. */
const DRAFT_OPEN_WAIT_MS = 10_000;

/** Puts what the agent had typed into the draft the lead's new call opened (the lead's own edits win after). */
async function fillTakenOverDraft(callId: string, fields: Partial<WorkOrderDraft>): Promise<void> {
  const session = callSessions.session(callId);
  if (!session) return;
  const editor = session.workOrder;
  const opened = await new Promise<boolean>((resolve) => {
    if (editor.state.id) return resolve(true);
    const timer = setTimeout(() => {
      off();
      resolve(false);
    }, DRAFT_OPEN_WAIT_MS);
    const off = editor.subscribe(() => {
      if (!editor.state.id) return;
      clearTimeout(timer);
      off();
      resolve(true);
    });
  });
  if (!opened) return;
  for (const [key, value] of Object.entries(fields) as [keyof WorkOrderDraft, WorkOrderDraft[keyof WorkOrderDraft]][]) {
    editor.edit(key, value as never);
  }
  await editor.flush();
}

const playToLead = player('monitor-audio');

function legFor(agentPersonId: string, callId: string): LeadMonitor {
  const existing = legs.get(agentPersonId);
  if (existing && existing.current.callId === callId) return existing;
  const phone = getPhoneService();
  const leg = new LeadMonitor(
    {
      userAgent: () => phone.registeredUserAgent(),
      makeUri: (text) => UserAgent.makeURI(text),
      grant: (request: GrantRequest) => unwrap(bridge().monitor.grant(request)),
      end: (jti, id) => void unwrap(bridge().monitor.end({ jti, callId: id })).catch(() => undefined),
      microphone: () => navigator.mediaDevices.getUserMedia({ audio: mediaRouting().microphoneConstraints(), video: false }),
      sendStream,
      playToLead,
      heard: (stream) => waitForSound(stream, 10_000),
      onState: (state) => useMonitorStore.setState((s) => ({ legs: { ...s.legs, [agentPersonId]: state } })),
      now: () => Date.now(),
    },
    agentPersonId,
    callId,
  );
  legs.set(agentPersonId, leg);
  return leg;
}

/** The lead's actions on one agent's call (what the buttons do). */
export const monitorActions = {
  choose: (agentPersonId: string, callId: string, mode: MonitorMode) => legFor(agentPersonId, callId).choose(mode),
  stop: (agentPersonId: string) => legs.get(agentPersonId)?.stop() ?? Promise.resolve(),
};

import { SCRIPT_STEP_IDS } from '../../shared/guidance/scripts/steps';
import type { FloorPromptKind } from '../../shared/domain/floor';
import type { DeskDetail } from '../../shared/ipc/contract-floor';
import { useCallBoard } from '../features/call-session';
import { UserAgent } from 'sip.js';
import { raiseEmergency, reportDeskDetail, setFloorAgentActions, startFloor, startPbxPresence, stopFloor } from '../features/floor';
import { getPhoneService, usePhoneStore } from '../features/phone';
import { useGuidanceStore } from '../features/guidance';
import { useSignInStore } from '../features/sign-in';
import { useWorkOrderStore } from '../features/work-order';
import { FloorMonitorActions } from './FloorMonitorActions';

/** Guidance flags and prompt kinds as the floor names them. */
const FLAG_KIND: Record<string, FloorPromptKind> = {
  emergency: 'emergency',
  abusive: 'abusive',
  'raised-voice': 'raised-voice',
  'silent-call': 'dead-air',
  'dead-air': 'dead-air',
  'out-of-scope': 'out-of-scope',
  'wont-hang-up': 'will-not-hang-up',
};

/**
 * What the floor needs from other features, in this one place: the session
 * (a lead's desk follows the floor), and the call in front's guidance and draft
 * (reported to main for the lead's floor and drawer), and the monitor's buttons
 * in the floor's action slot. Returns the stop function.
 */
export function startFloorWiring(): () => void {
  setFloorAgentActions(FloorMonitorActions);
  const follow = () => {
    const status = useSignInStore.getState().status;
    if (status?.state === 'signed-in') void startFloor(status.person.workNumber);
    else stopFloor();
  };
  follow();
  const unsubscribeSignIn = useSignInStore.subscribe((state, previous) => {
    if (state.status !== previous.status) follow();
  });
  // A lead's desk watches its agents' calls on the PBX too (when the centre's PBX offers dialog-info), on the phone's user agent.
  const stopPbxPresence = startPbxPresence({
    userAgent: () => getPhoneService().registeredUserAgent(),
    makeUri: (text) => UserAgent.makeURI(text),
    onRegistrationChange: (listener) =>
      usePhoneStore.subscribe((state, previous) => {
        if (state.registration !== previous.registration) listener();
      }),
  });
  const report = () => reportDeskDetail(deskDetail());
  const unsubscribers = [
    useGuidanceStore.subscribe((state, previous) => {
      if (state.flags !== previous.flags || state.prompts !== previous.prompts || state.ticks !== previous.ticks || state.recovery !== previous.recovery || state.callId !== previous.callId || state.emergency !== previous.emergency)
        report();
    }),
    useCallBoard.subscribe((state, previous) => {
      if (state.call !== previous.call) report();
    }),
    useWorkOrderStore.subscribe((state, previous) => {
      if (state.fields !== previous.fields) report();
    }),
  ];
  return () => {
    setFloorAgentActions(null);
    stopPbxPresence();
    unsubscribeSignIn();
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}

/** The call in front as the floor shows it: its script step, prompts raised and handled, hold, the draft. */
export function deskDetail(): DeskDetail {
  const call = useCallBoard.getState().call;
  const guidance = useGuidanceStore.getState();
  const live = call !== null && !call.practice && call.phase !== 'ended';
  if (!live) {
    return { callId: null, held: false, conference: false, scriptStep: null, prompts: [], promptsHandled: [], voice: null, recoveryBreak: guidance.recovery === 'accepted', draft: null };
  }
  const raised = new Set<FloorPromptKind>();
  for (const flag of guidance.flags) if (FLAG_KIND[flag]) raised.add(FLAG_KIND[flag]);
  const showing = new Set<FloorPromptKind>();
  for (const prompt of guidance.prompts) {
    const kind = FLAG_KIND[prompt.kind];
    if (kind) {
      raised.add(kind);
      showing.add(kind);
    }
  }
  if (guidance.emergencyFired) raised.add('emergency');
  // Handled: raised in this call and no longer waiting on screen (acknowledged, used, or resolved); an emergency only once the agent said what was done.
  const handled = [...raised].filter((kind) => (kind === 'emergency' ? guidance.emergency === null && (guidance.emergencyFired !== null || guidance.leadAlert.state === 'sent') : !showing.has(kind)));
  const voice = guidance.prompts.some((prompt) => prompt.kind === 'talking-over')
    ? 'overlap'
    : guidance.prompts.some((prompt) => prompt.kind === 'de-escalation')
      ? 'raised'
      : null;
  const work = useWorkOrderStore.getState();
  const fields = work.callId === call.id ? work.fields : null;
  return {
    callId: call.id.slice(0, 100),
    held: call.heldAt !== null,
    conference: false,
    scriptStep: guidance.callId === call.id ? (SCRIPT_STEP_IDS.find((id) => !guidance.ticks[id]) ?? 'closing') : null,
    prompts: [...raised],
    promptsHandled: handled,
    voice,
    recoveryBreak: guidance.recovery === 'accepted',
    draft: fields
      ? {
          summary: fields.summary.slice(0, 200),
          description: fields.description.slice(0, 2_000),
          address: fields.address.slice(0, 200),
          category: [fields.type ?? '', fields.domain ?? ''].filter(Boolean).join(' ').slice(0, 80),
        }
      : null,
  };
}

/** The guidance session's emergency, posted to the centre (false: the SIP MESSAGE goes instead). */
export function raiseEmergencyFromGuidance(alert: {
  callId: string;
  callerNumber: string;
  matchedTerms: string[];
  workOrder: { summary: string; description: string; address: string; category: string };
}): Promise<boolean> {
  return raiseEmergency({
    callId: alert.callId.slice(0, 100),
    callerNumber: alert.callerNumber.slice(0, 40) || null,
    reason: alert.matchedTerms.length > 0 ? 'danger-word' : 'manual',
    matchedTerms: alert.matchedTerms.slice(0, 20).map((term) => term.slice(0, 40)),
    draft: {
      summary: alert.workOrder.summary.slice(0, 200),
      description: alert.workOrder.description.slice(0, 2_000),
      address: alert.workOrder.address.slice(0, 200),
      category: alert.workOrder.category.slice(0, 80),
    },
  });
}

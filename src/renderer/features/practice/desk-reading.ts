import type { ScopeDecision, WorkOrderDraft, WorkOrderType } from '../../../shared/domain/work-order';
import type { PracticeObservation } from '../../../shared/practice';
import type { GuidanceCallState } from '../guidance';

/**
 * What the practice caller reads off the desk at one moment: the call's
 * guidance state (script ticks, talk statistics, prompts, the emergency) and
 * its work order. Successive readings are compared to make observations.
 */
export interface DeskReading {
  greetingDone: boolean;
  restatementDone: boolean;
  /** The analyser's count of the trainee starting to talk over the caller. */
  interruptions: number;
  /** The trainee's speech so far, as the analyser counts it (grows while they talk). */
  agentSpeechMs: number;
  emergencyRaised: boolean;
  /** How many times the analyser heard the trainee's voice rise above their own baseline. */
  agentRaisedVoice: number;
  /** A de-escalation card is on screen. */
  deEscalationShown: boolean;
  /** The trainee took a phrase from a de-escalation card (copied a line, or acknowledged the card). */
  deEscalationPhraseTaken: boolean;
  scope: ScopeDecision;
  workOrderType: WorkOrderType | null;
}

export const EMPTY_READING: DeskReading = {
  greetingDone: false,
  restatementDone: false,
  interruptions: 0,
  agentSpeechMs: 0,
  emergencyRaised: false,
  agentRaisedVoice: 0,
  deEscalationShown: false,
  deEscalationPhraseTaken: false,
  scope: 'undecided',
  workOrderType: null,
};

export function readDesk(guidance: GuidanceCallState, workOrder: WorkOrderDraft | null): DeskReading {
  return {
    greetingDone: guidance.ticks.greeting !== undefined,
    restatementDone: guidance.ticks.restate !== undefined,
    interruptions: guidance.talk?.interruptions ?? 0,
    agentSpeechMs: guidance.talk?.agentSpeechMs ?? 0,
    emergencyRaised: guidance.emergencyFired !== null,
    agentRaisedVoice: guidance.agentRaisedVoice,
    deEscalationShown: guidance.prompts.some((prompt) => prompt.kind === 'de-escalation'),
    deEscalationPhraseTaken: guidance.phrasesUsed.includes('de-escalation'),
    scope: workOrder?.scope.decision ?? 'undecided',
    workOrderType: workOrder?.type ?? null,
  };
}

/** Speech the trainee says with a de-escalation card on screen that counts as using it. */
export const DE_ESCALATION_SPEECH_MS = 2000;

export interface ObserverState {
  reading: DeskReading;
  agentSpeaking: boolean;
  /** The trainee's speech counted while a de-escalation card was on screen. */
  speechWithCardMs: number;
  deEscalationUsed: boolean;
}

export const INITIAL_OBSERVER: ObserverState = { reading: EMPTY_READING, agentSpeaking: false, speechWithCardMs: 0, deEscalationUsed: false };

/**
 * Turns the change between two readings into observations for the runner.
 * The trainee is speaking while the analyser's count of their speech grows,
 * and has stopped at the first reading where it did not (the statistics come
 * about once a second, so a reply is noticed within about that). A
 * de-escalation phrase counts as used when the trainee speaks for
 * `DE_ESCALATION_SPEECH_MS` with a de-escalation card on screen, or takes a
 * phrase from the card (copies a line, acknowledges it): with no speech
 * recognition the desk cannot hear which words were said.
 */
export function observeDesk(state: ObserverState, next: DeskReading, atMs: number): { state: ObserverState; observations: PracticeObservation[] } {
  const prev = state.reading;
  const observations: PracticeObservation[] = [];
  const grew = next.agentSpeechMs > prev.agentSpeechMs;
  let agentSpeaking = state.agentSpeaking;
  if (grew && !agentSpeaking) {
    observations.push({ type: 'agent-speech-start', atMs });
    agentSpeaking = true;
  }
  for (let n = prev.interruptions; n < next.interruptions && n < prev.interruptions + 10; n++) observations.push({ type: 'talked-over', atMs });
  if (!grew && agentSpeaking) {
    observations.push({ type: 'agent-speech-end', atMs });
    agentSpeaking = false;
  }
  if (next.greetingDone && !prev.greetingDone) observations.push({ type: 'step-done', step: 'greeting', atMs });
  if (next.restatementDone && !prev.restatementDone) observations.push({ type: 'step-done', step: 'restatement', atMs });
  if (next.emergencyRaised && !prev.emergencyRaised) observations.push({ type: 'emergency-raised', atMs });
  if (next.agentRaisedVoice > prev.agentRaisedVoice) observations.push({ type: 'raised-voice', atMs });
  if (next.scope !== prev.scope || next.workOrderType !== prev.workOrderType) {
    observations.push({ type: 'work-order', scope: next.scope, workOrderType: next.workOrderType, atMs });
  }
  const speechWithCardMs = state.speechWithCardMs + (grew && prev.deEscalationShown && next.deEscalationShown ? next.agentSpeechMs - prev.agentSpeechMs : 0);
  let deEscalationUsed = state.deEscalationUsed;
  if (!deEscalationUsed && (speechWithCardMs >= DE_ESCALATION_SPEECH_MS || next.deEscalationPhraseTaken)) {
    observations.push({ type: 'de-escalation-used', atMs });
    deEscalationUsed = true;
  }
  return { state: { reading: next, agentSpeaking, speechWithCardMs, deEscalationUsed }, observations };
}

import type { ScopeDecision, WorkOrderType } from '../domain/work-order';
import type { LocalizedText } from '../guidance/scripts/schema';
import { holds, type Facts } from './conditions';
import type { Line, Mood, Scenario } from './schema';

/**
 * What the desk tells the practice caller, in time order (`atMs` on one
 * clock, e.g. ms since the call rang). The feature maps the guidance
 * session's signals to these; the runner never reads the desk itself.
 */
export type PracticeObservation =
  | { type: 'answered'; atMs: number }
  /** The caller's current line (or interjection) has finished playing. */
  | { type: 'caller-finished'; atMs: number }
  | { type: 'agent-speech-start'; atMs: number }
  | { type: 'agent-speech-end'; atMs: number }
  /** The analyser heard the trainee start talking while the caller was mid-sentence. */
  | { type: 'talked-over'; atMs: number }
  | { type: 'raised-voice'; atMs: number }
  | { type: 'step-done'; step: 'greeting' | 'restatement'; atMs: number }
  | { type: 'de-escalation-used'; atMs: number }
  | { type: 'work-order'; scope: ScopeDecision; workOrderType: WorkOrderType | null; atMs: number }
  | { type: 'emergency-raised'; atMs: number }
  | { type: 'tick'; atMs: number }
  /** The trainee put the call on hold: the caller hears nothing and waits; no time passes for them until it is taken back. */
  | { type: 'held'; atMs: number }
  | { type: 'resumed'; atMs: number }
  | { type: 'agent-hung-up'; atMs: number };

export type PracticeAction =
  | {
      type: 'say';
      /** A line's id, or an interjection's. */
      id: string;
      text: LocalizedText;
      mood: Mood;
      /** A stage direction: show it, do not voice it. */
      silent: boolean;
      interjection: boolean;
    }
  /** The caller hangs up (their closing line has finished). */
  | { type: 'hang-up' };

/**
 * ringing → (answered) opening: the caller waits for the trainee's greeting
 * → speaking a line ⇄ waiting for a branch → ended.
 */
export type PracticePhase = 'ringing' | 'opening' | 'speaking' | 'waiting' | 'ended';

export interface PracticeState {
  phase: PracticePhase;
  /** The line being said or last said; null before the first. */
  lineId: string | null;
  /** Whether what is being said is an interjection (the call stays on `lineId`). */
  interjecting: boolean;
  mood: Mood;
  answeredAtMs: number | null;
  lineEndedAtMs: number | null;
  /** When someone last stopped speaking (for dead air). */
  quietSinceMs: number | null;
  agentSpeaking: boolean;
  agentReplied: boolean;
  talkedOver: number;
  raisedVoice: boolean;
  greetingDone: boolean;
  restatementDone: boolean;
  deEscalationUsed: boolean;
  emergencyRaised: boolean;
  scope: ScopeDecision;
  workOrderType: WorkOrderType | null;
  interjectionsSaid: Readonly<Record<string, number>>;
  /** Every line and interjection said, in order, with when (for the replay and the scorecard). */
  said: readonly { id: string; atMs: number }[];
  /** Since when the call is on hold; null when it is not. */
  heldSinceMs: number | null;
  /** The holds so far, on the same clock as `said` (for the replay and the result). */
  holds: readonly { fromMs: number; toMs: number }[];
  endedBy: 'caller' | 'agent' | null;
}

/** With no greeting from the trainee, the caller starts talking this long after the answer. */
export const OPENING_WAIT_MS = 4000;

export function startPractice(scenario: Scenario): PracticeState {
  return {
    phase: 'ringing',
    lineId: null,
    interjecting: false,
    mood: scenario.mood,
    answeredAtMs: null,
    lineEndedAtMs: null,
    quietSinceMs: null,
    agentSpeaking: false,
    agentReplied: false,
    talkedOver: 0,
    raisedVoice: false,
    greetingDone: false,
    restatementDone: false,
    deEscalationUsed: false,
    emergencyRaised: false,
    scope: 'undecided',
    workOrderType: null,
    interjectionsSaid: {},
    said: [],
    heldSinceMs: null,
    holds: [],
    endedBy: null,
  };
}

export function factsAt(state: PracticeState, atMs: number): Facts {
  const seconds = (since: number | null) => (since === null ? 0 : Math.max(0, atMs - since) / 1000);
  const quiet = state.phase === 'waiting' && !state.agentSpeaking && state.quietSinceMs !== null;
  return {
    talkedOver: state.talkedOver,
    deadAirSeconds: quiet ? seconds(state.quietSinceMs) : null,
    raisedVoice: state.raisedVoice,
    greetingDone: state.greetingDone,
    restatementDone: state.restatementDone,
    deEscalationUsed: state.deEscalationUsed,
    scope: state.scope,
    workOrderType: state.workOrderType,
    emergencyRaised: state.emergencyRaised,
    elapsedSeconds: seconds(state.answeredAtMs),
    lineSeconds: seconds(state.lineEndedAtMs),
    agentReplied: state.agentReplied,
  };
}

export interface PracticeStep {
  state: PracticeState;
  actions: PracticeAction[];
}

function lineById(scenario: Scenario, id: string): Line {
  const line = scenario.lines.find((candidate) => candidate.id === id);
  // The schema guarantees every id a branch or `start` names exists.
  if (!line) throw new Error(`scenario ${scenario.id} has no line ${id}`);
  return line;
}

function sayLine(scenario: Scenario, state: PracticeState, line: Line, atMs: number): PracticeStep {
  // Not inherited from the line before: the line's clip is made in this mood, whatever way the call came.
  const mood = line.mood ?? scenario.mood;
  return {
    state: { ...state, phase: 'speaking', lineId: line.id, interjecting: false, mood, said: [...state.said, { id: line.id, atMs }] },
    actions: [{ type: 'say', id: line.id, text: line.text, mood, silent: line.silent ?? false, interjection: false }],
  };
}

/** Facts the observation adds, whatever the phase. */
function record(state: PracticeState, observation: PracticeObservation): PracticeState {
  switch (observation.type) {
    case 'agent-speech-start':
      return { ...state, agentSpeaking: true };
    case 'agent-speech-end': {
      const afterLine = state.phase === 'waiting' || state.phase === 'opening';
      return { ...state, agentSpeaking: false, quietSinceMs: observation.atMs, agentReplied: state.agentReplied || afterLine };
    }
    case 'talked-over':
      return { ...state, talkedOver: state.talkedOver + 1 };
    case 'raised-voice':
      return { ...state, raisedVoice: true };
    case 'step-done':
      return observation.step === 'greeting' ? { ...state, greetingDone: true } : { ...state, restatementDone: true };
    case 'de-escalation-used':
      return { ...state, deEscalationUsed: true };
    case 'work-order':
      return { ...state, scope: observation.scope, workOrderType: observation.workOrderType };
    case 'emergency-raised':
      return { ...state, emergencyRaised: true };
    default:
      return state;
  }
}

/** The caller is waiting: take the first branch that holds, else an interjection that does. */
function decide(scenario: Scenario, state: PracticeState, atMs: number): PracticeStep {
  if (state.agentSpeaking || state.lineId === null) return { state, actions: [] };
  const line = lineById(scenario, state.lineId);
  const facts = factsAt(state, atMs);
  const branch = line.branches.find((candidate) => holds(candidate.when, facts));
  if (branch) {
    return sayLine(scenario, { ...state, agentReplied: false }, lineById(scenario, branch.goto), atMs);
  }
  const interjection = scenario.interjections.find(
    (item) =>
      (state.interjectionsSaid[item.id] ?? 0) < item.times &&
      (item.onlyAfter === undefined || item.onlyAfter.includes(line.id)) &&
      holds(item.when, facts),
  );
  if (!interjection) return { state, actions: [] };
  // An aside: said in its own (or the scenario's) mood, as its clip is; the caller's mood stays the line's.
  const mood = interjection.mood ?? scenario.mood;
  return {
    state: {
      ...state,
      phase: 'speaking',
      interjecting: true,
      interjectionsSaid: { ...state.interjectionsSaid, [interjection.id]: (state.interjectionsSaid[interjection.id] ?? 0) + 1 },
      said: [...state.said, { id: interjection.id, atMs }],
    },
    actions: [{ type: 'say', id: interjection.id, text: interjection.text, mood, silent: false, interjection: true }],
  };
}

/**
 * The practice caller, as a pure state machine: the state so far and one
 * observation in, the next state and what the caller does out. Observations
 * must come in time order; send `tick`s (every 250 ms is plenty) so timed
 * branches fire while nothing else happens.
 */
export function observePractice(scenario: Scenario, state: PracticeState, observation: PracticeObservation): PracticeStep {
  if (state.phase === 'ended') return { state, actions: [] };
  const atMs = observation.atMs;
  if (observation.type === 'agent-hung-up') {
    return { state: { ...state, phase: 'ended', agentSpeaking: false, endedBy: 'agent' }, actions: [] };
  }
  if (observation.type === 'held') return { state: state.heldSinceMs === null ? { ...state, heldSinceMs: atMs } : state, actions: [] };
  if (observation.type === 'resumed') return { state: resume(state, atMs), actions: [] };
  // On hold the caller hears nothing and waits: nothing the desk does reaches them, and no time passes for them.
  if (state.heldSinceMs !== null) return { state, actions: [] };
  if (state.phase === 'ringing') {
    if (observation.type !== 'answered') return { state, actions: [] };
    return { state: { ...state, phase: 'opening', answeredAtMs: atMs, quietSinceMs: atMs }, actions: [] };
  }

  const recorded = record(state, observation);

  if (recorded.phase === 'opening') {
    const greeted = observation.type === 'agent-speech-end';
    const waitedOut = !recorded.agentSpeaking && recorded.answeredAtMs !== null && atMs - recorded.answeredAtMs >= OPENING_WAIT_MS;
    return greeted || waitedOut ? sayLine(scenario, { ...recorded, agentReplied: false }, lineById(scenario, scenario.start), atMs) : { state: recorded, actions: [] };
  }

  if (recorded.phase === 'speaking') {
    if (observation.type !== 'caller-finished') return { state: recorded, actions: [] };
    const finished: PracticeState = { ...recorded, phase: 'waiting', quietSinceMs: recorded.agentSpeaking ? recorded.quietSinceMs : atMs };
    if (recorded.interjecting) return decide(scenario, { ...finished, interjecting: false }, atMs);
    const line = recorded.lineId === null ? null : lineById(scenario, recorded.lineId);
    if (line?.end) return { state: { ...finished, phase: 'ended', lineEndedAtMs: atMs, endedBy: 'caller' }, actions: [{ type: 'hang-up' }] };
    return decide(scenario, { ...finished, lineEndedAtMs: atMs, agentReplied: false }, atMs);
  }

  return decide(scenario, recorded, atMs);
}

/**
 * Back from hold: the caller's timers (dead air, time since their line,
 * elapsed) skip the time on hold, so taking the call back is not met with
 * "还在听吗" for a silence the trainee did not leave on the line.
 */
function resume(state: PracticeState, atMs: number): PracticeState {
  if (state.heldSinceMs === null) return state;
  const heldMs = Math.max(0, atMs - state.heldSinceMs);
  const shift = (ms: number | null) => (ms === null ? null : ms + heldMs);
  return {
    ...state,
    heldSinceMs: null,
    holds: [...state.holds, { fromMs: state.heldSinceMs, toMs: atMs }],
    answeredAtMs: shift(state.answeredAtMs),
    lineEndedAtMs: shift(state.lineEndedAtMs),
    quietSinceMs: shift(state.quietSinceMs),
  };
}

/** Runs a whole list of observations (tests, the replay). */
export function runPractice(scenario: Scenario, observations: readonly PracticeObservation[]): { state: PracticeState; actions: PracticeAction[] } {
  let state = startPractice(scenario);
  const actions: PracticeAction[] = [];
  for (const observation of observations) {
    const step = observePractice(scenario, state, observation);
    state = step.state;
    actions.push(...step.actions);
  }
  return { state, actions };
}

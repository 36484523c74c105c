import { SCRIPT_STEP_IDS, type ScriptStepId } from '../../../shared/guidance/scripts/steps';

/** What the work order says so far, reduced to what the script steps care about. */
export interface WorkOrderFacts {
  summary: string;
  description: string;
  /** The agent decided in or out of scope (or the guidance found an out-of-scope topic). */
  scopeDecided: boolean;
  outOfScope: boolean;
  /** Where an out-of-scope caller was pointed to. */
  channel: string;
  departmentCount: number;
  typeChosen: boolean;
  commitment: string;
  dueDate: string;
}

export const EMPTY_FACTS: WorkOrderFacts = {
  summary: '',
  description: '',
  scopeDecided: false,
  outOfScope: false,
  channel: '',
  departmentCount: 0,
  typeChosen: false,
  commitment: '',
  dueDate: '',
};

export interface ProgressInput {
  /** The call is over (hung up by either side). */
  ended: boolean;
  agentSpoke: boolean;
  callerSpoke: boolean;
  /** Since answer. */
  elapsedMs: number;
  facts: WorkOrderFacts;
}

/** Why a step was ticked by itself; the reason goes to the timeline. */
export type AutoReason =
  | 'agent-spoke'
  | 'caller-spoke'
  | 'greeting-time'
  | 'notes-taken'
  | 'summary-written'
  | 'scope-decided'
  | 'dispatched'
  | 'referred'
  | 'commitment-made'
  | 'call-ended';

/** After this long the greeting is surely over even if the audio path is off. */
export const GREETING_DONE_AFTER_MS = 10_000;

/**
 * Which steps are done, judged from what happened (audio, the work order,
 * the call's end). The agent can tick and untick by hand as well; these are
 * only ever added, never taken back.
 */
export function autoTicks(input: ProgressInput): Partial<Record<ScriptStepId, AutoReason>> {
  const { facts } = input;
  const done: Partial<Record<ScriptStepId, AutoReason>> = {};
  if (input.agentSpoke) done.greeting = 'agent-spoke';
  else if (input.callerSpoke) done.greeting = 'caller-spoke';
  else if (input.elapsedMs >= GREETING_DONE_AFTER_MS) done.greeting = 'greeting-time';
  if (facts.description.trim() !== '' || (input.callerSpoke && facts.summary.trim() !== '')) done.listen = 'notes-taken';
  if (facts.summary.trim() !== '') done.restate = 'summary-written';
  if (facts.scopeDecided) done['scope-check'] = 'scope-decided';
  if (facts.departmentCount > 0) done.dispatch = 'dispatched';
  else if (facts.outOfScope && facts.channel.trim() !== '') done.dispatch = 'referred';
  if (facts.commitment.trim() !== '' && (facts.dueDate !== '' || facts.outOfScope)) done['next-steps'] = 'commitment-made';
  else if (facts.outOfScope && facts.channel.trim() !== '') done['next-steps'] = 'referred';
  if (input.ended) done.closing = 'call-ended';
  return done;
}

export type StepTick = { by: 'agent' | 'auto'; reason?: AutoReason; atMs: number };
export type StepTicks = Partial<Record<ScriptStepId, StepTick>>;

/** The step the agent is on: the first one not ticked (the last when all are). */
export function currentStep(ticks: StepTicks): ScriptStepId {
  return SCRIPT_STEP_IDS.find((id) => !ticks[id]) ?? 'closing';
}

/** New automatic ticks to add to `ticks` (steps the agent unticked by hand stay unticked). */
export function newAutoTicks(ticks: StepTicks, untickedByAgent: ReadonlySet<ScriptStepId>, input: ProgressInput): [ScriptStepId, AutoReason][] {
  return Object.entries(autoTicks(input)).filter(
    (entry): entry is [ScriptStepId, AutoReason] => !ticks[entry[0] as ScriptStepId] && !untickedByAgent.has(entry[0] as ScriptStepId),
  );
}

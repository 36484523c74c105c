import type { ScopeDecision, WorkOrderType } from '../domain/work-order';
import type { Condition } from './schema';

/** Everything a condition can read, at one moment of the call. */
export interface Facts {
  talkedOver: number;
  /** Seconds nobody has spoken; null while someone speaks. */
  deadAirSeconds: number | null;
  raisedVoice: boolean;
  greetingDone: boolean;
  restatementDone: boolean;
  deEscalationUsed: boolean;
  scope: ScopeDecision;
  workOrderType: WorkOrderType | null;
  emergencyRaised: boolean;
  elapsedSeconds: number;
  lineSeconds: number;
  agentReplied: boolean;
}

/** Facts that only ever turn from false to true during a call. */
export const LATCHING_FACTS = ['raisedVoice', 'greetingDone', 'restatementDone', 'deEscalationUsed', 'emergencyRaised'] as const;
export type LatchingFact = (typeof LATCHING_FACTS)[number];

export function holds(condition: Condition, facts: Facts): boolean {
  if (condition.talkedOver !== undefined && facts.talkedOver < condition.talkedOver) return false;
  if (condition.deadAirSeconds !== undefined && (facts.deadAirSeconds === null || facts.deadAirSeconds < condition.deadAirSeconds)) return false;
  for (const fact of LATCHING_FACTS) {
    const wanted = condition[fact];
    if (wanted !== undefined && facts[fact] !== wanted) return false;
  }
  if (condition.scope !== undefined && facts.scope !== condition.scope) return false;
  if (condition.workOrderType !== undefined && (facts.workOrderType === null || !condition.workOrderType.includes(facts.workOrderType))) return false;
  if (condition.elapsedSeconds !== undefined && facts.elapsedSeconds < condition.elapsedSeconds) return false;
  if (condition.lineSeconds !== undefined && facts.lineSeconds < condition.lineSeconds) return false;
  if (condition.agentReplied !== undefined && facts.agentReplied !== condition.agentReplied) return false;
  return true;
}

/**
 * Whether every moment at which `a` holds is one at which `b` holds (given
 * only the fields themselves; dead air is counted from the caller's line, so
 * it bounds the line's and the call's seconds too). Used by the checker: a
 * branch whose condition implies an earlier branch's is never taken.
 */
export function implies(a: Condition, b: Condition): boolean {
  const lineFloor = Math.max(a.lineSeconds ?? 0, a.deadAirSeconds ?? 0);
  const elapsedFloor = Math.max(a.elapsedSeconds ?? 0, lineFloor);
  if (b.talkedOver !== undefined && (a.talkedOver ?? 0) < b.talkedOver) return false;
  if (b.deadAirSeconds !== undefined && (a.deadAirSeconds === undefined || a.deadAirSeconds < b.deadAirSeconds)) return false;
  if (b.lineSeconds !== undefined && lineFloor < b.lineSeconds) return false;
  if (b.elapsedSeconds !== undefined && elapsedFloor < b.elapsedSeconds) return false;
  for (const fact of LATCHING_FACTS) {
    if (b[fact] !== undefined && a[fact] !== b[fact]) return false;
  }
  if (b.agentReplied !== undefined && a.agentReplied !== b.agentReplied) return false;
  if (b.scope !== undefined && a.scope !== b.scope) return false;
  if (b.workOrderType !== undefined && (a.workOrderType === undefined || a.workOrderType.some((type) => !b.workOrderType?.includes(type)))) return false;
  return true;
}

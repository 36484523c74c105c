import type { CallPhase, FloorAgent, FloorCounts } from '../../../src/shared/domain/floor';

// Pure parts of the floor: the masked caller number, the counts, the order for action.

/**
 * The caller's number as the service stores and serves it: the first three and
 * last four digits, the rest starred, length kept (13812345678 → 138****5678).
 * A +86/0086 prefix is dropped; a number of seven digits or fewer keeps only its last two.
 */
export function maskPhone(raw: string | null): string | null {
  if (raw === null) return null;
  let digits = raw.replace(/\D/g, '');
  if (digits.length === 0) return raw.trim() === '' ? null : '****';
  if (/^(0086|86)1\d{10}$/.test(digits)) digits = digits.replace(/^(0086|86)/, '');
  if (digits.length <= 7) return '*'.repeat(Math.max(0, digits.length - 2)) + digits.slice(-2);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

const ON_CALL: readonly CallPhase[] = ['ringing', 'talking', 'held', 'consulting', 'conference'];

export type CountKey = keyof FloorCounts;

/** Which count an agent falls in: on a call wins over the agent state; never reported is offline. */
export function countKeyOf(agent: FloorAgent): CountKey {
  if (agent.reportedAt === null || agent.agentState === 'offline') return 'offline';
  if (ON_CALL.includes(agent.callPhase)) return 'talking';
  if (agent.callPhase === 'after-call' || agent.agentState === 'after-call') return 'after-call';
  return agent.agentState;
}

export function floorCounts(agents: readonly FloorAgent[]): FloorCounts {
  const counts: FloorCounts = { ready: 0, 'not-ready': 0, talking: 0, 'after-call': 0, break: 0, offline: 0 };
  for (const agent of agents) counts[countKeyOf(agent)] += 1;
  return counts;
}

/**
 * Sorted for action: emergencies first; then overruns (after-call work, break
 * or call past its limit); then the longest calls first; then everyone else,
 * longest in their state first; ties by work number.
 */
export function sortForAction(agents: readonly FloorAgent[], now: number): FloorAgent[] {
  const key = (agent: FloorAgent) => ({
    emergency: agent.prompts.includes('emergency') ? 0 : 1,
    overrun: agent.overruns.length > 0 ? 0 : 1,
    onCall: agent.callStartedAt !== null && ON_CALL.includes(agent.callPhase) ? 0 : 1,
    callMs: agent.callStartedAt === null ? 0 : now - agent.callStartedAt,
    stateMs: agent.reportedAt === null ? -1 : now - agent.since,
  });
  return [...agents].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return (
      x.emergency - y.emergency ||
      x.overrun - y.overrun ||
      x.onCall - y.onCall ||
      y.callMs - x.callMs ||
      y.stateMs - x.stateMs ||
      a.workNumber.localeCompare(b.workNumber)
    );
  });
}

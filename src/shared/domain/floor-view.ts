import { connectionLostSince } from './floor-connection';
import type { FloorAgent, FloorAlert, FloorPromptKind } from './floor';

// The lead's floor as the desk shows it: which count an agent is in, what
// flags them, the order for action. Pure; the clock is the service's.

export const FLOOR_SCREEN_COUNTS = ['ready', 'talking', 'after-call', 'break', 'not-ready', 'offline', 'lost'] as const;
export type FloorScreenCount = (typeof FLOOR_SCREEN_COUNTS)[number];

const ON_CALL = new Set(['ringing', 'talking', 'held', 'consulting', 'conference']);

export function isOnCall(agent: FloorAgent): boolean {
  return ON_CALL.has(agent.callPhase);
}

/** Which count the agent is in; a desk past its keep-alive is 'lost', never its last known state. */
export function screenCountOf(agent: FloorAgent, serverNow: number): FloorScreenCount {
  if (connectionLostSince(agent, serverNow) !== null) return 'lost';
  if (agent.reportedAt === null || agent.agentState === 'offline') return 'offline';
  if (isOnCall(agent)) return 'talking';
  if (agent.callPhase === 'after-call' || agent.agentState === 'after-call') return 'after-call';
  return agent.agentState;
}

export function screenCounts(agents: Iterable<FloorAgent>, serverNow: number): Record<FloorScreenCount, number> {
  const counts = Object.fromEntries(FLOOR_SCREEN_COUNTS.map((key) => [key, 0])) as Record<FloorScreenCount, number>;
  for (const agent of agents) counts[screenCountOf(agent, serverNow)] += 1;
  return counts;
}

export const FLOOR_FLAGS = ['emergency', 'overrun', 'lost', 'abusive', 'raised-voice', 'dead-air', 'out-of-scope', 'will-not-hang-up'] as const;
export type FloorFlag = (typeof FLOOR_FLAGS)[number];

export function flagsOf(agent: FloorAgent, serverNow: number, openAlert: boolean): FloorFlag[] {
  const flags: FloorFlag[] = [];
  if (openAlert || agent.prompts.includes('emergency')) flags.push('emergency');
  if (agent.overruns.length > 0) flags.push('overrun');
  if (connectionLostSince(agent, serverNow) !== null) flags.push('lost');
  const lost = flags.includes('lost');
  for (const kind of agent.prompts) if (kind !== 'emergency' && !lost) flags.push(kind as Exclude<FloorPromptKind, 'emergency'>);
  return flags;
}

/** Person ids with an alert no lead has taken yet. */
export function openAlertAgents(alerts: Iterable<FloorAlert>): Set<string> {
  const open = new Set<string>();
  for (const alert of alerts) if (alert.acknowledgedAt === null) open.add(alert.agent.personId);
  return open;
}

/**
 * Sorted for action: open emergencies first (then emergency prompts), then
 * overruns, then lost connections, then the longest calls, then everyone else
 * longest in their state first; ties by work number.
 */
export function sortFloorForAction(agents: readonly FloorAgent[], serverNow: number, openAlerts: ReadonlySet<string>): FloorAgent[] {
  const keyed = agents.map((agent) => {
    const lost = connectionLostSince(agent, serverNow) !== null;
    const onCall = !lost && isOnCall(agent) && agent.callStartedAt !== null;
    return {
      agent,
      k: [
        openAlerts.has(agent.personId) ? 0 : agent.prompts.includes('emergency') && !lost ? 1 : 2,
        agent.overruns.length > 0 && !lost ? 0 : 1,
        lost ? 0 : 1,
        onCall ? 0 : 1,
        onCall ? -(serverNow - (agent.callStartedAt as number)) : 0,
        agent.reportedAt === null ? 1 : -(serverNow - agent.since),
      ],
    };
  });
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i += 1) {
      const d = (a.k[i] as number) - (b.k[i] as number);
      if (d !== 0) return d;
    }
    return a.agent.workNumber.localeCompare(b.agent.workNumber);
  });
  return keyed.map((entry) => entry.agent);
}

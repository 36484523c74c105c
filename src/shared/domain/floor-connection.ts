import type { FloorAgent } from './floor';

/**
 * How long a desk may stay silent before a lead's floor says "connection lost
 * since <reportedAt>": one and a half keep-alives (a heartbeat whose request
 * was slow still lands) plus 2 s. 30 s keep-alive → 47 s.
 */
export function lostAfterMs(keepAliveMs: number): number {
  return Math.round(keepAliveMs * 1.5) + 2_000;
}

/** When the agent's desk was last heard of, if it is past the bound; null when it is alive, signed off or never reported. */
export function connectionLostSince(agent: Pick<FloorAgent, 'reportedAt' | 'keepAliveMs' | 'agentState'>, serverNow: number): number | null {
  if (agent.reportedAt === null || agent.agentState === 'offline') return null;
  return serverNow - agent.reportedAt > lostAfterMs(agent.keepAliveMs) ? agent.reportedAt : null;
}

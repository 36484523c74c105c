import type { FloorAgent } from '../../src/shared/domain/floor';

/** A ready, idle agent of team-a who reported a second before `now`; `change` overrides any field. */
export function floorAgent(now: number, workNumber: string, change: Partial<FloorAgent> = {}): FloorAgent {
  return {
    personId: `p-${workNumber}`,
    workNumber,
    name: workNumber,
    teamId: 'team-a',
    agentState: 'ready',
    since: now - 60_000,
    breakReason: null,
    callPhase: 'idle',
    callStartedAt: null,
    callId: null,
    callerNumber: null,
    scriptStep: null,
    prompts: [],
    overruns: [],
    promptsHandled: [],
    voice: null,
    recoveryBreak: false,
    keepAliveMs: 30_000,
    reportedAt: now - 1_000,
    ...change,
  };
}

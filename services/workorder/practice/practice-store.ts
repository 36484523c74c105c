import type { PracticeResult, StoredPracticeResult } from '../../../src/shared/practice/result';

export interface NewPracticeResult {
  idempotencyKey: string;
  teamId: string;
  agentId: string;
  receivedAt: number;
  result: PracticeResult;
}

/** 'stored' the first time; 'replayed' for the same key or the same agent's call again (nothing written). */
export type SaveOutcome = 'stored' | 'replayed' | 'key-reused';

/** Practice results in the service's database (SQLite or PostgreSQL). */
export interface PracticeStore {
  save(input: NewPracticeResult): Promise<SaveOutcome>;
  /** One agent's results, newest first. */
  ofAgent(agentId: string, limit: number): Promise<StoredPracticeResult[]>;
  /** The results of these teams, newest first. */
  ofTeams(teamIds: readonly string[], limit: number): Promise<StoredPracticeResult[]>;
}

export interface PracticeRow {
  idempotency_key: string;
  team_id: string;
  agent_id: string;
  call_id: string;
  body: string;
  received_at: number | string;
}

export const storedFromRow = (row: PracticeRow): StoredPracticeResult => ({
  ...(JSON.parse(row.body) as PracticeResult),
  agent: row.agent_id,
  teamId: row.team_id,
  receivedAt: Number(row.received_at),
});

export const INSERT_COLUMNS = 'idempotency_key, team_id, agent_id, call_id, scenario_id, scenario_version, score, max_score, ended_at, body, received_at';

export const insertValues = (input: NewPracticeResult) => [
  input.idempotencyKey,
  input.teamId,
  input.agentId,
  input.result.callId,
  input.result.scenarioId,
  input.result.scenarioVersion,
  input.result.score,
  input.result.maxScore,
  input.result.endedAt,
  JSON.stringify(input.result),
  input.receivedAt,
];

/** After an insert that wrote nothing: the key or the call was there. A key met again for another call is a reuse. */
export function outcomeOfConflict(existing: { call_id: string; agent_id: string } | undefined, input: NewPracticeResult): SaveOutcome {
  if (!existing) return 'replayed';
  return existing.call_id === input.result.callId && existing.agent_id === input.agentId ? 'replayed' : 'key-reused';
}

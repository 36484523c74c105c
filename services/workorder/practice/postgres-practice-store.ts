import type pg from 'pg';
import type { Pool } from 'pg';
import type { StoredPracticeResult } from '../../../src/shared/practice/result';
import { INSERT_COLUMNS, insertValues, outcomeOfConflict, storedFromRow, type NewPracticeResult, type PracticeRow, type PracticeStore, type SaveOutcome } from './practice-store';

/** Practice results on PostgreSQL, shared by every instance on the database. */
export class PostgresPracticeStore implements PracticeStore {
  constructor(
    private readonly pool: Pool,
    private readonly asBusy: (error: unknown) => unknown,
  ) {}

  private async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      throw this.asBusy(error);
    }
  }

  async save(input: NewPracticeResult): Promise<SaveOutcome> {
    const { rowCount } = await this.query(
      `INSERT INTO practice_results (${INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
      insertValues(input),
    );
    if ((rowCount ?? 0) > 0) return 'stored';
    const { rows } = await this.query<{ call_id: string; agent_id: string }>('SELECT call_id, agent_id FROM practice_results WHERE idempotency_key = $1', [input.idempotencyKey]);
    return outcomeOfConflict(rows[0], input);
  }

  async ofAgent(agentId: string, limit: number): Promise<StoredPracticeResult[]> {
    const { rows } = await this.query<PracticeRow>('SELECT * FROM practice_results WHERE agent_id = $1 ORDER BY ended_at DESC LIMIT $2', [agentId, limit]);
    return rows.map(storedFromRow);
  }

  async ofTeams(teamIds: readonly string[], limit: number): Promise<StoredPracticeResult[]> {
    if (teamIds.length === 0) return [];
    const { rows } = await this.query<PracticeRow>('SELECT * FROM practice_results WHERE team_id = ANY($1::text[]) ORDER BY ended_at DESC LIMIT $2', [teamIds, limit]);
    return rows.map(storedFromRow);
  }
}

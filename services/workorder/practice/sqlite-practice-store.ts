import type Database from 'better-sqlite3';
import type { StoredPracticeResult } from '../../../src/shared/practice/result';
import { INSERT_COLUMNS, insertValues, outcomeOfConflict, storedFromRow, type NewPracticeResult, type PracticeRow, type PracticeStore, type SaveOutcome } from './practice-store';

export class SqlitePracticeStore implements PracticeStore {
  constructor(private readonly db: Database.Database) {}

  async save(input: NewPracticeResult): Promise<SaveOutcome> {
    const written = this.db
      .prepare(`INSERT INTO practice_results (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
      .run(...insertValues(input)).changes;
    if (written > 0) return 'stored';
    const existing = this.db.prepare('SELECT call_id, agent_id FROM practice_results WHERE idempotency_key = ?').get(input.idempotencyKey) as
      | { call_id: string; agent_id: string }
      | undefined;
    return outcomeOfConflict(existing, input);
  }

  async ofAgent(agentId: string, limit: number): Promise<StoredPracticeResult[]> {
    return (this.db.prepare('SELECT * FROM practice_results WHERE agent_id = ? ORDER BY ended_at DESC LIMIT ?').all(agentId, limit) as PracticeRow[]).map(storedFromRow);
  }

  async ofTeams(teamIds: readonly string[], limit: number): Promise<StoredPracticeResult[]> {
    if (teamIds.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT * FROM practice_results WHERE team_id IN (${teamIds.map(() => '?').join(', ')}) ORDER BY ended_at DESC LIMIT ?`)
      .all(...teamIds, limit) as PracticeRow[];
    return rows.map(storedFromRow);
  }
}

import type { DecidedDispatch } from '../../../src/shared/dispatch/accuracy';
import type { DispatchOutcome, DispatchOutcomeReport } from '../../../src/shared/dispatch/wire';
import { addOutcomeSql, decidedFromRow, decidedSql, outcomeFromRow, outcomeOf, outcomesAfterSql, outcomeValues, recordValues, saveRecordSql } from './dispatch-store';
import type { DecidedRow, DispatchStore, OutcomeRow, StoredRecord } from './dispatch-store';
import { PostgresPartStore } from '../store/rows';

/** Dispatch records and outcomes on PostgreSQL, shared by every instance on the database. */
export class PostgresDispatchStore extends PostgresPartStore implements DispatchStore {
  async saveRecord(record: StoredRecord): Promise<void> {
    await this.query(saveRecordSql('$'), recordValues(record));
  }

  async addOutcome(teamId: string, report: DispatchOutcomeReport, reportedBy: string, at: number): Promise<DispatchOutcome> {
    const { rows } = await this.query<{ seq: string }>(addOutcomeSql('$'), outcomeValues(teamId, report, reportedBy, at));
    return outcomeOf(Number(rows[0]?.seq), report, at);
  }

  async outcomesAfter(teamId: string, seq: number, limit: number): Promise<DispatchOutcome[]> {
    const { rows } = await this.query<OutcomeRow>(outcomesAfterSql('$1', '$2', '$3'), [teamId, seq, limit]);
    return rows.map(outcomeFromRow);
  }

  async decided(teamIds: readonly string[], from: number, to: number, limit: number): Promise<DecidedDispatch[]> {
    if (teamIds.length === 0) return [];
    const { rows } = await this.query<DecidedRow>(decidedSql('SELECT unnest($1::text[])', '$2', '$3', '$4'), [teamIds, from, to, limit]);
    return rows.map(decidedFromRow);
  }
}

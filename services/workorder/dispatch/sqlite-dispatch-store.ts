import type Database from 'better-sqlite3';
import type { DecidedDispatch } from '../../../src/shared/dispatch/accuracy';
import type { DispatchOutcome, DispatchOutcomeReport } from '../../../src/shared/dispatch/wire';
import { addOutcomeSql, decidedFromRow, decidedSql, outcomeFromRow, outcomeOf, outcomesAfterSql, outcomeValues, recordValues, saveRecordSql } from './dispatch-store';
import type { DecidedRow, DispatchStore, OutcomeRow, StoredRecord } from './dispatch-store';

export class SqliteDispatchStore implements DispatchStore {
  constructor(private readonly db: Database.Database) {}

  async saveRecord(record: StoredRecord): Promise<void> {
    this.db.prepare(saveRecordSql('?')).run(...recordValues(record));
  }

  async addOutcome(teamId: string, report: DispatchOutcomeReport, reportedBy: string, at: number): Promise<DispatchOutcome> {
    const seq = this.db.prepare(addOutcomeSql('?')).pluck().get(...outcomeValues(teamId, report, reportedBy, at)) as number;
    return outcomeOf(seq, report, at);
  }

  async outcomesAfter(teamId: string, seq: number, limit: number): Promise<DispatchOutcome[]> {
    return this.db.prepare<[string, number, number], OutcomeRow>(outcomesAfterSql('?', '?', '?')).all(teamId, seq, limit).map(outcomeFromRow);
  }

  async decided(teamIds: readonly string[], from: number, to: number, limit: number): Promise<DecidedDispatch[]> {
    if (teamIds.length === 0) return [];
    return this.db
      .prepare<unknown[], DecidedRow>(decidedSql(teamIds.map(() => '?').join(', '), '?', '?', '?'))
      .all(...teamIds, from, to, limit)
      .map(decidedFromRow);
  }
}

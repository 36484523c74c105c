import type Database from 'better-sqlite3';
import type { DecidedDispatch } from '../../../src/shared/dispatch/accuracy';
import type { DispatchOutcome, DispatchOutcomeReport } from '../../../src/shared/dispatch/wire';
import { decidedFromRow, decidedSql, outcomeFromRow, type DecidedRow, type DispatchStore, type OutcomeRow, type StoredRecord } from './dispatch-store';

export class SqliteDispatchStore implements DispatchStore {
  constructor(private readonly db: Database.Database) {}

  async saveRecord(record: StoredRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO dispatch_records (team_id, work_order_id, category, suggested, top_matter_id, chosen, catalogue_version, agent_id, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (team_id, work_order_id) DO UPDATE SET category = excluded.category, suggested = excluded.suggested,
           top_matter_id = excluded.top_matter_id, chosen = excluded.chosen, catalogue_version = excluded.catalogue_version,
           agent_id = excluded.agent_id, recorded_at = excluded.recorded_at`,
      )
      .run(
        record.teamId,
        record.workOrderId,
        record.category,
        JSON.stringify(record.suggested),
        record.topMatterId,
        JSON.stringify(record.chosen),
        record.catalogueVersion,
        record.agentId,
        record.recordedAt,
      );
  }

  async addOutcome(teamId: string, report: DispatchOutcomeReport, reportedBy: string, at: number): Promise<DispatchOutcome> {
    const seq = this.db
      .prepare(
        `INSERT INTO dispatch_outcomes (team_id, work_order_id, outcome, reason, department_ids, reported_by, at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
      )
      .pluck()
      .get(teamId, report.workOrderId, report.outcome, report.reason, JSON.stringify(report.departmentIds), reportedBy, at) as number;
    return { seq, workOrderId: report.workOrderId, outcome: report.outcome, reason: report.reason, departmentIds: report.departmentIds, at };
  }

  async outcomesAfter(teamId: string, seq: number, limit: number): Promise<DispatchOutcome[]> {
    return this.db
      .prepare<[string, number, number], OutcomeRow>(
        'SELECT seq, work_order_id, outcome, reason, department_ids, at FROM dispatch_outcomes WHERE team_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      )
      .all(teamId, seq, limit)
      .map(outcomeFromRow);
  }

  async decided(teamIds: readonly string[], from: number, to: number, limit: number): Promise<DecidedDispatch[]> {
    if (teamIds.length === 0) return [];
    return this.db
      .prepare<unknown[], DecidedRow>(decidedSql(teamIds.map(() => '?').join(', '), '?', '?', '?'))
      .all(...teamIds, from, to, limit)
      .map(decidedFromRow);
  }
}

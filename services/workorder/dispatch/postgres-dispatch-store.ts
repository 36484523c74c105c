import type pg from 'pg';
import type { Pool } from 'pg';
import type { DecidedDispatch } from '../../../src/shared/dispatch/accuracy';
import type { DispatchOutcome, DispatchOutcomeReport } from '../../../src/shared/dispatch/wire';
import { decidedFromRow, decidedSql, outcomeFromRow, type DecidedRow, type DispatchStore, type OutcomeRow, type StoredRecord } from './dispatch-store';

/** Dispatch records and outcomes on PostgreSQL, shared by every instance on the database. */
export class PostgresDispatchStore implements DispatchStore {
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

  async saveRecord(record: StoredRecord): Promise<void> {
    await this.query(
      `INSERT INTO dispatch_records (team_id, work_order_id, category, suggested, top_matter_id, chosen, catalogue_version, agent_id, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (team_id, work_order_id) DO UPDATE SET category = excluded.category, suggested = excluded.suggested,
         top_matter_id = excluded.top_matter_id, chosen = excluded.chosen, catalogue_version = excluded.catalogue_version,
         agent_id = excluded.agent_id, recorded_at = excluded.recorded_at`,
      [
        record.teamId,
        record.workOrderId,
        record.category,
        JSON.stringify(record.suggested),
        record.topMatterId,
        JSON.stringify(record.chosen),
        record.catalogueVersion,
        record.agentId,
        record.recordedAt,
      ],
    );
  }

  async addOutcome(teamId: string, report: DispatchOutcomeReport, reportedBy: string, at: number): Promise<DispatchOutcome> {
    const { rows } = await this.query<{ seq: string }>(
      `INSERT INTO dispatch_outcomes (team_id, work_order_id, outcome, reason, department_ids, reported_by, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq`,
      [teamId, report.workOrderId, report.outcome, report.reason, JSON.stringify(report.departmentIds), reportedBy, at],
    );
    return { seq: Number(rows[0]?.seq), workOrderId: report.workOrderId, outcome: report.outcome, reason: report.reason, departmentIds: report.departmentIds, at };
  }

  async outcomesAfter(teamId: string, seq: number, limit: number): Promise<DispatchOutcome[]> {
    const { rows } = await this.query<OutcomeRow>(
      'SELECT seq, work_order_id, outcome, reason, department_ids, at FROM dispatch_outcomes WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [teamId, seq, limit],
    );
    return rows.map(outcomeFromRow);
  }

  async decided(teamIds: readonly string[], from: number, to: number, limit: number): Promise<DecidedDispatch[]> {
    if (teamIds.length === 0) return [];
    const { rows } = await this.query<DecidedRow>(decidedSql('SELECT unnest($1::text[])', '$2', '$3', '$4'), [teamIds, from, to, limit]);
    return rows.map(decidedFromRow);
  }
}

import type Database from 'better-sqlite3';
import type { PastDispatch } from '../../shared/dispatch/learning';
import type { DispatchOutcome, DispatchRecord } from '../../shared/dispatch/wire';
import type { DispatchChoice } from '../../shared/ipc/contract-dispatch';

interface ChoiceRow {
  work_order_id: string;
  category: string | null;
  suggested: string;
  top_matter_id: string | null;
  chosen: string;
  catalogue_version: number;
  chosen_at: number;
  reported_at: number | null;
  outcome: string | null;
  outcome_reason: string;
  outcome_departments: string;
  outcome_at: number | null;
}

/** Outcomes read back for learning: the newest this many (a desk's few months). */
const LEARNING_WINDOW = 5_000;

/** The desk's dispatch log (migration 0150): suggestion, choice and outcome per work order. */
export class DispatchLog {
  constructor(private readonly db: Database.Database) {}

  /** The agent's latest choice for a work order replaces the earlier one (and is reported again). */
  recordChoice(choice: Omit<DispatchChoice, 'outcome' | 'chosenAt'>, at: number): void {
    this.db
      .prepare(
        `INSERT INTO dispatch_choices (work_order_id, category, suggested, top_matter_id, chosen, catalogue_version, chosen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (work_order_id) DO UPDATE SET category = excluded.category, suggested = excluded.suggested,
           top_matter_id = excluded.top_matter_id, chosen = excluded.chosen, catalogue_version = excluded.catalogue_version,
           chosen_at = excluded.chosen_at, reported_at = NULL`,
      )
      .run(choice.workOrderId, choice.category, JSON.stringify(choice.suggested), choice.topMatterId, JSON.stringify(choice.chosen), choice.catalogueVersion, at);
  }

  get(workOrderId: string): DispatchChoice | null {
    const row = this.db.prepare<[string], ChoiceRow>('SELECT * FROM dispatch_choices WHERE work_order_id = ?').get(workOrderId);
    return row ? choiceOf(row) : null;
  }

  /** Choices of synced work orders the centre has not taken yet, with the service's work-order id. */
  unreported(limit: number): { workOrderId: string; record: DispatchRecord }[] {
    return this.db
      .prepare<[number], ChoiceRow & { server_id: string }>(
        `SELECT c.*, w.server_id FROM dispatch_choices c JOIN work_orders w ON w.id = c.work_order_id
          WHERE c.reported_at IS NULL AND w.server_id IS NOT NULL ORDER BY c.chosen_at LIMIT ?`,
      )
      .all(limit)
      .map((row) => {
        const choice = choiceOf(row);
        return {
          workOrderId: row.work_order_id,
          record: {
            workOrderId: row.server_id,
            category: choice.category,
            suggested: choice.suggested,
            topMatterId: choice.topMatterId,
            chosen: choice.chosen,
            catalogueVersion: choice.catalogueVersion,
          },
        };
      });
  }

  markReported(workOrderId: string, at: number): void {
    this.db.prepare('UPDATE dispatch_choices SET reported_at = ? WHERE work_order_id = ?').run(at, workOrderId);
  }

  /** An outcome from the centre, matched by the service's work-order id; false when this desk has no such choice. */
  applyOutcome(outcome: DispatchOutcome): boolean {
    return (
      this.db
        .prepare(
          `UPDATE dispatch_choices SET outcome = ?, outcome_reason = ?, outcome_departments = ?, outcome_at = ?
            WHERE work_order_id = (SELECT id FROM work_orders WHERE server_id = ?)`,
        )
        .run(outcome.outcome, outcome.reason, JSON.stringify(outcome.departmentIds), outcome.at, outcome.workOrderId).changes > 0
    );
  }

  /** The decided dispatches, newest first, as learning reads them. */
  pastDispatches(): PastDispatch[] {
    return this.db
      .prepare<[number], ChoiceRow>('SELECT * FROM dispatch_choices WHERE outcome IS NOT NULL ORDER BY outcome_at DESC LIMIT ?')
      .all(LEARNING_WINDOW)
      .map((row) => {
        const choice = choiceOf(row);
        return {
          matterId: choice.topMatterId,
          chosenDepartmentId: choice.chosen[0] ?? '',
          outcome: choice.outcome!.kind,
          finalDepartmentIds: choice.outcome!.departmentIds,
        };
      });
  }
}

function choiceOf(row: ChoiceRow): DispatchChoice {
  return {
    workOrderId: row.work_order_id,
    category: row.category as DispatchChoice['category'],
    suggested: JSON.parse(row.suggested) as string[],
    topMatterId: row.top_matter_id,
    chosen: JSON.parse(row.chosen) as string[],
    catalogueVersion: row.catalogue_version,
    chosenAt: row.chosen_at,
    outcome:
      row.outcome === null
        ? null
        : {
            kind: row.outcome as NonNullable<DispatchChoice['outcome']>['kind'],
            reason: row.outcome_reason,
            departmentIds: JSON.parse(row.outcome_departments) as string[],
            at: row.outcome_at ?? 0,
          },
  };
}

import type { DecidedDispatch } from '../../../src/shared/dispatch/accuracy';
import type { DispatchOutcome, DispatchOutcomeReport, DispatchRecord } from '../../../src/shared/dispatch/wire';

export interface StoredRecord extends DispatchRecord {
  teamId: string;
  agentId: string;
  recordedAt: number;
}

/**
 * Dispatch records and outcomes in the service's database (SQLite or
 * PostgreSQL). A record is per team and work order (a desk re-sending after a
 * dropped answer replaces it); outcomes are appended, the latest one counts.
 */
export interface DispatchStore {
  saveRecord(record: StoredRecord): Promise<void>;
  addOutcome(teamId: string, report: DispatchOutcomeReport, reportedBy: string, at: number): Promise<DispatchOutcome>;
  /** The team's outcomes after `seq`, oldest first. */
  outcomesAfter(teamId: string, seq: number, limit: number): Promise<DispatchOutcome[]>;
  /** Records of these teams made in [from, to) with their latest outcome; undecided ones left out. */
  decided(teamIds: readonly string[], from: number, to: number, limit: number): Promise<DecidedDispatch[]>;
}

export interface OutcomeRow {
  seq: number | string;
  work_order_id: string;
  outcome: string;
  reason: string;
  department_ids: string;
  at: number | string;
}

export interface DecidedRow {
  category: string | null;
  suggested: string;
  chosen: string;
  outcome: string;
  department_ids: string;
}

export const outcomeFromRow = (row: OutcomeRow): DispatchOutcome => ({
  seq: Number(row.seq),
  workOrderId: row.work_order_id,
  outcome: row.outcome as DispatchOutcome['outcome'],
  reason: row.reason,
  departmentIds: JSON.parse(row.department_ids) as string[],
  at: Number(row.at),
});

export const decidedFromRow = (row: DecidedRow): DecidedDispatch => ({
  category: row.category as DecidedDispatch['category'],
  suggested: JSON.parse(row.suggested) as string[],
  chosen: JSON.parse(row.chosen) as string[],
  outcome: row.outcome as DecidedDispatch['outcome'],
  finalDepartmentIds: JSON.parse(row.department_ids) as string[],
});

/** The latest outcome of each record: the SQL both stores run (placeholders differ). */
/** Placeholders 1..n in a store's style: `?` (SQLite) or `$1` (PostgreSQL). */
const marks = (n: number, mark: '?' | '$') => Array.from({ length: n }, (_, i) => (mark === '?' ? '?' : `$${i + 1}`)).join(', ');

/** Keeps a work order's dispatch record, the latest over an earlier one. */
export const saveRecordSql = (mark: '?' | '$') => `
  INSERT INTO dispatch_records (team_id, work_order_id, category, suggested, top_matter_id, chosen, catalogue_version, agent_id, recorded_at)
  VALUES (${marks(9, mark)})
  ON CONFLICT (team_id, work_order_id) DO UPDATE SET category = excluded.category, suggested = excluded.suggested,
    top_matter_id = excluded.top_matter_id, chosen = excluded.chosen, catalogue_version = excluded.catalogue_version,
    agent_id = excluded.agent_id, recorded_at = excluded.recorded_at`;

export const recordValues = (record: StoredRecord): unknown[] => [
  record.teamId,
  record.workOrderId,
  record.category,
  JSON.stringify(record.suggested),
  record.topMatterId,
  JSON.stringify(record.chosen),
  record.catalogueVersion,
  record.agentId,
  record.recordedAt,
];

/** Appends an outcome and answers its seq. */
export const addOutcomeSql = (mark: '?' | '$') => `
  INSERT INTO dispatch_outcomes (team_id, work_order_id, outcome, reason, department_ids, reported_by, at)
  VALUES (${marks(7, mark)}) RETURNING seq`;

export const outcomeValues = (teamId: string, report: DispatchOutcomeReport, reportedBy: string, at: number): unknown[] => [
  teamId,
  report.workOrderId,
  report.outcome,
  report.reason,
  JSON.stringify(report.departmentIds),
  reportedBy,
  at,
];

/** The outcome as answered, with the seq the insert gave it. */
export const outcomeOf = (seq: number, report: DispatchOutcomeReport, at: number): DispatchOutcome => ({
  seq,
  workOrderId: report.workOrderId,
  outcome: report.outcome,
  reason: report.reason,
  departmentIds: report.departmentIds,
  at,
});

export const outcomesAfterSql = (team: string, seq: string, limit: string) =>
  `SELECT seq, work_order_id, outcome, reason, department_ids, at FROM dispatch_outcomes WHERE team_id = ${team} AND seq > ${seq} ORDER BY seq LIMIT ${limit}`;

export const decidedSql = (teams: string, from: string, to: string, limit: string) => `
  SELECT r.category, r.suggested, r.chosen, o.outcome, o.department_ids
    FROM dispatch_records r
    JOIN dispatch_outcomes o ON o.team_id = r.team_id AND o.work_order_id = r.work_order_id
   WHERE r.team_id IN (${teams}) AND r.recorded_at >= ${from} AND r.recorded_at < ${to}
     AND o.seq = (SELECT MAX(seq) FROM dispatch_outcomes l WHERE l.team_id = r.team_id AND l.work_order_id = r.work_order_id)
   ORDER BY r.recorded_at
   LIMIT ${limit}`;

import { WorkOrderDraftSchema } from '../../../src/shared/domain/work-order';
import type { WorkOrderChange, WorkOrderRecord, WorkOrderStatus } from '../../../src/shared/domain/work-order';
import type { TokenRole } from './store';

/** Row shapes both stores read (same column names in SQLite and PostgreSQL). */
export interface WorkOrderRowBase {
  id: string;
  team_id: string;
  agent_id: string;
  idempotency_key: string;
  request_hash: string;
  version: number;
  status: WorkOrderStatus;
  created_at: number;
  updated_at: number;
  status_changed_at: number;
}

export interface ChangeRow {
  seq: number;
  work_order_id: string;
  agent_id: string;
  kind: WorkOrderChange['kind'];
  status: WorkOrderStatus;
  version: number;
  note: string;
  at: number;
}

export interface TokenRow {
  id: string;
  agent_id: string;
  team_id: string;
  role: TokenRole;
  label: string;
  created_at: number;
  revoked_at: number | null;
}

/**
 * A stored row as the API's record. The fields are parsed again so a row
 * written under an older schema of the fields still comes out whole.
 */
export function recordFromRow(row: WorkOrderRowBase, fields: unknown): WorkOrderRecord {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    version: row.version,
    status: row.status,
    teamId: row.team_id,
    agentId: row.agent_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    statusChangedAt: row.status_changed_at,
    fields: WorkOrderDraftSchema.parse(fields),
  };
}

import { WorkOrderDraftSchema } from '../../../src/shared/domain/work-order';
import type { WorkOrderChange, WorkOrderRecord, WorkOrderStatus } from '../../../src/shared/domain/work-order';
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
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

/**
 * The 201 body of a create, replayed for a retried key. Stored only once the
 * order's fields are first edited (copy on write): until then it is the row as
 * created (version 1, received, all timestamps the creation time, the fields),
 * rebuilt here in the create's key order, so no order carries a second copy of
 * itself on disk.
 */
export function firstResponseOf(row: Omit<WorkOrderRowBase, 'version' | 'status' | 'updated_at' | 'status_changed_at' | 'request_hash'>, fields: unknown, stored: unknown): WorkOrderRecord {
  if (stored !== null && stored !== undefined && stored !== '') {
    return (typeof stored === 'string' ? JSON.parse(stored) : stored) as WorkOrderRecord;
  }
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    version: 1,
    status: 'received',
    teamId: row.team_id,
    agentId: row.agent_id,
    createdAt: row.created_at,
    updatedAt: row.created_at,
    statusChangedAt: row.created_at,
    fields: WorkOrderDraftSchema.parse(fields),
  };
}

/**
 * The last sequence number of the feed's oldest run of changes made before
 * `before` (rows in sequence order), or null when the oldest is newer. Only a
 * prefix goes, so the feed never has a hole below a kept change.
 */
export function pruneBoundary(oldestFirst: readonly { seq: number; at: number }[], before: number): number | null {
  let through: number | null = null;
  for (const row of oldestFirst) {
    if (row.at >= before) break;
    through = row.seq;
  }
  return through;
}

/**
 * What the PostgreSQL store of each part of the centre (people, floor,
 * monitor, reference data, dispatch) shares: the instance's pool, and the pool's
 * "no connection came free" turned into StoreBusyError by `asBusy` (503 with
 * Retry-After) on every query and transaction.
 */
export class PostgresPartStore {
  constructor(
    protected readonly pool: Pool,
    protected readonly asBusy: (error: unknown) => unknown,
  ) {}

  protected async query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      throw this.asBusy(error);
    }
  }

  /** BEGIN, `work`, COMMIT on one pooled connection; ROLLBACK when `work` throws (a connection that cannot roll back is discarded). */
  protected async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.asBusy(error);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError as Error;
      });
      throw this.asBusy(error);
    } finally {
      client.release(broken);
    }
  }
}

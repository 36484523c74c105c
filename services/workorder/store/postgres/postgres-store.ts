import pg from 'pg';
import type { Pool, PoolClient, PoolConfig } from 'pg';
import { canChangeStatus, normalizePhone } from '../../../../src/shared/domain/work-order';
import type { WorkOrderChange, WorkOrderRecord, WorkOrderStatus } from '../../../../src/shared/domain/work-order';
import type {
  ChangeStatus,
  CreateOutcome,
  NewToken,
  NewWorkOrder,
  Principal,
  StatusOutcome,
  TokenInfo,
  UpdateOutcome,
  UpdateWorkOrder,
  WorkOrderStore,
} from '../store';
import { recordFromRow, type ChangeRow, type TokenRow, type WorkOrderRowBase } from '../rows';
import { SchemaTooNewError } from '../sqlite/migrations';
import { migratePostgres } from './migrations';
import { POSTGRES_QUERIES, RECORD_COLUMNS } from './queries';

interface WorkOrderRow extends WorkOrderRowBase {
  /** JSONB, parsed by pg. */
  fields: unknown;
}




/**
 * First key of the advisory lock taken before a change row is written; the
 * second key is the team. See `appendChange`.
 */
const CHANGES_LOCK = 0x776f_0002;

const INT8_OID = 20;
/**
 * BIGINT columns (ms timestamps, the feed's sequence) come back as numbers:
 * both stay far below 2^53. Other types parse as pg does by default.
 */
const TYPES: NonNullable<PoolConfig['types']> = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export interface PostgresStoreOptions {
  /** Connections per service instance (default 10). Several instances × max must stay under the server's max_connections. */
  poolMax?: number;
}

/**
 * Connects to PostgreSQL (`postgres://user:password@host:port/db`) and brings
 * the schema up to date; refuses a database migrated by a newer service.
 */
export async function openPostgresStore(connectionString: string, options: PostgresStoreOptions = {}): Promise<PostgresWorkOrderStore> {
  const pool = new pg.Pool({
    connectionString,
    max: options.poolMax ?? 10,
    // Idle connections go after 30 s; a full pool makes a request wait at most 10 s, then it fails (500).
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    // Nothing the service runs takes long: bound a stuck statement or a transaction left open.
    statement_timeout: 15_000,
    idle_in_transaction_session_timeout: 30_000,
    application_name: 'hotline-workorder',
    types: TYPES,
  });
  // An idle connection that the server drops (restart, failover) must not crash the process;
  // the pool discards it and the next request opens a new one.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
    return new PostgresWorkOrderStore(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
}

export class PostgresWorkOrderStore implements WorkOrderStore {
  private closing: Promise<void> | null = null;

  constructor(private readonly pool: Pool) {}

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  /** Ends the pool (waits for checked-out connections to come back). */
  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }

  async findToken(tokenHash: string): Promise<Principal | null> {
    const { rows } = await this.pool.query<TokenRow>(POSTGRES_QUERIES.findToken, [tokenHash]);
    const row = rows[0];
    return row ? { tokenId: row.id, agentId: row.agent_id, teamId: row.team_id, role: row.role } : null;
  }

  async insertToken(token: NewToken): Promise<void> {
    await this.pool.query(
      'INSERT INTO api_tokens (id, token_hash, agent_id, team_id, role, label, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [token.tokenId, token.tokenHash, token.agentId, token.teamId, token.role, token.label, token.createdAt],
    );
  }

  async revokeToken(id: string, at: number): Promise<boolean> {
    const result = await this.pool.query('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]);
    return result.rowCount === 1;
  }

  async listTokens(): Promise<TokenInfo[]> {
    const { rows } = await this.pool.query<TokenRow>(
      'SELECT id, agent_id, team_id, role, label, created_at, revoked_at FROM api_tokens ORDER BY created_at, id',
    );
    return rows.map((row) => ({
      tokenId: row.id,
      agentId: row.agent_id,
      teamId: row.team_id,
      role: row.role,
      label: row.label,
      createdAt: row.created_at,
      revokedAt: row.revoked_at,
    }));
  }

  async createWorkOrder(input: NewWorkOrder): Promise<CreateOutcome> {
    return this.transaction((client) => createInTransaction(client, input));
  }

  async createWorkOrders(inputs: readonly NewWorkOrder[]): Promise<CreateOutcome[]> {
    return this.transaction(async (client) => {
      // Keys are claimed in key order (so two batches never wait on each other's
      // keys in a cycle), and the change rows, which take the team's feed lock,
      // are appended last in input order: a transaction holding the feed lock
      // waits for nothing but its commit, so batches and single creates cannot
      // deadlock. A key repeated within the batch sees its first occurrence's row.
      const order = inputs.map((input, index) => ({ input, index }));
      order.sort((a, b) => (a.input.idempotencyKey < b.input.idempotencyKey ? -1 : a.input.idempotencyKey > b.input.idempotencyKey ? 1 : a.index - b.index));
      const outcomes: CreateOutcome[] = new Array<CreateOutcome>(inputs.length);
      for (const { input, index } of order) outcomes[index] = await claimInTransaction(client, input);
      for (let index = 0; index < inputs.length; index += 1) {
        if (outcomes[index]?.kind === 'created') await appendCreated(client, inputs[index]!);
      }
      return outcomes;
    });
  }

  async getWorkOrder(teamId: string, id: string): Promise<WorkOrderRecord | null> {
    const { rows } = await this.pool.query<WorkOrderRow>(POSTGRES_QUERIES.byId, [teamId, id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listByPhone(teamId: string, normalizedPhone: string, limit: number): Promise<WorkOrderRecord[]> {
    if (normalizedPhone === '') return [];
    const { rows } = await this.pool.query<WorkOrderRow>(POSTGRES_QUERIES.byPhone, [teamId, normalizedPhone, limit]);
    return rows.map(toRecord);
  }

  async updateWorkOrder(input: UpdateWorkOrder): Promise<UpdateOutcome> {
    return this.transaction(async (client): Promise<UpdateOutcome> => {
      // FOR UPDATE: a competing edit (any instance) waits here, then reads the version this one wrote.
      const row = await lockRow(client, input.teamId, input.id);
      if (!row) return { kind: 'not-found' };
      if (row.version !== input.expectedVersion) return { kind: 'conflict', current: toRecord(row) };
      if (row.status === 'closed') return { kind: 'closed', current: toRecord(row) };
      const { rows } = await client.query<WorkOrderRow>(
        `UPDATE work_orders SET fields = $1, caller_phone_norm = $2, callback_phone_norm = $3, version = version + 1, updated_at = $4
         WHERE team_id = $5 AND id = $6 AND version = $7 RETURNING ${RECORD_COLUMNS}`,
        [
          JSON.stringify(input.fields),
          normalizePhone(input.fields.callerPhone),
          normalizePhone(input.fields.callbackNumber),
          input.at,
          input.teamId,
          input.id,
          input.expectedVersion,
        ],
      );
      const updated = rows[0];
      if (!updated) throw new Error('locked work order vanished');
      await appendChange(client, input.id, input.teamId, input.agentId, 'updated', updated.status, updated.version, '', input.at);
      return { kind: 'updated', record: toRecord(updated) };
    });
  }

  async changeStatus(input: ChangeStatus): Promise<StatusOutcome> {
    return this.transaction(async (client): Promise<StatusOutcome> => {
      const row = await lockRow(client, input.teamId, input.id);
      if (!row) return { kind: 'not-found' };
      if (input.expectedVersion !== null && row.version !== input.expectedVersion) {
        return { kind: 'conflict', current: toRecord(row) };
      }
      if (!canChangeStatus(row.status, input.status)) return { kind: 'invalid-transition', current: toRecord(row) };
      const { rows } = await client.query<WorkOrderRow>(
        `UPDATE work_orders SET status = $1, version = version + 1, updated_at = $2, status_changed_at = $2
         WHERE team_id = $3 AND id = $4 AND version = $5 RETURNING ${RECORD_COLUMNS}`,
        [input.status, input.at, input.teamId, input.id, row.version],
      );
      const updated = rows[0];
      if (!updated) throw new Error('locked work order vanished');
      await appendChange(client, input.id, input.teamId, input.agentId, 'status', input.status, updated.version, input.note, input.at);
      return { kind: 'changed', record: toRecord(updated) };
    });
  }

  async listChanges(teamId: string, since: number, limit: number): Promise<WorkOrderChange[]> {
    const { rows } = await this.pool.query<ChangeRow>(POSTGRES_QUERIES.changes, [teamId, since, limit]);
    return rows.map((row) => ({
      cursor: String(row.seq),
      kind: row.kind,
      workOrderId: row.work_order_id,
      agentId: row.agent_id,
      status: row.status,
      version: row.version,
      note: row.note,
      at: row.at,
    }));
  }

  /** One transaction (READ COMMITTED) on one pooled connection; rolled back on any error. */
  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable: the pool must not hand it out again.
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** Inserts the row unless its key is taken (no change row yet). */
async function claimInTransaction(client: PoolClient, input: NewWorkOrder): Promise<CreateOutcome> {
  const record: WorkOrderRecord = {
    id: input.id,
    idempotencyKey: input.idempotencyKey,
    version: 1,
    status: 'received',
    teamId: input.teamId,
    agentId: input.agentId,
    createdAt: input.at,
    updatedAt: input.at,
    statusChangedAt: input.at,
    fields: input.fields,
  };
  // Claims the (team, key) pair. A concurrent insert of the same pair (any instance)
  // waits for the first transaction; if that commits, this one gets no row back.
  const claimed = await client.query(
    `INSERT INTO work_orders (${RECORD_COLUMNS}, first_response, caller_phone_norm, callback_phone_norm)
     VALUES ($1, $2, $3, $4, $5, 1, 'received', $6, $7, $7, $7, $8, $9, $10)
     ON CONFLICT (team_id, idempotency_key) DO NOTHING RETURNING id`,
    [
      input.id,
      input.teamId,
      input.agentId,
      input.idempotencyKey,
      input.requestHash,
      JSON.stringify(input.fields),
      input.at,
      JSON.stringify(record),
      normalizePhone(input.fields.callerPhone),
      normalizePhone(input.fields.callbackNumber),
    ],
  );
  if (claimed.rowCount === 0) {
    // READ COMMITTED: this statement sees the row the winner committed.
    const { rows } = await client.query<{ request_hash: string; first_response: WorkOrderRecord }>(
      POSTGRES_QUERIES.byKey,
      [input.teamId, input.idempotencyKey],
    );
    const existing = rows[0];
    if (!existing) throw new Error('idempotency key conflict without a row');
    if (existing.request_hash !== input.requestHash) return { kind: 'key-reused' };
    return { kind: 'replayed', record: existing.first_response };
  }
  return { kind: 'created', record };
}

/** One create; the caller holds the transaction. */
async function createInTransaction(client: PoolClient, input: NewWorkOrder): Promise<CreateOutcome> {
  const outcome = await claimInTransaction(client, input);
  if (outcome.kind === 'created') await appendCreated(client, input);
  return outcome;
}

function appendCreated(client: PoolClient, input: NewWorkOrder): Promise<void> {
  return appendChange(client, input.id, input.teamId, input.agentId, 'created', 'received', 1, '', input.at);
}

async function lockRow(client: PoolClient, teamId: string, id: string): Promise<WorkOrderRow | undefined> {
  const { rows } = await client.query<WorkOrderRow>(
    `SELECT ${RECORD_COLUMNS} FROM work_orders WHERE team_id = $1 AND id = $2 FOR UPDATE`,
    [teamId, id],
  );
  return rows[0];
}

/**
 * Appends to the changes feed; call it as the transaction's last statement.
 *
 * Identity values are handed out when the row is inserted, not when the
 * transaction commits: without care, a feed reader could see seq 8 while seq 7
 * is still uncommitted, move its cursor to 8, and never see 7. The advisory
 * lock (per team: the feed is read per team) is taken before the sequence
 * number is drawn and held until commit, so a team's changes commit in
 * sequence order, and a reader that sees a change also sees every earlier one.
 * Holders wait for nothing else (they only insert this row), so it cannot
 * deadlock, and it is held only for the insert and the commit.
 */
async function appendChange(
  client: PoolClient,
  workOrderId: string,
  teamId: string,
  agentId: string,
  kind: WorkOrderChange['kind'],
  status: WorkOrderStatus,
  version: number,
  note: string,
  at: number,
): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CHANGES_LOCK, teamId]);
  await client.query(
    'INSERT INTO work_order_changes (work_order_id, team_id, agent_id, kind, status, version, note, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [workOrderId, teamId, agentId, kind, status, version, note, at],
  );
}

function toRecord(row: WorkOrderRow): WorkOrderRecord {
  return recordFromRow(row, row.fields);
}

export { SchemaTooNewError };

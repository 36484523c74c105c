import pg from 'pg';
import type { Pool, PoolClient, PoolConfig } from 'pg';
import { normalizePhone } from '../../../../src/shared/domain/work-order';
import { refuseEdit, refuseStatusChange } from '../decisions';
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
  ReadOptions,
  WriteOptions,
} from '../store';
import { DeadlinePassedError, StoreBusyError } from '../store';
import { PoolGate } from './pool-gate';
import { firstResponseOf, pruneBoundary, recordFromRow, type ChangeRow, type TokenRow, type WorkOrderRowBase } from '../rows';
import { SchemaTooNewError } from '../sqlite/migrations';
import { migratePostgres } from './migrations';
import { PostgresPeopleStore } from '../../people/postgres-people-store';
import { PostgresFloorStore } from '../../floor/postgres-floor-store';
import { PostgresReferenceStore } from '../../reference/postgres-reference-store';
import { PostgresMonitorStore } from '../../monitor/postgres-monitor-store';
import { PostgresDispatchStore } from '../../dispatch/postgres-dispatch-store';
import { ReviewStore } from '../../reviews/review-store';
import { postgresExec } from '../../reviews/sql-exec';
import { PostgresPracticeStore } from '../../practice/postgres-practice-store';
import { POSTGRES_QUERIES, RECORD_COLUMNS } from './queries';

/** What a taken idempotency key answers with (see firstResponseOf). */
interface KeyRow {
  id: string;
  team_id: string;
  agent_id: string;
  idempotency_key: string;
  request_hash: string;
  created_at: number;
  fields: unknown;
  first_response: WorkOrderRecord | null;
}

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
  /**
   * Longest wait for a free connection (default 1000 ms), then StoreBusyError
   * (503 with Retry-After). Well under the desk's request timeout, so a full
   * pool pushes back instead of committing after the desk gave up.
   */
  poolWaitMs?: number;
  /** Bound of any one statement without a request deadline (default 5000 ms). */
  statementTimeoutMs?: number;
  /** Refuse at once a request whose forecast wait for a connection exceeds its time left (default true; pool-gate.ts). */
  poolForecast?: boolean;
}

export const DEFAULT_POOL_WAIT_MS = 1_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;

/**
 * Connects to PostgreSQL (`postgres://user:password@host:port/db`) and brings
 * the schema up to date; refuses a database migrated by a newer service.
 */
export async function openPostgresStore(connectionString: string, options: PostgresStoreOptions = {}): Promise<PostgresWorkOrderStore> {
  const pool = new pg.Pool({
    connectionString,
    max: options.poolMax ?? 10,
    // Idle connections go after 30 s; a full pool makes a request wait at most poolWaitMs, then 503.
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: options.poolWaitMs ?? DEFAULT_POOL_WAIT_MS,
    // Nothing the service runs takes long: bound a stuck statement or a transaction left open.
    // A write with a request deadline is bounded tighter (SET LOCAL, see transaction()).
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
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
    return new PostgresWorkOrderStore(pool, options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS, {
      poolMax: options.poolMax ?? 10,
      poolWaitMs: options.poolWaitMs ?? DEFAULT_POOL_WAIT_MS,
      forecast: options.poolForecast ?? true,
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
}

export class PostgresWorkOrderStore implements WorkOrderStore {
  private closing: Promise<void> | null = null;
  private identity: string | null = null;
  readonly people: PostgresPeopleStore;
  readonly floor: PostgresFloorStore;
  readonly reference: PostgresReferenceStore;
  readonly monitor: PostgresMonitorStore;
  readonly dispatch: PostgresDispatchStore;
  readonly reviews: ReviewStore;
  readonly practice: PostgresPracticeStore;
  /** The pool's connections: the service admits this many requests at once. */
  readonly concurrency: number;
  private readonly connections: PoolGate;

  constructor(
    private readonly pool: Pool,
    /** The session's statement_timeout: a read whose deadline is nearer runs under its own (see read()). */
    private readonly statementTimeoutMs = DEFAULT_STATEMENT_TIMEOUT_MS,
    // A pool made elsewhere: its own size; the pool's own connection wait stays the outer bound.
    gate: { poolMax: number; poolWaitMs: number; forecast: boolean } = {
      poolMax: pool.options.max ?? 10,
      poolWaitMs: pool.options.connectionTimeoutMillis || DEFAULT_POOL_WAIT_MS,
      forecast: true,
    },
  ) {
    this.concurrency = gate.poolMax;
    this.connections = new PoolGate(pool, { connections: gate.poolMax, maxWaitMs: gate.poolWaitMs, forecast: gate.forecast }, asBusy);
    this.people = new PostgresPeopleStore(pool, asBusy);
    this.floor = new PostgresFloorStore(pool, asBusy);
    this.reference = new PostgresReferenceStore(pool, asBusy);
    this.monitor = new PostgresMonitorStore(pool, asBusy);
    this.dispatch = new PostgresDispatchStore(pool, asBusy);
    this.reviews = new ReviewStore(postgresExec(pool, asBusy));
    this.practice = new PostgresPracticeStore(pool, asBusy);
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  /** pool.query, with a full pool reported as StoreBusyError. */
  private async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      throw asBusy(error);
    }
  }

  /**
   * A hot read bounded by its deadline: when the time left is under the
   * session's statement_timeout (a screen pop's 1.5 s), in a transaction with
   * SET LOCAL statement_timeout (two more round trips); otherwise the session's
   * bound is the tighter one and the statement runs as it is.
   */
  private async read<R extends pg.QueryResultRow>(options: ReadOptions, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    const { deadline } = options;
    if (deadline === undefined || deadline - Date.now() >= this.statementTimeoutMs) return this.query<R>(text, values);
    return this.transaction({ deadline }, (client) => client.query<R>(text, values));
  }

  /** Ends the pool (waits for checked-out connections to come back). */
  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }

  async findToken(tokenHash: string): Promise<Principal | null> {
    const { rows } = await this.query<TokenRow>(POSTGRES_QUERIES.findToken, [tokenHash]);
    const row = rows[0];
    return row ? { tokenId: row.id, agentId: row.agent_id, teamId: row.team_id, role: row.role } : null;
  }

  async insertToken(token: NewToken): Promise<void> {
    await this.query(
      'INSERT INTO api_tokens (id, token_hash, agent_id, team_id, role, label, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [token.tokenId, token.tokenHash, token.agentId, token.teamId, token.role, token.label, token.createdAt],
    );
  }

  async revokeToken(id: string, at: number): Promise<boolean> {
    const result = await this.query('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]);
    return result.rowCount === 1;
  }

  async listTokens(): Promise<TokenInfo[]> {
    const { rows } = await this.query<TokenRow>(
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

  async createWorkOrder(input: NewWorkOrder, options: WriteOptions = {}): Promise<CreateOutcome> {
    return this.transaction(options, (client) => createInTransaction(client, input));
  }

  async createWorkOrders(inputs: readonly NewWorkOrder[], options: WriteOptions = {}): Promise<CreateOutcome[]> {
    return this.transaction(options, (client) => createBatchInTransaction(client, inputs));
  }

  async getWorkOrder(teamId: string, id: string): Promise<WorkOrderRecord | null> {
    const { rows } = await this.query<WorkOrderRow>(POSTGRES_QUERIES.byId, [teamId, id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listByPhone(teamId: string, normalizedPhone: string, limit: number, options: ReadOptions = {}): Promise<WorkOrderRecord[]> {
    if (normalizedPhone === '') return [];
    const { rows } = await this.read<WorkOrderRow>(options, POSTGRES_QUERIES.byPhone, [teamId, normalizedPhone, limit]);
    return rows.map(toRecord);
  }

  async updateWorkOrder(input: UpdateWorkOrder, options: WriteOptions = {}): Promise<UpdateOutcome> {
    return this.transaction(options, async (client): Promise<UpdateOutcome> => {
      // FOR UPDATE: a competing edit (any instance) waits here, then reads the version this one wrote.
      const row = await lockRow(client, input.teamId, input.id);
      if (!row) return { kind: 'not-found' };
      const refused = refuseEdit(row, input.expectedVersion);
      if (refused) return { kind: refused, current: toRecord(row) };
      const { rows } = await client.query<WorkOrderRow>(
        `UPDATE work_orders SET fields = $1, caller_phone_norm = $2, callback_phone_norm = $3, version = version + 1, updated_at = $4,
           first_response = COALESCE(first_response, $8::json)
         WHERE team_id = $5 AND id = $6 AND version = $7 RETURNING ${RECORD_COLUMNS}`,
        [
          JSON.stringify(input.fields),
          normalizePhone(input.fields.callerPhone),
          normalizePhone(input.fields.callbackNumber),
          input.at,
          input.teamId,
          input.id,
          input.expectedVersion,
          // The first edit keeps the create's answer (the locked row still has the created fields unless edited before).
          JSON.stringify(firstResponseOf(row, row.fields, null)),
        ],
      );
      const updated = rows[0];
      if (!updated) throw new Error('locked work order vanished');
      await appendChange(client, input.id, input.teamId, input.agentId, 'updated', updated.status, updated.version, '', input.at);
      return { kind: 'updated', record: toRecord(updated) };
    });
  }

  async changeStatus(input: ChangeStatus, options: WriteOptions = {}): Promise<StatusOutcome> {
    return this.transaction(options, async (client): Promise<StatusOutcome> => {
      const row = await lockRow(client, input.teamId, input.id);
      if (!row) return { kind: 'not-found' };
      const refused = refuseStatusChange(row, input.expectedVersion, input.status);
      if (refused) return { kind: refused, current: toRecord(row) };
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

  async listChanges(teamId: string, since: number, limit: number, options: ReadOptions = {}): Promise<WorkOrderChange[]> {
    const { rows } = await this.read<ChangeRow>(options, POSTGRES_QUERIES.changes, [teamId, since, limit]);
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

  async headCursor(teamId: string): Promise<number> {
    const { rows } = await this.query<{ head: number | null }>(POSTGRES_QUERIES.head, [teamId]);
    return rows[0]?.head ?? 0;
  }

  async pruneChanges(before: number, maxRowsPerTeam: number): Promise<number> {
    const teams = (await this.query<{ team_id: string }>('SELECT DISTINCT team_id FROM api_tokens')).rows.map((r) => r.team_id);
    let removed = 0;
    for (const team of teams) {
      removed += await this.transaction({}, async (client) => {
        const { rows } = await client.query<{ seq: number; at: number }>(
          'SELECT seq, at FROM work_order_changes WHERE team_id = $1 ORDER BY seq LIMIT $2',
          [team, maxRowsPerTeam],
        );
        const through = pruneBoundary(rows, before);
        if (through === null) return 0;
        const result = await client.query('DELETE FROM work_order_changes WHERE team_id = $1 AND seq <= $2', [team, through]);
        await client.query(
          `INSERT INTO feed_horizon (team_id, pruned_through) VALUES ($1, $2)
           ON CONFLICT (team_id) DO UPDATE SET pruned_through = GREATEST(feed_horizon.pruned_through, excluded.pruned_through)`,
          [team, through],
        );
        return result.rowCount ?? 0;
      });
    }
    return removed;
  }

  async feedHorizon(teamId: string): Promise<number> {
    const { rows } = await this.query<{ pruned_through: number }>('SELECT pruned_through FROM feed_horizon WHERE team_id = $1', [teamId]);
    return rows[0]?.pruned_through ?? 0;
  }

  async serviceId(): Promise<string> {
    this.identity ??= (await this.query<{ id: string }>('SELECT id FROM service_identity')).rows[0]?.id ?? '';
    return this.identity;
  }

  /**
   * One transaction (READ COMMITTED) on one pooled connection; rolled back on
   * any error. With a deadline, every statement is bounded by the time left
   * (SET LOCAL statement_timeout) and the transaction rolls back instead of
   * committing once the deadline has passed.
   */
  private async transaction<T>(options: WriteOptions, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const { deadline } = options;
    const left = () => (deadline === undefined ? Infinity : deadline - Date.now());
    if (left() <= 0) throw new DeadlinePassedError();
    const client = await this.connections.connect(deadline);
    let broken: Error | undefined;
    try {
      if (left() <= 0) throw new DeadlinePassedError();
      await client.query(deadline === undefined ? 'BEGIN' : `BEGIN; SET LOCAL statement_timeout = ${Math.max(1, Math.ceil(left()))}`);
      const result = await work(client);
      if (left() <= 0) throw new DeadlinePassedError();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable: the pool must not hand it out again.
        broken = rollbackError as Error;
      }
      // 57014: a statement ran into the deadline's statement_timeout.
      if (deadline !== undefined && (error as { code?: string }).code === '57014') throw new DeadlinePassedError();
      throw error;
    } finally {
      this.connections.release(client, broken);
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
     VALUES ($1, $2, $3, $4, $5, 1, 'received', $6, $7, $7, $7, NULL, $8, $9)
     ON CONFLICT (team_id, idempotency_key) DO NOTHING RETURNING id`,
    [
      input.id,
      input.teamId,
      input.agentId,
      input.idempotencyKey,
      input.requestHash,
      JSON.stringify(input.fields),
      input.at,
      normalizePhone(input.fields.callerPhone),
      normalizePhone(input.fields.callbackNumber),
    ],
  );
  if (claimed.rowCount === 0) {
    // READ COMMITTED: this statement sees the row the winner committed.
    const { rows } = await client.query<KeyRow>(POSTGRES_QUERIES.byKey, [input.teamId, input.idempotencyKey]);
    const existing = rows[0];
    if (!existing) throw new Error('idempotency key conflict without a row');
    if (existing.request_hash !== input.requestHash) return { kind: 'key-reused' };
    return { kind: 'replayed', record: firstResponseOf(existing, existing.fields, existing.first_response) };
  }
  return { kind: 'created', record };
}

/**
 * A batch of creates in a few statements, whatever its size: one multi-row
 * INSERT ... ON CONFLICT DO NOTHING claims every free key, one SELECT reads the
 * rows of the keys that were taken, and one multi-row INSERT appends the change
 * rows under one take of the team's feed lock (the last statements, as in
 * appendChange). Keys are claimed in key order, so two batches never wait on
 * each other's keys in a cycle. A key repeated within the batch is answered
 * like a retry of its first occurrence.
 */
async function createBatchInTransaction(client: PoolClient, inputs: readonly NewWorkOrder[]): Promise<CreateOutcome[]> {
  // The index of each key's first occurrence; later ones are answered like a retry of it.
  const first = new Map<string, number>();
  inputs.forEach((input, index) => {
    if (!first.has(input.idempotencyKey)) first.set(input.idempotencyKey, index);
  });
  const claims = [...first.values()]
    .map((index) => inputs[index] as NewWorkOrder).sort((a, b) => (a.idempotencyKey < b.idempotencyKey ? -1 : a.idempotencyKey > b.idempotencyKey ? 1 : 0));
  const teamId = inputs[0]?.teamId;
  if (teamId === undefined) return [];
  if (inputs.some((input) => input.teamId !== teamId)) throw new Error('a batch belongs to one team');
  const column = <K>(pick: (input: NewWorkOrder) => K) => claims.map(pick);
  const { rows: claimed } = await client.query<{ idempotency_key: string }>(
    `INSERT INTO work_orders (${RECORD_COLUMNS}, first_response, caller_phone_norm, callback_phone_norm)
     SELECT id, $1::text, agent_id, idempotency_key, request_hash, 1, 'received', fields::jsonb, at, at, at, NULL, caller, callback
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[])
       WITH ORDINALITY AS t(id, agent_id, idempotency_key, request_hash, fields, at, caller, callback, n)
     ORDER BY n
     ON CONFLICT (team_id, idempotency_key) DO NOTHING RETURNING idempotency_key`,
    [
      teamId,
      column((i) => i.id),
      column((i) => i.agentId),
      column((i) => i.idempotencyKey),
      column((i) => i.requestHash),
      column((i) => JSON.stringify(i.fields)),
      column((i) => i.at),
      column((i) => normalizePhone(i.fields.callerPhone)),
      column((i) => normalizePhone(i.fields.callbackNumber)),
    ],
  );
  const created = new Set(claimed.map((r) => r.idempotency_key));
  const taken = claims.filter((c) => !created.has(c.idempotencyKey)).map((c) => c.idempotencyKey);
  const duplicates = first.size < inputs.length;
  const lookups = duplicates ? [...first.keys()] : taken;
  const existing = new Map<string, KeyRow>();
  if (lookups.length > 0) {
    // READ COMMITTED: this statement sees the rows other transactions committed, and this one's own.
    const { rows } = await client.query<KeyRow>(POSTGRES_QUERIES.byKeys, [teamId, lookups]);
    for (const row of rows) existing.set(row.idempotency_key, row);
  }
  const outcomes = inputs.map((input, index): CreateOutcome => {
    if (first.get(input.idempotencyKey) === index && created.has(input.idempotencyKey)) return { kind: 'created', record: firstRecord(input) };
    const row = existing.get(input.idempotencyKey);
    if (!row) throw new Error('idempotency key conflict without a row');
    if (row.request_hash !== input.requestHash) return { kind: 'key-reused' };
    return { kind: 'replayed', record: firstResponseOf(row, row.fields, row.first_response) };
  });
  const fresh = inputs.filter((input, index) => outcomes[index]?.kind === 'created');
  if (fresh.length > 0) {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CHANGES_LOCK, teamId]);
    await client.query(
      `INSERT INTO work_order_changes (work_order_id, team_id, agent_id, kind, status, version, note, at)
       SELECT id, $1::text, agent_id, 'created', 'received', 1, '', at
       FROM unnest($2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS t(id, agent_id, at, n) ORDER BY n`,
      [teamId, fresh.map((i) => i.id), fresh.map((i) => i.agentId), fresh.map((i) => i.at)],
    );
  }
  return outcomes;
}

/** The 201 body of a create, stored to be replayed verbatim for a retried key. */
function firstRecord(input: NewWorkOrder): WorkOrderRecord {
  return {
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
}

/** pg's "no connection within connectionTimeoutMillis" as StoreBusyError; anything else unchanged. */
function asBusy(error: unknown): unknown {
  const message = (error as Error)?.message ?? '';
  // The first: no pooled connection came free; the second: a new connection did not open in time (a busy server or host).
  return /timeout exceeded when trying to connect|Connection terminated due to connection timeout/i.test(message)
    ? new StoreBusyError('No database connection came free in time.')
    : error;
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

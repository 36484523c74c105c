import Database from 'better-sqlite3';
import { normalizePhone } from '../../../../src/shared/domain/work-order';
import { refuseEdit, refuseStatusChange } from '../decisions';
import type { WorkOrderChange, WorkOrderRecord } from '../../../../src/shared/domain/work-order';
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
  ReadOptions,
  WorkOrderStore,
  WriteOptions,
} from '../store';
import { DeadlinePassedError } from '../store';
import { firstResponseOf, pruneBoundary, recordFromRow, type ChangeRow, type TokenRow, type WorkOrderRowBase } from '../rows';
import { SQLITE_MIGRATIONS, SchemaTooNewError, migrateSqlite } from './migrations';
import { SqlitePeopleStore } from '../../people/sqlite-people-store';
import { SqliteFloorStore } from '../../floor/sqlite-floor-store';
import { SqliteReferenceStore } from '../../reference/sqlite-reference-store';
import { SqliteMonitorStore } from '../../monitor/sqlite-monitor-store';
import { SqliteDispatchStore } from '../../dispatch/sqlite-dispatch-store';
import { ReviewStore } from '../../reviews/review-store';
import { sqliteExec } from '../../reviews/sql-exec';
import { SqlitePracticeStore } from '../../practice/sqlite-practice-store';
import { RECORD_COLUMNS, SQLITE_QUERIES, optimizeSqlite, registerDeadlineCheck } from './queries';

interface WorkOrderRow extends WorkOrderRowBase {
  first_response: string;
  fields: string;
}



interface PhoneQuery {
  team: string;
  phone: string;
  limit: number;
}

/**
 * Opens (or creates) the SQLite database and brings its schema up to date.
 * WAL with synchronous=FULL: an acknowledged write survives a crash or power loss.
 * A database from a newer service version is refused before anything is written.
 */
export function openSqliteStore(path: string): SqliteWorkOrderStore {
  const db = new Database(path);
  try {
    // Checked before anything writes (switching to WAL rewrites the header).
    const found = db.pragma('user_version', { simple: true }) as number;
    const latest = SQLITE_MIGRATIONS.at(-1)?.version ?? 0;
    if (found > latest) throw new SchemaTooNewError(found, latest);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrateSqlite(db);
    optimizeSqlite(db);
    return new SqliteWorkOrderStore(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** How often a long-running service refreshes the planner's statistics. */
export const OPTIMIZE_EVERY_MS = 60 * 60_000;

export class SqliteWorkOrderStore implements WorkOrderStore {
  private readonly statements;
  private readonly optimizeTimer: ReturnType<typeof setInterval>;
  private identity: string | null = null;
  /** The deadline of the read running now (reads are synchronous, so one at a time). */
  private readDeadline = Number.POSITIVE_INFINITY;
  readonly people: SqlitePeopleStore;
  readonly floor: SqliteFloorStore;
  readonly reference: SqliteReferenceStore;
  readonly monitor: SqliteMonitorStore;
  readonly dispatch: SqliteDispatchStore;
  readonly reviews: ReviewStore;
  readonly practice: SqlitePracticeStore;

  constructor(private readonly db: Database.Database) {
    this.people = new SqlitePeopleStore(db);
    this.floor = new SqliteFloorStore(db);
    this.reference = new SqliteReferenceStore(db);
    this.monitor = new SqliteMonitorStore(db);
    this.dispatch = new SqliteDispatchStore(db);
    this.reviews = new ReviewStore(sqliteExec(db));
    this.practice = new SqlitePracticeStore(db);
    this.optimizeTimer = setInterval(() => {
      if (db.open) optimizeSqlite(db, false);
    }, OPTIMIZE_EVERY_MS);
    this.optimizeTimer.unref();
    // Before the statements that call it are prepared.
    registerDeadlineCheck(db, () => this.readDeadline, () => new DeadlinePassedError());
    this.statements = {
      findToken: db.prepare<[string], TokenRow>(SQLITE_QUERIES.findToken),
      insertToken: db.prepare(
        'INSERT INTO api_tokens (id, token_hash, agent_id, team_id, role, label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      revokeToken: db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      listTokens: db.prepare<[], TokenRow>(
        'SELECT id, agent_id, team_id, role, label, created_at, revoked_at FROM api_tokens ORDER BY created_at, id',
      ),
      // Claims the (team, key) pair; returns nothing when it is taken, so a retry writes nothing.
      insertWorkOrder: db.prepare(
        `INSERT INTO work_orders (${RECORD_COLUMNS}, caller_phone_norm, callback_phone_norm)
         VALUES (?, ?, ?, ?, ?, ?, 1, 'received', ?, ?, ?, ?, ?, ?)
         ON CONFLICT (team_id, idempotency_key) DO NOTHING RETURNING id`,
      ),
      byKey: db.prepare<[string, string], WorkOrderRow>(SQLITE_QUERIES.byKey),
      byId: db.prepare<[string, string], WorkOrderRow>(SQLITE_QUERIES.byId),
      byPhone: db.prepare<[PhoneQuery], WorkOrderRow>(SQLITE_QUERIES.byPhone),
      updateFields: db.prepare(
        `UPDATE work_orders SET fields = ?, caller_phone_norm = ?, callback_phone_norm = ?, version = version + 1, updated_at = ?,
           first_response = ? WHERE team_id = ? AND id = ? AND version = ?`,
      ),
      updateStatus: db.prepare(
        `UPDATE work_orders SET status = ?, version = version + 1, updated_at = ?, status_changed_at = ?
         WHERE team_id = ? AND id = ? AND version = ?`,
      ),
      insertChange: db.prepare(
        'INSERT INTO work_order_changes (work_order_id, team_id, agent_id, kind, status, version, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      changes: db.prepare<[string, number, number], ChangeRow>(SQLITE_QUERIES.changes),
      head: db.prepare<[string], { head: number | null }>(SQLITE_QUERIES.head),
      horizon: db.prepare<[string], { pruned_through: number }>('SELECT pruned_through FROM feed_horizon WHERE team_id = ?'),
    };
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    clearInterval(this.optimizeTimer);
    if (this.db.open) {
      optimizeSqlite(this.db, false);
      this.db.close();
    }
  }

  async findToken(tokenHash: string): Promise<Principal | null> {
    const row = this.statements.findToken.get(tokenHash);
    return row ? { tokenId: row.id, agentId: row.agent_id, teamId: row.team_id, role: row.role } : null;
  }

  async insertToken(token: NewToken): Promise<void> {
    this.statements.insertToken.run(
      token.tokenId,
      token.tokenHash,
      token.agentId,
      token.teamId,
      token.role,
      token.label,
      token.createdAt,
    );
  }

  async revokeToken(id: string, at: number): Promise<boolean> {
    return this.statements.revokeToken.run(at, id).changes === 1;
  }

  async listTokens(): Promise<TokenInfo[]> {
    return this.statements.listTokens.all().map((row) => ({
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
    return this.write(options, () => this.createInTransaction(input));
  }

  async createWorkOrders(inputs: readonly NewWorkOrder[], options: WriteOptions = {}): Promise<CreateOutcome[]> {
    return this.write(options, () => inputs.map((input) => this.createInTransaction(input)));
  }

  /**
   * One IMMEDIATE transaction. better-sqlite3 runs it synchronously on the one
   * event loop, so nothing can interrupt it midway: the deadline is checked
   * before it starts and again before it commits (a throw rolls it back), so a
   * request whose client has given up writes nothing.
   */
  private write<T>(options: WriteOptions, work: () => T): T {
    const { deadline } = options;
    if (deadline !== undefined && Date.now() > deadline) throw new DeadlinePassedError();
    return this.db
      .transaction((): T => {
        const result = work();
        if (deadline !== undefined && Date.now() > deadline) throw new DeadlinePassedError();
        return result;
      })
      .immediate();
  }

  /** One create; the caller holds the (immediate) transaction. */
  private createInTransaction(input: NewWorkOrder): CreateOutcome {
    const s = this.statements;
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
    const claimed = s.insertWorkOrder.get(
      input.id,
      input.teamId,
      input.agentId,
      input.idempotencyKey,
      input.requestHash,
      // Rebuilt from the row on a replay until the fields are first edited (firstResponseOf).
      '',
      JSON.stringify(input.fields),
      input.at,
      input.at,
      input.at,
      normalizePhone(input.fields.callerPhone),
      normalizePhone(input.fields.callbackNumber),
    );
    if (!claimed) {
      const existing = s.byKey.get(input.teamId, input.idempotencyKey);
      if (!existing) throw new Error('idempotency key conflict without a row');
      if (existing.request_hash !== input.requestHash) return { kind: 'key-reused' };
      return { kind: 'replayed', record: firstResponseOf(existing, JSON.parse(existing.fields), existing.first_response) };
    }
    s.insertChange.run(input.id, input.teamId, input.agentId, 'created', 'received', 1, '', input.at);
    return { kind: 'created', record };
  }

  async getWorkOrder(teamId: string, id: string): Promise<WorkOrderRecord | null> {
    const row = this.statements.byId.get(teamId, id);
    return row ? toRecord(row) : null;
  }

  async listByPhone(teamId: string, normalizedPhone: string, limit: number, options: ReadOptions = {}): Promise<WorkOrderRecord[]> {
    if (normalizedPhone === '') return [];
    return this.readBy(options, () => this.statements.byPhone.all({ team: teamId, phone: normalizedPhone, limit })).map(toRecord);
  }

  /** Runs a hot read with its deadline checked on every row it examines (within_deadline in the SQL). */
  private readBy<T>(options: ReadOptions, read: () => T): T {
    this.readDeadline = options.deadline ?? Number.POSITIVE_INFINITY;
    try {
      return read();
    } finally {
      this.readDeadline = Number.POSITIVE_INFINITY;
    }
  }

  async updateWorkOrder(input: UpdateWorkOrder, options: WriteOptions = {}): Promise<UpdateOutcome> {
    const s = this.statements;
    return this.write(options, (): UpdateOutcome => {
        const row = s.byId.get(input.teamId, input.id);
        if (!row) return { kind: 'not-found' };
        const refused = refuseEdit(row, input.expectedVersion);
        if (refused) return { kind: refused, current: toRecord(row) };
        s.updateFields.run(
          JSON.stringify(input.fields),
          normalizePhone(input.fields.callerPhone),
          normalizePhone(input.fields.callbackNumber),
          input.at,
          // The first edit keeps the create's answer (its fields are about to change).
          row.first_response === '' ? JSON.stringify(firstResponseOf(row, JSON.parse(row.fields), '')) : row.first_response,
          input.teamId,
          input.id,
          input.expectedVersion,
        );
        const version = row.version + 1;
        s.insertChange.run(input.id, input.teamId, input.agentId, 'updated', row.status, version, '', input.at);
        return { kind: 'updated', record: toRecord({ ...row, version, fields: JSON.stringify(input.fields), updated_at: input.at }) };
    });
  }

  async changeStatus(input: ChangeStatus, options: WriteOptions = {}): Promise<StatusOutcome> {
    const s = this.statements;
    return this.write(options, (): StatusOutcome => {
        const row = s.byId.get(input.teamId, input.id);
        if (!row) return { kind: 'not-found' };
        const refused = refuseStatusChange(row, input.expectedVersion, input.status);
        if (refused) return { kind: refused, current: toRecord(row) };
        s.updateStatus.run(input.status, input.at, input.at, input.teamId, input.id, row.version);
        const version = row.version + 1;
        s.insertChange.run(input.id, input.teamId, input.agentId, 'status', input.status, version, input.note, input.at);
        return {
          kind: 'changed',
          record: toRecord({ ...row, version, status: input.status, updated_at: input.at, status_changed_at: input.at }),
        };
    });
  }

  async headCursor(teamId: string): Promise<number> {
    return this.statements.head.get(teamId)?.head ?? 0;
  }

  async pruneChanges(before: number, maxRowsPerTeam: number): Promise<number> {
    const teams = this.db.prepare('SELECT DISTINCT team_id FROM api_tokens').pluck().all() as string[];
    const oldest = this.db.prepare<[string, number], { seq: number; at: number }>(
      'SELECT seq, at FROM work_order_changes WHERE team_id = ? ORDER BY seq LIMIT ?',
    );
    const remove = this.db.prepare('DELETE FROM work_order_changes WHERE team_id = ? AND seq <= ?');
    const horizon = this.db.prepare(
      `INSERT INTO feed_horizon (team_id, pruned_through) VALUES (?, ?)
       ON CONFLICT (team_id) DO UPDATE SET pruned_through = max(pruned_through, excluded.pruned_through)`,
    );
    let removed = 0;
    for (const team of teams) {
      // One short transaction per team: the event loop is never held for long.
      removed += this.db
        .transaction(() => {
          const through = pruneBoundary(oldest.all(team, maxRowsPerTeam), before);
          if (through === null) return 0;
          const { changes } = remove.run(team, through);
          horizon.run(team, through);
          return changes;
        })
        .immediate();
    }
    return removed;
  }

  async feedHorizon(teamId: string): Promise<number> {
    return this.statements.horizon.get(teamId)?.pruned_through ?? 0;
  }

  async serviceId(): Promise<string> {
    this.identity ??= (this.db.prepare('SELECT id FROM service_identity').pluck().get() as string | undefined) ?? '';
    return this.identity;
  }

  async listChanges(teamId: string, since: number, limit: number, options: ReadOptions = {}): Promise<WorkOrderChange[]> {
    return this.readBy(options, () => this.statements.changes.all(teamId, since, limit)).map((row) => ({
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
}

function toRecord(row: WorkOrderRow): WorkOrderRecord {
  return recordFromRow(row, JSON.parse(row.fields));
}

export { SchemaTooNewError };

import type Database from 'better-sqlite3';
import { canEditWorkOrder, canSubmitWorkOrder } from '../../shared/domain/work-order-editing';
import { randomUUID } from 'node:crypto';
import { callDraftPrefill, isUntouchedDraft } from '../../shared/domain/work-order-untouched';
import {
  WorkOrderDraftSchema,
  draftCallerPhone,
  emptyWorkOrderDraft,
  normalizePhone,
  workOrderSubmitSchema,
  type WorkOrderDraft,
  type WorkOrderRecord,
  type WorkOrderChange,
} from '../../shared/domain/work-order';
import {
  type Attention,
  type SyncState,
  type WorkOrderSummary,
  type WorkOrderView,
} from '../../shared/domain/work-order-sync';
import { issuesOf } from '../../shared/ipc/envelope';
import { readAttention, readFields, toSummary, toView, type Row, type RowWithCall } from './work-order-rows';
import { prepareWorkOrderStatements, type WorkOrderStatements } from './work-order-statements';

/** How many discarded drafts are remembered so that a late save can bring one back (see discardIfUntouched). */
export const DISCARDED_REMEMBERED = 200;

/** How many call-back drafts' pre-filled fields are remembered (for the agent closing one untouched). */
export const PREFILLS_REMEMBERED = 200;

function rememberBounded<V>(map: Map<string, V>, key: string, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > limit) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
}


/** A queued work order as the outbox sends it. */
export interface OutboxItem {
  id: string;
  idempotencyKey: string;
  revision: number;
  fields: WorkOrderDraft;
  attempts: number;
  serverId: string | null;
  serverVersion: number | null;
  /** The fields at serverVersion, to tell a status-only change from an edit on the service. */
  serverFields: WorkOrderDraft | null;
}

/** What one send came to; applied only while the row is still `sending`. */
export type OutboxResult =
  | { kind: 'synced'; id: string; record: WorkOrderRecord }
  | { kind: 'retry'; id: string; error: string; nextAttemptAt: number }
  | { kind: 'attention'; id: string; attention: Attention; error: string };

export type SaveOutcome =
  | { kind: 'saved'; id: string; revision: number; updatedAt: number }
  | { kind: 'not-found' }
  | { kind: 'not-editable'; state: SyncState };

export type SubmitOutcome =
  | { kind: 'queued'; view: WorkOrderView }
  /** A practice work order passed the completeness check; it stays on this desk as it is. */
  | { kind: 'practice-checked'; view: WorkOrderView }
  | { kind: 'invalid'; issues: { path: string; message: string }[] }
  | { kind: 'not-found' }
  | { kind: 'not-editable'; state: SyncState };

export type ResolveOutcome = { kind: 'resolved'; view: WorkOrderView } | { kind: 'not-found' } | { kind: 'no-conflict' };

/**
 * Work orders in the local SQLite store. Every method is one transaction,
 * committed (WAL, synchronous=FULL: fsynced) before it returns, so whatever it
 * acknowledges survives a crash, kill -9 or power loss.
 */
export class WorkOrdersRepo {
  private readonly st: WorkOrderStatements;
  /**
   * Untouched drafts discarded while a window may still hold them open (the
   * call ended, the agent is in after-call work): a save or submit that
   * arrives later brings the row back whole, so nothing typed is ever lost.
   * Oldest forgotten first, at most DISCARDED_REMEMBERED.
   */
  private readonly discarded = new Map<string, Row>();
  /** What the desk pre-filled into the call-back drafts created in this run (a call's draft has its call-log entry). */
  private readonly prefills = new Map<string, WorkOrderDraft>();

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.st = prepareWorkOrderStatements(db);
  }

  /**
   * One draft per call: answering twice (or a renderer reload) reopens the same draft.
   * A practice call's draft is marked practice: it is the trainee's exercise, never the centre's.
   */
  openForCall(callId: string, callerNumber: string, callerName: string, practice = false): WorkOrderView {
    const existing = this.st.byCall.get(callId);
    if (existing) return toView(existing);
    const discarded = [...this.discarded.values()].find((row) => row.call_id === callId);
    if (discarded) return toView(this.restore(discarded.id) ?? this.require(discarded.id));
    const id = this.insert(callId, callDraftPrefill(callerNumber, callerName), practice);
    return toView(this.st.byCall.get(callId) ?? this.require(id));
  }

  /**
   * The call's draft goes if nobody touched it (isUntouchedDraft against what
   * the desk pre-filled from the call log's caller ID): it is never listed as
   * unsent and never synced. A draft with anything typed, one ever submitted
   * (it has a service id) or one in any state but `draft` stays. Returns the
   * discarded draft's id, or null.
   */
  discardIfUntouched(callId: string): string | null {
    return this.db.transaction((): string | null => {
      const row = this.st.callDraftWithCall.get(callId);
      return row ? this.discard(row) : null;
    }).immediate();
  }

  /**
   * The agent closed this work order: it goes if nobody touched it (a call's
   * draft against its call's caller ID, a call-back draft against what it was
   * created with in this run, or else against an empty draft). Same rule and
   * same way back as discardIfUntouched. True when it was discarded.
   */
  closeIfUntouched(id: string): boolean {
    return this.db.transaction((): boolean => {
      const row = this.st.byIdWithCall.get(id);
      return row ? this.discard(row) !== null : false;
    }).immediate();
  }

  /**
   * At start-up no window holds a draft open: every untouched draft left from
   * before (a crash mid-call, a build that kept them, an empty call-back draft)
   * goes. Returns how many.
   */
  discardAllUntouched(): number {
    return this.db.transaction((): number => {
      let discarded = 0;
      for (const row of this.st.drafts.all()) {
        if (this.untouched(row)) discarded += this.st.deleteDraft.run(row.id).changes;
      }
      return discarded;
    }).immediate();
  }

  /** A draft without a call (a call-back). */
  create(callerPhone = ''): WorkOrderView {
    const prefill = { ...emptyWorkOrderDraft(), callerPhone: draftCallerPhone(callerPhone) };
    const id = this.insert(null, prefill);
    rememberBounded(this.prefills, id, WorkOrderDraftSchema.parse(prefill), PREFILLS_REMEMBERED);
    return toView(this.require(id));
  }

  get(id: string): WorkOrderView | null {
    const row = this.st.byId.get(id);
    return row ? toView(row) : null;
  }

  /** Merges the changed fields (objects such as `scope` are replaced whole) into the stored draft. */
  save(id: string, changes: Partial<WorkOrderDraft>): SaveOutcome {
    return this.db.transaction((): SaveOutcome => {
      const row = this.st.byId.get(id) ?? this.restore(id);
      if (!row) return { kind: 'not-found' };
      if (!canEditWorkOrder(row.sync_state)) return { kind: 'not-editable', state: row.sync_state };
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      const fields = WorkOrderDraftSchema.parse({ ...readFields(row.fields), ...defined });
      const result = this.st.saveFields.get({ id, at: this.now(), ...this.fieldParams(fields) }) as { revision: number; updated_at: number };
      return { kind: 'saved', id, revision: result.revision, updatedAt: result.updated_at };
    }).immediate();
  }

  /** Checks completeness against the submit schema and moves the work order to the outbox. */
  submit(id: string, departmentIds: readonly string[]): SubmitOutcome {
    return this.db.transaction((): SubmitOutcome => {
      const row = this.st.byId.get(id) ?? this.restore(id);
      if (!row) return { kind: 'not-found' };
      if (!canSubmitWorkOrder(row.sync_state)) return { kind: 'not-editable', state: row.sync_state };
      const parsed = workOrderSubmitSchema(departmentIds).safeParse(readFields(row.fields));
      if (!parsed.success) return { kind: 'invalid', issues: issuesOf(parsed.error) };
      // The trainee gets the same completeness check; the work order never joins the outbox.
      if (row.practice === 1) return { kind: 'practice-checked', view: toView(row) };
      // Resubmitting after a conflict sends this copy over the service's version (the agent has seen it).
      const attention = readAttention(row.attention);
      const overConflict = row.sync_state === 'needs-attention' && attention?.reason === 'conflict' && attention.serverVersion !== null;
      this.db
        .prepare(
          `UPDATE work_orders SET sync_state = 'queued', sync_attempts = 0, next_attempt_at = @at, last_error = NULL, attention = NULL,
             server_version = @serverVersion, server_fields = @serverFields, updated_at = @at
           WHERE id = @id`,
        )
        .run({
          id,
          at: this.now(),
          serverVersion: overConflict ? attention.serverVersion : row.server_version,
          serverFields: overConflict ? JSON.stringify(attention.serverFields) : row.server_fields,
        });
      return { kind: 'queued', view: this.view(id) };
    }).immediate();
  }

  /** keep-mine: queue this copy over the service's version; take-theirs: the service's copy replaces the draft. */
  resolveConflict(id: string, choice: 'keep-mine' | 'take-theirs'): ResolveOutcome {
    return this.db.transaction((): ResolveOutcome => {
      const row = this.st.byId.get(id);
      if (!row) return { kind: 'not-found' };
      const attention = readAttention(row.attention);
      if (row.sync_state !== 'needs-attention' || attention?.reason !== 'conflict' || attention.serverVersion === null || !attention.serverFields) {
        return { kind: 'no-conflict' };
      }
      const at = this.now();
      const serverFields = JSON.stringify(attention.serverFields);
      if (choice === 'keep-mine') {
        this.db
          .prepare(
            `UPDATE work_orders SET sync_state = 'queued', sync_attempts = 0, next_attempt_at = @at, last_error = NULL, attention = NULL,
               server_version = @version, server_fields = @serverFields, updated_at = @at WHERE id = @id`,
          )
          .run({ id, at, version: attention.serverVersion, serverFields });
      } else {
        this.db
          .prepare(
            `UPDATE work_orders SET fields = @fields, caller_phone_norm = @callerNorm, callback_phone_norm = @callbackNorm,
               revision = revision + 1, sync_state = 'synced', sync_attempts = 0, next_attempt_at = NULL, last_error = NULL,
               attention = NULL, server_version = @version, server_fields = @fields, updated_at = @at WHERE id = @id`,
          )
          .run({ id, at, version: attention.serverVersion, ...this.fieldParams(attention.serverFields) });
      }
      return { kind: 'resolved', view: this.view(id) };
    }).immediate();
  }

  /** Drafts and needs-attention orders, newest first; a call's draft nobody touched is not the agent's unsent work. */
  listUnsent(): WorkOrderSummary[] {
    return this.st.unsent
      .all()
      .filter((row) => !this.untouched(row))
      .map(toSummary);
  }

  list(limit: number): WorkOrderSummary[] {
    return this.st.list.all(limit).map(toSummary);
  }

  /** Local work orders from this number (as caller or callback number), newest first. */
  history(phone: string, limit = 20): { summary: WorkOrderSummary; serverId: string | null }[] {
    const norm = normalizePhone(phone.trim());
    if (norm === '') return [];
    return this.st.history.all(norm, norm, limit).map((row) => ({ summary: toSummary(row), serverId: row.server_id }));
  }

  counts(): { waiting: number; needsAttention: number } {
    let waiting = 0;
    let needsAttention = 0;
    for (const { sync_state, n } of this.st.counts.all()) {
      if (sync_state === 'needs-attention') needsAttention += n;
      else waiting += n;
    }
    return { waiting, needsAttention };
  }

  // --- the outbox ---------------------------------------------------------

  /** After a restart (or a change of service) nothing is on the wire: `sending` goes back to `queued`. */
  requeueSending(): number {
    return this.db
      .prepare(`UPDATE work_orders SET sync_state = 'queued', next_attempt_at = COALESCE(next_attempt_at, ?) WHERE sync_state = 'sending'`)
      .run(this.now()).changes;
  }

  /** Takes up to `limit` due work orders and marks them `sending`, in one transaction. */
  claimDue(now: number, limit: number): OutboxItem[] {
    return this.db.transaction(() => {
      const rows = this.st.due.all(now, limit);
      for (const row of rows) this.st.markSending.run(row.id);
      return rows.map(
        (row): OutboxItem => ({
          id: row.id,
          idempotencyKey: row.idempotency_key,
          revision: row.revision,
          fields: readFields(row.fields),
          attempts: row.sync_attempts + 1,
          serverId: row.server_id,
          serverVersion: row.server_version,
          serverFields: row.server_fields === null ? null : readFields(row.server_fields),
        }),
      );
    }).immediate();
  }

  /** When the next queued work order falls due (null when none is queued). */
  nextDueAt(): number | null {
    return this.st.nextDue.pluck().get() as number | null;
  }

  /** Records send outcomes, many in one transaction; returns the ids whose row changed. */
  applyResults(results: readonly OutboxResult[]): string[] {
    return this.db.transaction(() => {
      const changed: string[] = [];
      for (const result of results) {
        let info: Database.RunResult;
        if (result.kind === 'synced') {
          info = this.st.synced.run({
            id: result.id,
            serverId: result.record.id,
            version: result.record.version,
            status: result.record.status,
            statusChangedAt: result.record.statusChangedAt,
            serverFields: JSON.stringify(result.record.fields),
          });
        } else if (result.kind === 'retry') {
          info = this.st.retry.run({ id: result.id, nextAttemptAt: result.nextAttemptAt, error: result.error.slice(0, 2000) });
        } else {
          info = this.st.attention.run({ id: result.id, error: result.error.slice(0, 2000), attention: JSON.stringify(result.attention) });
        }
        if (info.changes > 0) changed.push(result.id);
      }
      return changed;
    }).immediate();
  }

  /** Applies the service's change feed (status changes) and moves the cursor, atomically. */
  applyChanges(target: string, changes: readonly WorkOrderChange[], nextCursor: string): string[] {
    return this.db.transaction(() => {
      const changed = new Set<string>();
      for (const change of changes) {
        const row = this.st.byServerId.get(change.workOrderId);
        if (!row) continue;
        if (change.kind !== 'status' && row.server_status === change.status) continue;
        const at = change.kind === 'status' ? change.at : (row.server_status_changed_at ?? change.at);
        this.st.serverStatus.run({ id: row.id, status: change.status, at });
        changed.add(row.id);
      }
      this.st.setCursor.run(target, nextCursor);
      return [...changed];
    }).immediate();
  }

  cursor(target: string): string {
    return this.st.cursor.get(target)?.cursor ?? '0';
  }

  /** Whether a cursor was ever stored for this target (a stored '0' counts). */
  hasCursor(target: string): boolean {
    return this.st.cursor.get(target) !== undefined;
  }

  // --- helpers ------------------------------------------------------------

  /** What the desk pre-filled into this draft; null when not known (a call missing from the log): then it is kept. */
  private prefillOf(row: RowWithCall): WorkOrderDraft | null {
    if (row.call_id === null) return this.prefills.get(row.id) ?? emptyWorkOrderDraft();
    if (row.call_number === null || row.call_name === null) return null;
    return callDraftPrefill(row.call_number, row.call_name);
  }

  /** A draft nobody touched: never sent, never submitted, every field as pre-filled. Not the agent's work. */
  private untouched(row: RowWithCall): boolean {
    if (row.sync_state !== 'draft' || row.server_id !== null) return false;
    const prefill = this.prefillOf(row);
    return prefill !== null && isUntouchedDraft(readFields(row.fields), prefill);
  }

  /** Deletes an untouched draft, remembering it for a late save; its id, or null when kept. */
  private discard(row: RowWithCall): string | null {
    if (!this.untouched(row) || this.st.deleteDraft.run(row.id).changes === 0) return null;
    rememberBounded(this.discarded, row.id, row, DISCARDED_REMEMBERED);
    return row.id;
  }

  /** Brings back a discarded draft as it was (same id, idempotency key, call and revision); undefined if none. */
  private restore(id: string): Row | undefined {
    const row = this.discarded.get(id);
    if (!row) return undefined;
    this.discarded.delete(id);
    this.st.restore.run({
      id: row.id,
      key: row.idempotency_key,
      callId: row.call_id,
      revision: row.revision,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      practice: row.practice,
      ...this.fieldParams(readFields(row.fields)),
    });
    return this.st.byId.get(id);
  }

  private insert(callId: string | null, fields: WorkOrderDraft, practice = false): string {
    const id = randomUUID();
    const valid = WorkOrderDraftSchema.parse(fields);
    this.st.insert.run({ id, key: randomUUID(), callId, at: this.now(), practice: practice ? 1 : 0, ...this.fieldParams(valid) });
    return id;
  }

  private fieldParams(fields: WorkOrderDraft) {
    return {
      fields: JSON.stringify(fields),
      callerNorm: normalizePhone(fields.callerPhone),
      callbackNorm: normalizePhone(fields.callbackNumber),
    };
  }

  private view(id: string): WorkOrderView {
    return toView(this.require(id));
  }

  private require(id: string): Row {
    const row = this.st.byId.get(id);
    if (!row) throw new Error(`Work order ${id} vanished`);
    return row;
  }
}

import type Database from 'better-sqlite3';
import type { Row, RowWithCall } from './work-order-rows';
import type { SyncState } from '../../shared/domain/work-order-sync';

/** The work-order repo's statements, prepared once per database. */
export function prepareWorkOrderStatements(db: Database.Database) {
  return {
    byId: db.prepare<[string], Row>('SELECT * FROM work_orders WHERE id = ?'),
    byCall: db.prepare<[string], Row>('SELECT * FROM work_orders WHERE call_id = ?'),
    insert: db.prepare(
      `INSERT INTO work_orders (id, idempotency_key, call_id, fields, caller_phone_norm, callback_phone_norm, created_at, updated_at, practice)
       VALUES (@id, @key, @callId, @fields, @callerNorm, @callbackNorm, @at, @at, @practice)
       ON CONFLICT (call_id) DO NOTHING`,
    ),
    saveFields: db.prepare(
      `UPDATE work_orders SET fields = @fields, caller_phone_norm = @callerNorm, callback_phone_norm = @callbackNorm,
         revision = revision + 1, updated_at = @at,
         sync_state = CASE sync_state WHEN 'synced' THEN 'draft' ELSE sync_state END
       WHERE id = @id RETURNING revision, updated_at`,
    ),
    due: db.prepare<[number, number], Row>(
      `SELECT * FROM work_orders WHERE sync_state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`,
    ),
    markSending: db.prepare(`UPDATE work_orders SET sync_state = 'sending', sync_attempts = sync_attempts + 1 WHERE id = ?`),
    nextDue: db.prepare(`SELECT MIN(next_attempt_at) FROM work_orders WHERE sync_state = 'queued'`),
    counts: db.prepare<[], { sync_state: SyncState; n: number }>(
      `SELECT sync_state, COUNT(*) AS n FROM work_orders WHERE sync_state IN ('queued', 'sending', 'needs-attention') GROUP BY sync_state`,
    ),
    synced: db.prepare(
      `UPDATE work_orders SET sync_state = 'synced', next_attempt_at = NULL, last_error = NULL, attention = NULL,
         server_id = @serverId, server_version = @version, server_status = @status, server_status_changed_at = @statusChangedAt,
         server_fields = @serverFields
       WHERE id = @id AND sync_state = 'sending'`,
    ),
    retry: db.prepare(
      `UPDATE work_orders SET sync_state = 'queued', next_attempt_at = @nextAttemptAt, last_error = @error
       WHERE id = @id AND sync_state = 'sending'`,
    ),
    attention: db.prepare(
      `UPDATE work_orders SET sync_state = 'needs-attention', next_attempt_at = NULL, last_error = @error, attention = @attention
       WHERE id = @id AND sync_state = 'sending'`,
    ),
    byServerId: db.prepare<[string], Row>('SELECT * FROM work_orders WHERE server_id = ?'),
    serverStatus: db.prepare(
      `UPDATE work_orders SET server_status = @status, server_status_changed_at = @at WHERE id = @id`,
    ),
    history: db.prepare<[string, string, number], Row>(
      `SELECT * FROM work_orders WHERE (caller_phone_norm = ? OR callback_phone_norm = ?) AND practice = 0 ORDER BY created_at DESC LIMIT ?`,
    ),
    list: db.prepare<[number], Row>('SELECT * FROM work_orders WHERE practice = 0 ORDER BY updated_at DESC LIMIT ?'),
    unsent: db.prepare<[], RowWithCall>(
      `SELECT w.*, c.remote_number AS call_number, c.remote_name AS call_name
       FROM work_orders w LEFT JOIN calls c ON c.id = w.call_id
       WHERE w.sync_state IN ('draft', 'needs-attention') AND w.practice = 0 ORDER BY w.updated_at DESC LIMIT 500`,
    ),
    callDraftWithCall: db.prepare<[string], RowWithCall>(
      `SELECT w.*, c.remote_number AS call_number, c.remote_name AS call_name
       FROM work_orders w JOIN calls c ON c.id = w.call_id WHERE w.call_id = ?`,
    ),
    byIdWithCall: db.prepare<[string], RowWithCall>(
      `SELECT w.*, c.remote_number AS call_number, c.remote_name AS call_name
       FROM work_orders w LEFT JOIN calls c ON c.id = w.call_id WHERE w.id = ?`,
    ),
    drafts: db.prepare<[], RowWithCall>(
      `SELECT w.*, c.remote_number AS call_number, c.remote_name AS call_name
       FROM work_orders w LEFT JOIN calls c ON c.id = w.call_id WHERE w.sync_state = 'draft' AND w.server_id IS NULL`,
    ),
    deleteDraft: db.prepare(`DELETE FROM work_orders WHERE id = ? AND sync_state = 'draft' AND server_id IS NULL`),
    restore: db.prepare(
      `INSERT INTO work_orders (id, idempotency_key, call_id, fields, caller_phone_norm, callback_phone_norm, revision, created_at, updated_at, practice)
       VALUES (@id, @key, @callId, @fields, @callerNorm, @callbackNorm, @revision, @createdAt, @updatedAt, @practice)`,
    ),
    cursor: db.prepare<[string], { cursor: string }>('SELECT cursor FROM work_order_sync_cursors WHERE target = ?'),
    setCursor: db.prepare(
      'INSERT INTO work_order_sync_cursors (target, cursor) VALUES (?, ?) ON CONFLICT (target) DO UPDATE SET cursor = excluded.cursor',
    ),
  };
}

export type WorkOrderStatements = ReturnType<typeof prepareWorkOrderStatements>;

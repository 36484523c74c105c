import {
  WorkOrderDraftSchema,
  emptyWorkOrderDraft,
  type WorkOrderDraft,
  type WorkOrderStatus,
} from '../../shared/domain/work-order';
import {
  AttentionSchema,
  type Attention,
  type SyncState,
  type WorkOrderSummary,
  type WorkOrderView,
} from '../../shared/domain/work-order-sync';

// The work_orders row as SQLite holds it, and what the desk shows of it.

export interface Row {
  id: string;
  idempotency_key: string;
  call_id: string | null;
  fields: string;
  revision: number;
  created_at: number;
  updated_at: number;
  sync_state: SyncState;
  sync_attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  attention: string | null;
  server_id: string | null;
  server_version: number | null;
  server_status: WorkOrderStatus | null;
  server_status_changed_at: number | null;
  server_fields: string | null;
  /** 1: a practice call's work order (never queued, never synced, never listed; see migration 0300). */
  practice: number;
}

/** A work-order row with its call's caller ID (what the desk pre-filled the draft from), when it has a call in the log. */
export interface RowWithCall extends Row {
  call_number: string | null;
  call_name: string | null;
}

/**
 * Parses stored fields with the one schema. A row written by an older build (or
 * damaged by hand) keeps every field that is still valid; the rest fall back to empty.
 */
export function readFields(json: string | null): WorkOrderDraft {
  let raw: unknown;
  try {
    raw = json === null ? null : JSON.parse(json);
  } catch {
    raw = null;
  }
  const parsed = WorkOrderDraftSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const salvaged: Record<string, unknown> = { ...emptyWorkOrderDraft() };
  if (raw && typeof raw === 'object') {
    for (const [key, schema] of Object.entries(WorkOrderDraftSchema.shape)) {
      const value = (raw as Record<string, unknown>)[key];
      const field = (schema as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(value);
      if (field.success) salvaged[key] = field.data;
    }
  }
  return salvaged as WorkOrderDraft;
}

export function readAttention(json: string | null): Attention | null {
  if (json === null) return null;
  try {
    const parsed = AttentionSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function toView(row: Row): WorkOrderView {
  return {
    id: row.id,
    callId: row.call_id,
    idempotencyKey: row.idempotency_key,
    fields: readFields(row.fields),
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sync: {
      state: row.sync_state,
      attempts: row.sync_attempts,
      nextAttemptAt: row.next_attempt_at,
      lastError: row.last_error,
      attention: readAttention(row.attention),
    },
    ...(row.practice === 1 ? { practice: true } : {}),
    server:
      row.server_id !== null && row.server_version !== null && row.server_status !== null
        ? {
            id: row.server_id,
            version: row.server_version,
            status: row.server_status,
            statusChangedAt: row.server_status_changed_at ?? row.updated_at,
          }
        : null,
  };
}

export function toSummary(row: Row): WorkOrderSummary {
  const fields = readFields(row.fields);
  return {
    id: row.id,
    source: 'local',
    callerPhone: fields.callerPhone,
    summary: fields.summary,
    type: fields.type,
    createdAt: row.created_at,
    syncState: row.sync_state,
    serverStatus: row.server_status,
    statusChangedAt: row.server_status_changed_at,
  };
}

import type { SyncState } from './work-order-sync';

/**
 * What the agent may do with a work order in each sync state: the one rule
 * that main enforces and the screen shows.
 * - draft / needs-attention: edit and submit;
 * - synced: edit (an amendment, 补充): the first edit makes it a draft again,
 *   whose submit sends the change over the version the service last confirmed;
 * - queued / sending: nothing until the outbox has an answer.
 */
const EDITABLE: ReadonlySet<SyncState> = new Set(['draft', 'needs-attention', 'synced']);
const SUBMITTABLE: ReadonlySet<SyncState> = new Set(['draft', 'needs-attention']);

export function canEditWorkOrder(state: SyncState): boolean {
  return EDITABLE.has(state);
}

export function canSubmitWorkOrder(state: SyncState): boolean {
  return SUBMITTABLE.has(state);
}

/** A draft of something the service already has: its submit is an amendment (补充), not a new work order. */
export function isAmendment(view: { sync: { state: SyncState }; server: { version: number } | null }): boolean {
  return view.server !== null && view.sync.state !== 'queued' && view.sync.state !== 'sending';
}

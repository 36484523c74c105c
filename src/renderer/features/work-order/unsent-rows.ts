import type { WorkOrderSummary } from '../../../shared/domain/work-order-sync';

/** How many unsent work orders the list shows before "N more". */
export const UNSENT_SHOWN = 3;

/** The work order open in the pane, as the agent has it now (the list may be a moment older). */
export interface OpenWorkOrder {
  id: string;
  summary: string;
  /** Its sync state as this window last heard it (submitted a moment ago: 'queued'). */
  syncState: string | null;
}

export interface UnsentList {
  /** The rows to show (at most `limit`, needs-attention first, then newest). */
  rows: WorkOrderSummary[];
  /** How many more there are beyond the rows. */
  more: number;
  /** Every unsent work order except the one open in the pane. */
  total: number;
}

const UNSENT_STATES: ReadonlySet<string> = new Set(['draft', 'needs-attention']);

/**
 * The unsent work orders the agent still has to deal with: the one open in
 * the pane is not among them (it is on screen, and counting it made the
 * number grow with every call), a work order this window has just submitted
 * goes at once (not only when the list is read again), and a row shows the
 * summary as typed, never an older copy.
 */
export function unsentList(unsent: readonly WorkOrderSummary[], open: OpenWorkOrder | null, limit = UNSENT_SHOWN, expanded = false): UnsentList {
  const others = unsent.filter((entry) => entry.id !== open?.id && (entry.syncState === null || UNSENT_STATES.has(entry.syncState)));
  const ordered = [...others].sort((a, b) => Number(b.syncState === 'needs-attention') - Number(a.syncState === 'needs-attention'));
  const rows = expanded ? ordered : ordered.slice(0, limit);
  return { rows, more: ordered.length - rows.length, total: ordered.length };
}

/** True when the list's copy of the open work order is out of date (its summary was saved since, or it was submitted). */
export function listIsStale(unsent: readonly WorkOrderSummary[], open: OpenWorkOrder | null): boolean {
  if (!open) return false;
  const listed = unsent.find((entry) => entry.id === open.id);
  const unsentNow = open.syncState === null || UNSENT_STATES.has(open.syncState);
  if (!listed) return unsentNow;
  return !unsentNow || listed.summary !== open.summary;
}

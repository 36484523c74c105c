import type { CallLedgerEvent } from '../../shared/domain/call-log';
import { normalizePhone } from '../../shared/domain/work-order';
import type { WorkOrderSummary, WorkOrderView } from '../../shared/domain/work-order-sync';
import type { CallsRepo } from '../store/calls-repo';
import type { WorkOrdersRepo } from '../work-orders/repo';

export interface CallerContext {
  /** Earlier answered calls from this number (not counting this one; practice calls never count). */
  previousCalls: number;
  /** The newest earlier work order's summary, '' if none. */
  lastSummary: string;
  /** Earlier work orders from this number, local and from the service, newest first, one each. */
  workOrders: WorkOrderSummary[];
  /** False when the service could not be asked: only local work orders are listed. */
  serviceReachable: boolean;
}

export interface CallLedgerDeps {
  calls: CallsRepo;
  workOrders: WorkOrdersRepo;
  /** Earlier work orders from a number, local and from the work-order service (bounded in time). */
  workOrderHistory(phone: string): Promise<{ entries: WorkOrderSummary[]; serviceReachable: boolean }>;
}

/** Local and service rows for the same work order may both come back; newest first, one each. */
export function orderHistory(entries: readonly WorkOrderSummary[]): WorkOrderSummary[] {
  const seen = new Set<string>();
  return [...entries]
    .sort((a, b) => b.createdAt - a.createdAt)
    .filter((entry) => {
      const key = `${entry.source}:${entry.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * Main's one call ledger: every call event of every call source arrives here
 * on one channel. It writes the call log, opens the call's draft work order at
 * answer (so the renderer never sequences requests for it; a consultation leg
 * gets none: the caller's draft stays the one in use; a practice call's is
 * marked practice and never leaves the desk), discards that draft
 * at the call's end if nobody touched it, answers the one
 * caller-context query (one phone normalisation for the repeat-caller badge,
 * the history and the work orders), and tells its listeners, which is where
 * agent and call state will go on to the centre.
 */
export class CallLedger {
  private readonly listeners = new Set<(event: CallLedgerEvent) => void>();

  constructor(private readonly deps: CallLedgerDeps) {}

  /** Records one event; an answered call (not a consultation leg) gets its draft work order in the reply, a practice call a practice one. */
  record(event: CallLedgerEvent): { workOrder: WorkOrderView | null } {
    let workOrder: WorkOrderView | null = null;
    switch (event.type) {
      case 'ringing':
        this.deps.calls.started(event);
        break;
      case 'answered':
        this.deps.calls.answered(event);
        if (event.consultFor === null) {
          workOrder = this.deps.workOrders.openForCall(event.id, event.remoteNumber, event.remoteName, event.practice);
        }
        break;
      case 'ended':
        if (!this.deps.calls.ended(event)) throw new LedgerUnknownCall(event.id);
        // Typed in after the end (after-call work), a discarded draft comes back whole: see WorkOrdersRepo.save.
        this.deps.workOrders.discardIfUntouched(event.id);
        break;
    }
    for (const listener of this.listeners) listener(event);
    return { workOrder };
  }

  async callerContext(callId: string, number: string): Promise<CallerContext> {
    const phone = number.trim();
    if (normalizePhone(phone) === '') return { previousCalls: 0, lastSummary: '', workOrders: [], serviceReachable: true };
    const history = await this.deps.workOrderHistory(phone);
    const workOrders = orderHistory(history.entries);
    return {
      previousCalls: this.deps.calls.answeredBefore(normalizePhone(phone), callId),
      lastSummary: workOrders.find((entry) => entry.summary.trim() !== '')?.summary ?? '',
      workOrders,
      serviceReachable: history.serviceReachable,
    };
  }

  onEvent(listener: (event: CallLedgerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export class LedgerUnknownCall extends Error {
  constructor(readonly callId: string) {
    super(`No call ${callId}`);
  }
}

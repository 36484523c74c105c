import type { CallLedgerEventInput } from '../../../shared/domain/call-log';
import type { WorkOrderView } from '../../../shared/domain/work-order-sync';
import { nextPaint } from '../../base/perf-marks';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';

/**
 * Reports call events to main's ledger one after another, so an end never
 * overtakes the ringing it ends. A failed report is logged, not shown: the
 * agent is on the phone, and the call itself is unaffected.
 */
export class LedgerReporter {
  private queue: Promise<unknown> = Promise.resolve();
  /** Called after main has recorded a call's end (the call log reloads). */
  onEndRecorded: () => void = () => undefined;

  /**
   * Queued at once (so nothing reported later can overtake it), sent once the
   * frame showing the new call has been painted: the IPC round trip is not on
   * the path from INVITE to the ringing panel.
   */
  ringing(event: Extract<CallLedgerEventInput, { type: 'ringing' }>): void {
    void this.send('ringing', async () => {
      await nextPaint();
      return unwrap(bridge().calls.event(event));
    });
  }

  /** Resolves with the draft main opened for the call (a practice call: a practice draft; null for a consultation leg or on failure). */
  answered(event: Extract<CallLedgerEventInput, { type: 'answered' }>): Promise<WorkOrderView | null> {
    return this.send('answered', () => unwrap(bridge().calls.event(event))).then((reply) => reply?.workOrder ?? null);
  }

  ended(event: Extract<CallLedgerEventInput, { type: 'ended' }>): Promise<void> {
    return this.send('ended', () => unwrap(bridge().calls.event(event))).then((reply) => {
      if (reply) this.onEndRecorded();
    });
  }

  /** Resolves once every report queued so far has been answered. */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private send<T>(what: string, report: () => Promise<T>): Promise<T | null> {
    const sent = this.queue.then(report).then(
      (reply) => reply,
      (error: unknown) => {
        console.warn(`Could not report ${what} to the call ledger`, error);
        return null;
      },
    );
    this.queue = sent;
    return sent;
  }
}

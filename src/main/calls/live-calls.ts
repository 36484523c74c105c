import type { CallLedgerEvent } from '../../shared/domain/call-log';

/** Whether a call is ringing or up on the desk, from the call ledger's events (main's one record of calls). */
export function trackLiveCalls(onEvent: (listener: (event: CallLedgerEvent) => void) => () => void): { busy: () => boolean; stop: () => void } {
  const live = new Set<string>();
  const stop = onEvent((event) => {
    if (event.type === 'ended') live.delete(event.id);
    else live.add(event.id);
  });
  return { busy: () => live.size > 0, stop };
}

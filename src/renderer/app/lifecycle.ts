import { flushCalls } from '../features/call-session';
import { withTimeout } from '../base/with-timeout';
import { useWorkOrderStore } from '../features/work-order';
import { usePhoneStore } from '../features/phone';
import { bridge } from '../ipc/bridge';
import { unwrap } from '../ipc/ipc-call-error';

/** Main waits for our answer before closing; never make it wait forever. */
export const FLUSH_BUDGET_MS = 3_000;

/**
 * Before the window closes, main asks us to flush: save the draft's pending
 * edits and let queued call-log reports land, then say so. Whatever happens,
 * we answer, so a failing save can never keep the window open.
 */
export function listenForFlushRequests(): () => void {
  return bridge().on('lifecycle:flushRequest', () => {
    void flushEverything();
  });
}

async function flushEverything(): Promise<void> {
  // The phone un-REGISTERs first (bounded in stop()), so the registrar keeps no binding of a
  // closed desk; the calls it ends are then reported with the others.
  const phoneGone = usePhoneStore
    .getState()
    .stop()
    .catch((error: unknown) => console.warn('Could not stop the phone before close', error));
  const pending = Promise.all([useWorkOrderStore.getState().flush(), phoneGone.then(() => flushCalls())]);
  await withTimeout(pending, FLUSH_BUDGET_MS, 'flush').catch((error: unknown) =>
    console.warn('Flush before close was incomplete', error),
  );
  await unwrap(bridge().lifecycle.flushed({})).catch((error: unknown) =>
    console.warn('Could not confirm the flush to main', error),
  );
}

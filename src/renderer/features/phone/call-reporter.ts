import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';
import { nextPaint } from './perf-marks';

/**
 * Reports call events to main one after another: `calls.answered` must never
 * overtake the `calls.started` it refers to. A failed report is logged, not
 * shown: the agent is on the phone, and the call itself is unaffected.
 */
let queue: Promise<void> = Promise.resolve();

export function reportCall(what: string, send: () => Promise<unknown>): Promise<void> {
  queue = queue.then(send).then(
    () => undefined,
    (error: unknown) => console.warn(`Could not report ${what} to the call log`, error),
  );
  return queue;
}

/** Resolves once every report queued so far has been answered. */
export function reportsSettled(): Promise<void> {
  return queue;
}

export const callReports = {
  /**
   * Queued at once (so nothing reported later can overtake it), sent once the
   * frame showing the new call has been painted: the IPC round trip is not on
   * the path from INVITE to the ringing panel.
   */
  started: (call: { id: string; number: string; name: string; startedAt: number; direction?: 'inbound' | 'outbound' }) =>
    reportCall('calls.started', async () => {
      await nextPaint();
      return unwrap(
        bridge().calls.started({
          id: call.id,
          direction: call.direction ?? 'inbound',
          remoteNumber: call.number,
          remoteName: call.name,
          startedAt: call.startedAt,
        }),
      );
    }),
  answered: (id: string, answeredAt: number) =>
    reportCall('calls.answered', () => unwrap(bridge().calls.answered({ id, answeredAt }))),
  ended: (request: Parameters<ReturnType<typeof bridge>['calls']['ended']>[0]) =>
    reportCall('calls.ended', () => unwrap(bridge().calls.ended(request))),
};

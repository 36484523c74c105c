import { TimelineWriter } from '../../base/timeline-writer';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';
import { useWorkOrderStore } from '../work-order';
import { CallSessions } from './call-sessions';
import { LedgerReporter } from './ledger-reporter';

/** Batches every call's timeline rows to main (one IPC call, one SQLite transaction, every 500 ms). */
export const timelineWriter = new TimelineWriter(async (callId, entries) => {
  await unwrap(bridge().guidance.appendTimeline({ callId, entries }));
});

export const ledgerReporter = new LedgerReporter();

/** The calls of this window's desk. */
export const callSessions = new CallSessions({
  ledger: ledgerReporter,
  timeline: timelineWriter,
  departmentName: (id) => useWorkOrderStore.getState().departments.find((d) => d.id === id)?.nameZh ?? id,
});

/** What the call screens do; each goes to the source that owns the call. */
export const callActions = {
  answer: (callId?: string) => callSessions.answer(callId),
  decline: (callId?: string) => callSessions.decline(callId),
  hangup: (callId?: string) => callSessions.hangup(callId),
  hold: (callId?: string) => callSessions.hold(callId),
  resume: (callId?: string) => callSessions.resume(callId),
  setMuted: (muted: boolean, callId?: string) => callSessions.setMuted(muted, callId),
  clearEnded: (callId: string) => callSessions.clearEnded(callId),
};

/** Saves what the calls still hold (window closing). */
export function flushCalls(): Promise<void> {
  return Promise.all([ledgerReporter.settled(), timelineWriter.flush()]).then(() => undefined);
}

import type { PracticeFinished } from '../../../shared/ipc/contract-practice';
import { scenarioVersion, type PracticeState, type Scenario } from '../../../shared/practice';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';
import { callSessions, ledgerReporter } from '../call-session';
import { loadPracticeResults } from './practice-history-store';

/** What the simulated caller did on a finished practice call, for its result. */
export function practiceFinished(callId: string, scenario: Scenario, state: PracticeState): PracticeFinished {
  return {
    callId,
    scenarioId: scenario.id,
    scenarioVersion: scenarioVersion(scenario),
    endedBy: state.endedBy,
    lines: state.said.slice(0, 200).map((line) => ({ id: line.id, atMs: Math.max(0, Math.round(line.atMs)) })),
    holds: state.holds.slice(0, 50).map((hold) => ({ fromMs: Math.max(0, Math.round(hold.fromMs)), toMs: Math.max(0, Math.round(hold.toMs)) })),
  };
}

/**
 * Main scores the finished practice call and keeps its result, which goes to
 * the signed-in centre once: what the desk still holds of the call (timeline
 * rows, work-order edits) is saved first, so the score judges all of it. A
 * failure only costs the trainer's copy; the trainee's feedback scores on its own.
 */
export async function reportPracticeResult(finished: PracticeFinished): Promise<void> {
  const session = callSessions.session(finished.callId);
  // The call's end reaches main's call log first (its end time, who ended it), then what the call still holds.
  await Promise.all([ledgerReporter.settled(), session?.timeline.flush(), session?.workOrder.flush()]).catch(() => undefined);
  await unwrap(bridge().practice.finished(finished)).catch(() => undefined);
  // Where the kept result stands with the centre (the end-of-call line, the trainee's history).
  await loadPracticeResults().catch(() => undefined);
}

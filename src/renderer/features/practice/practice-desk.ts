import type { Language } from '../../../shared/domain/settings';
import { bundledScenario } from '../../../shared/practice';
import { callSessions, type DeskCallEvent } from '../call-session';
import { livePracticeScenario } from '../phone';
import { LivePracticeCalls } from './live-practice';
import { PracticeCallSource } from './practice-call-source';
import { reportPracticeResult } from './practice-result';
import { putPracticeCall, removeEndedPracticeCalls, updatePracticeCall } from './practice-store';

let source: PracticeCallSource | null = null;

/** The desk's practice caller, taking part in the call sessions from its first use. */
function practiceCalls(): PracticeCallSource {
  if (!source) {
    source = new PracticeCallSource();
    callSessions.attach(source);
  }
  return source;
}

/** The scenario a newcomer starts with (the welcome's one-key practice call): a plain policy question, a calm caller. */
export const FIRST_PRACTICE_SCENARIO = 'policy-question';

/** A bundled scenario's title in `language` ('' if there is no such scenario). */
export function practiceScenarioTitle(scenarioId: string, language: Language): string {
  return bundledScenario(scenarioId)?.title[language] ?? '';
}

/** A practice call from a bundled scenario rings on this desk; returns its call id. */
export function startPracticeCall(scenarioId: string, language: Language): string {
  return practiceCalls().ring(scenarioId, language);
}

/**
 * The trainee's side of live practice calls (a trainer's desk calls this one as a scenario's caller): shown as
 * practice, and at the end scored, kept and sent like a simulated caller's. Wired at start, before any call.
 */
export function startLivePractice(onCallEvent: (listener: (event: DeskCallEvent) => void) => () => void): () => void {
  const live = new LivePracticeCalls({
    scenarioOf: livePracticeScenario,
    started: ({ callId, scenarioId, trainerNumber, trainerName }) => {
      removeEndedPracticeCalls();
      const title = bundledScenario(scenarioId)!.title;
      putPracticeCall({ callId, scenarioId, title, line: null, ended: false, live: { trainerNumber, trainerName } });
    },
    ended: (callId, finished) => {
      updatePracticeCall(callId, { ended: true });
      if (finished) void reportPracticeResult(finished);
    },
  });
  return onCallEvent((event) => live.handle(event));
}

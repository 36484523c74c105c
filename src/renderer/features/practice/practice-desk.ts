import type { Language } from '../../../shared/domain/settings';
import { bundledScenario } from '../../../shared/practice';
import { callSessions } from '../call-session';
import { PracticeCallSource } from './practice-call-source';

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

import type { Language } from '../../../shared/domain/settings';
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

/** A practice call from a bundled scenario rings on this desk; returns its call id. */
export function startPracticeCall(scenarioId: string, language: Language): string {
  return practiceCalls().ring(scenarioId, language);
}

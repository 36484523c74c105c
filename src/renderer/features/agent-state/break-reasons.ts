import { breakReasonLabel, defaultBreakReasonOf, type DefaultBreakReasonKey } from '../../../shared/domain/agent-state';

/** How the desk's language names a default break reason's key. */
export type BreakReasonNames = (key: DefaultBreakReasonKey) => string;

const KEYS: readonly DefaultBreakReasonKey[] = ['meal', 'rest', 'training', 'meeting', 'recovery'];

/** The settings' text of the stored reasons, in the desk's language. */
export function breakReasonsText(reasons: readonly string[], names: BreakReasonNames, language: string): string {
  return reasons.map((reason) => breakReasonLabel(reason, names)).join(language.startsWith('zh') ? '，' : ', ');
}

/** What the agent typed, as reasons to store: a default one's name in either language is stored as its value. */
export function parseBreakReasons(text: string, names: BreakReasonNames): string[] {
  const byName = new Map(KEYS.map((key) => [names(key).toLowerCase(), defaultBreakReasonOf(key)]));
  return text
    .split(/[,，、\n]/)
    .map((reason) => reason.trim())
    .filter(Boolean)
    .map((reason) => byName.get(reason.toLowerCase()) ?? reason);
}

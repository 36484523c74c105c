import { useTranslation } from 'react-i18next';
import { breakReasonLabel, DEFAULT_BREAK_REASON_KEY_LIST, defaultBreakReasonOf, type DefaultBreakReasonKey } from '../../../shared/domain/agent-state';

/** How the desk's language names a default break reason's key. */
export type BreakReasonNames = (key: DefaultBreakReasonKey) => string;

/** The desk's names for the default break reasons, in its current language. */
export function useBreakReasonNames(): BreakReasonNames {
  const { t } = useTranslation('agentState');
  return (key) => t(`agentState.breakReason.${key}`);
}

/** The settings' text of the stored reasons, in the desk's language. */
export function breakReasonsText(reasons: readonly string[], names: BreakReasonNames, language: string): string {
  return reasons.map((reason) => breakReasonLabel(reason, names)).join(language.startsWith('zh') ? '，' : ', ');
}

/** What the agent typed, as reasons to store: a default one's name in either language is stored as its value. */
export function parseBreakReasons(text: string, names: BreakReasonNames): string[] {
  const byName = new Map(DEFAULT_BREAK_REASON_KEY_LIST.map((key) => [names(key).toLowerCase(), defaultBreakReasonOf(key)]));
  return text
    .split(/[,，、\n]/)
    .map((reason) => reason.trim())
    .filter(Boolean)
    .map((reason) => byName.get(reason.toLowerCase()) ?? reason);
}

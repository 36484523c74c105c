import { useTranslation } from 'react-i18next';
import { runtimeKey } from '../../../i18n/i18n-key';
import type { CentreProblem } from '../centre-calls-store';

/** What a refusal or failure from the centre says, in the replay's words. */
export function useProblemText(): (problem: CentreProblem) => string {
  const { t } = useTranslation('replay');
  return (p) => t(runtimeKey(`replay:${p.key}`), { ...p.values, error: p.values?.error ? t(runtimeKey(String(p.values.error))) : '' });
}

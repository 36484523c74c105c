import type { Namespace, TFunction } from 'i18next';
import { runtimeKey } from '../../i18n/i18n-key';
import type { ScorecardNote } from '../../../shared/scorecard';

const seconds = (ms: number) => (Math.round(ms / 100) / 10).toString();

/** What the desk saw, in words: the note's ms become seconds and step ids their names. */
export function noteText(t: TFunction<Namespace>, note: ScorecardNote | null): string {
  if (!note) return '';
  const params: Record<string, string | number> = { ...note.params };
  if (typeof note.params.ms === 'number') params.s = seconds(note.params.ms);
  if (typeof note.params.limitMs === 'number') params.limit = seconds(note.params.limitMs);
  if (typeof note.params.step === 'string') params.stepName = t(runtimeKey(`scorecard:scorecard.steps.${note.params.step}`));
  if (typeof note.params.before === 'string') params.beforeName = t(runtimeKey(`scorecard:scorecard.steps.${note.params.before}`));
  return t(runtimeKey(`scorecard:scorecard.note.${note.key}`), params);
}

/** m:ss of a moment in the call. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

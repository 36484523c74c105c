import type { TFunction } from 'i18next';
import { Checkbox, Input, Select } from 'tdesign-react';
import type { CallOutcome } from '../../../../shared/domain/call-log';
import { localDayStart } from '../../../format/date';
import { runtimeKey } from '../../../i18n/i18n-key';

/** The prompt kinds a trainer filters calls by (the rest are shown as they are named). */
export const PROMPT_KINDS = ['emergency', 'abusive', 'silent', 'caller-angry', 'out-of-scope', 'repeat-caller', 'wont-hang-up'] as const;
const OUTCOMES = ['answered', 'missed', 'declined', 'failed', 'busy', 'no-answer'] as const;

/** What the filters hold as typed (strings, as the inputs give them). */
export interface CallFilterForm {
  agent: string;
  from: string;
  to: string;
  minDuration: string;
  maxDuration: string;
  outcome: string;
  minScore: string;
  maxScore: string;
  prompts: string[];
}

export const EMPTY_CALL_FILTERS: CallFilterForm = { agent: '', from: '', to: '', minDuration: '', maxDuration: '', outcome: '', minScore: '', maxScore: '', prompts: [] };

/** The criteria both call lists search by: blank fields left out, days as whole local days (the "to" day included). */
export interface CallCriteria {
  agent?: string;
  from?: number;
  to?: number;
  minDurationMs?: number;
  maxDurationMs?: number;
  outcome?: CallOutcome;
  minScore?: number;
  maxScore?: number;
  prompts: (typeof PROMPT_KINDS)[number][];
}

const dayStart = (value: string) => localDayStart(value) ?? undefined;

/** The day fields whose text is no day: the list is not searched until they are fixed or cleared. */
export function invalidDays(form: Pick<CallFilterForm, 'from' | 'to'>): ('from' | 'to')[] {
  return (['from', 'to'] as const).filter((field) => form[field].trim() !== '' && localDayStart(form[field]) === null);
}
const num = (value: string) => (value.trim() === '' || Number.isNaN(Number(value)) ? undefined : Number(value));

export function callCriteria(form: CallFilterForm): CallCriteria {
  const criteria: CallCriteria = { prompts: form.prompts as CallCriteria['prompts'] };
  const from = dayStart(form.from);
  const to = dayStart(form.to);
  if (form.agent.trim() !== '') criteria.agent = form.agent.trim();
  if (from !== undefined) criteria.from = from;
  if (to !== undefined) criteria.to = to + 86_400_000;
  const minDuration = num(form.minDuration);
  const maxDuration = num(form.maxDuration);
  if (minDuration !== undefined) criteria.minDurationMs = minDuration * 1000;
  if (maxDuration !== undefined) criteria.maxDurationMs = maxDuration * 1000;
  if (form.outcome !== '') criteria.outcome = form.outcome as CallOutcome;
  const minScore = num(form.minScore);
  const maxScore = num(form.maxScore);
  if (minScore !== undefined) criteria.minScore = minScore;
  if (maxScore !== undefined) criteria.maxScore = maxScore;
  return criteria;
}

/** A call's prompts as the list shows them: the known kinds in words, joined with the Chinese list comma. */
export function promptNames(prompts: readonly string[], t: TFunction<'replay'>): string {
  return prompts.map((kind) => ((PROMPT_KINDS as readonly string[]).includes(kind) ? t(runtimeKey(`replay:promptKind.${kind}`)) : kind)).join('、');
}

interface FieldsProps {
  form: CallFilterForm;
  set: (change: Partial<CallFilterForm>) => void;
  t: TFunction<'replay'>;
  /** Test ids as `${testIds}from`, … (none without it). */
  testIds?: string;
}

/**
 * The dates, lengths and scores rows both call lists filter by. The days are typed as 2026-12-01, as the work order's
 * promised date is: the browser's own date field shows its locale's order (mm/dd/yyyy on an English system), not the desk's.
 */
export function CallRangeFields({ form, set, t, testIds }: FieldsProps) {
  const id = (name: string) => (testIds === undefined ? undefined : `${testIds}${name}`);
  const invalid = invalidDays(form);
  const dayField = (field: 'from' | 'to') => (
    <label>
      {t(`list.${field}`)}
      <Input
        size="small"
        maxlength={10}
        placeholder={t('list.dayPlaceholder')}
        value={form[field]}
        status={invalid.includes(field) ? 'error' : 'default'}
        tips={invalid.includes(field) ? t('list.dayInvalid') : undefined}
        onChange={(value) => set({ [field]: String(value).trim() })}
        data-testid={id(field)}
      />
    </label>
  );
  return (
    <>
      <div className="replay-list__row">
        {dayField('from')}
        {dayField('to')}
      </div>
      <div className="replay-list__row">
        <Input size="small" placeholder={t('list.minDuration')} value={form.minDuration} onChange={(value) => set({ minDuration: String(value) })} data-testid={id('min-duration')} />
        <Input size="small" placeholder={t('list.maxDuration')} value={form.maxDuration} onChange={(value) => set({ maxDuration: String(value) })} />
      </div>
      <div className="replay-list__row">
        <Input size="small" placeholder={t('list.minScore')} value={form.minScore} onChange={(value) => set({ minScore: String(value) })} data-testid={id('min-score')} />
        <Input size="small" placeholder={t('list.maxScore')} value={form.maxScore} onChange={(value) => set({ maxScore: String(value) })} />
      </div>
    </>
  );
}

export function OutcomeSelect({ form, set, t }: FieldsProps) {
  return (
    <Select
      size="small"
      value={form.outcome}
      onChange={(value) => set({ outcome: String(value ?? '') })}
      options={[{ label: t('list.anyOutcome'), value: '' }, ...OUTCOMES.map((o) => ({ label: t(`outcome.${o}`), value: o }))]}
    />
  );
}

export function PromptKindFields({ form, set, t }: FieldsProps) {
  return (
    <fieldset className="replay-list__prompts">
      <legend>{t('list.prompts')}</legend>
      {PROMPT_KINDS.map((kind) => (
        <Checkbox
          key={kind}
          checked={form.prompts.includes(kind)}
          onChange={(checked) => set({ prompts: checked ? [...form.prompts, kind] : form.prompts.filter((k) => k !== kind) })}
          data-prompt={kind}
        >
          {t(`promptKind.${kind}`)}
        </Checkbox>
      ))}
    </fieldset>
  );
}

import { useId, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Select } from 'tdesign-react';
import { formatLongDay, uiLanguage } from '../../../format/date';
import { WORK_ORDER_LIMITS, type WorkOrderDraft } from '../../../../shared/domain/work-order';
import { messageText } from '../format';
import type { FieldName } from '../work-order-form';
import { isEditable, useWorkOrderStore } from '../work-order-store';
import { useServiceErrors } from './use-service-errors';
import { runtimeKey } from '../../../i18n/i18n-key';

/**
 * The issue-2 ticket ids stay on the inputs the end-to-end test types into;
 * those fields carry `work-order-field-<name>` on their <label> (Playwright's
 * fill/inputValue/selectOption follow a label to its control).
 */
const LEGACY_TEST_IDS: Partial<Record<FieldName, string>> = {
  callerName: 'ticket-caller-name',
  callerPhone: 'ticket-caller-number',
  summary: 'ticket-summary',
  description: 'ticket-description',
};

export function controlTestIds(name: FieldName): { label: string | undefined; control: string } {
  const legacy = LEGACY_TEST_IDS[name];
  return legacy ? { label: `work-order-field-${name}`, control: legacy } : { label: undefined, control: `work-order-field-${name}` };
}

/** The error shown under a field: draft rule first, then the last submit attempt, then the service. */
export function useFieldError(name: FieldName): string | undefined {
  const draft = useWorkOrderStore((state) => state.fieldErrors[name]);
  const submit = useWorkOrderStore((state) => state.submitErrors[name]);
  const service = useServiceErrors()[name];
  return draft ?? submit ?? service;
}

export function useReadOnly(): boolean {
  return useWorkOrderStore((state) => !isEditable(state.view));
}

function FieldShell({
  name,
  wide,
  error,
  controlId,
  children,
}: {
  name: FieldName;
  wide?: boolean;
  error: string | undefined;
  controlId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation('workOrder');
  const ids = controlTestIds(name);
  return (
    <div className={`field${wide ? ' field--wide' : ''}`}>
      <label htmlFor={controlId} data-testid={ids.label}>
        {t(`workOrder.field.${name}`)}
      </label>
      {children}
      {error && (
        <span className="field__error" id={`${controlId}-error`} data-testid={`work-order-error-${name}`}>
          {messageText(t, error)}
        </span>
      )}
    </div>
  );
}

/** The shared props of every control: test id, error state, blur saves at once. */
function useControl(name: FieldName) {
  const id = useId();
  const error = useFieldError(name);
  const readOnly = useReadOnly();
  const flush = useWorkOrderStore((state) => state.flush);
  return {
    id,
    error,
    props: {
      id,
      'data-testid': controlTestIds(name).control,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `${id}-error` : undefined,
      disabled: readOnly,
      onBlur: () => void flush(),
    },
  };
}

type TextKey = 'callerName' | 'callerPhone' | 'callbackNumber' | 'address' | 'district' | 'summary' | 'description';
const TEXT_LIMITS: Record<TextKey, number> = {
  callerName: WORK_ORDER_LIMITS.callerName,
  callerPhone: WORK_ORDER_LIMITS.phone,
  callbackNumber: WORK_ORDER_LIMITS.phone,
  address: WORK_ORDER_LIMITS.address,
  district: WORK_ORDER_LIMITS.district,
  summary: WORK_ORDER_LIMITS.summary,
  description: WORK_ORDER_LIMITS.description,
};

/** A top-level text field. Every keystroke goes to the store, which decides when to save. */
export function TextField({ name, multiline, wide, type = 'text' }: { name: TextKey; multiline?: boolean; wide?: boolean; type?: 'text' | 'tel' }) {
  const value = useWorkOrderStore((state) => state.fields[name]);
  const edit = useWorkOrderStore((state) => state.edit);
  const { id, error, props } = useControl(name);
  const control = {
    ...props,
    value,
    // One character over the limit still shows the error instead of silently cutting a paste.
    maxLength: TEXT_LIMITS[name] + 1,
    onChange: (event: { target: { value: string } }) => edit(name, event.target.value),
  };
  return (
    <FieldShell name={name} wide={wide || multiline} error={error} controlId={id}>
      {multiline ? <textarea rows={4} {...control} /> : <input type={type} {...control} />}
    </FieldShell>
  );
}

/** A nested text field (scope.*, commitment.*), saved with its whole group. */
export function NestedTextField<G extends 'scope' | 'commitment'>({
  name,
  group,
  part,
  maxLength,
  type = 'text',
  wide,
}: {
  name: FieldName;
  group: G;
  part: keyof WorkOrderDraft[G] & string;
  maxLength?: number;
  type?: 'text' | 'date';
  wide?: boolean;
}) {
  const groupValue = useWorkOrderStore((state) => state.fields[group]);
  const edit = useWorkOrderStore((state) => state.edit);
  const { id, error, props } = useControl(name);
  const value = (groupValue as Record<string, unknown>)[part];
  return (
    <FieldShell name={name} error={error} controlId={id} wide={wide}>
      <input
        type={type}
        {...props}
        value={typeof value === 'string' ? value : ''}
        maxLength={maxLength === undefined ? undefined : maxLength + 1}
        onChange={(event) => edit(group, { ...groupValue, [part]: event.target.value })}
      />
    </FieldShell>
  );
}

/** A choice from a fixed list; `nullable` adds "choose…" for a value not picked yet. */
export function SelectField({
  name,
  value,
  options,
  labelPrefix,
  nullable,
  onChange,
}: {
  name: FieldName;
  value: string | null;
  options: readonly string[];
  labelPrefix: string;
  nullable?: boolean;
  onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation('workOrder');
  const { id, error, props } = useControl(name);
  return (
    <FieldShell name={name} error={error} controlId={id}>
      <select {...props} value={value ?? ''} onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}>
        {nullable && <option value="">{t('workOrder.choose')}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {t(runtimeKey(`${labelPrefix}.${option}`))}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({ name, checked, onChange }: { name: FieldName; checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation('workOrder');
  const { error, props } = useControl(name);
  return (
    <div className="field field--checkbox">
      <label>
        <input type="checkbox" {...props} checked={checked} onChange={(event) => onChange(event.target.checked)} />{' '}
        {t(`workOrder.field.${name}`)}
      </label>
      {error && (
        <span className="field__error" id={`${props.id}-error`} data-testid={`work-order-error-${name}`}>
          {messageText(t, error)}
        </span>
      )}
    </div>
  );
}

/**
 * The centre's departments (20 or more) as a searchable multi-select: type
 * part of a name (Chinese or English) or its id; ids already on the draft but
 * no longer listed still show. Each option carries
 * `work-order-department-<id>` for the tests.
 */
export function DepartmentsField() {
  const { t, i18n } = useTranslation('workOrder');
  const departments = useWorkOrderStore((state) => state.departments);
  const departmentsError = useWorkOrderStore((state) => state.departmentsError);
  const selected = useWorkOrderStore((state) => state.fields.departmentIds);
  const edit = useWorkOrderStore((state) => state.edit);
  const flush = useWorkOrderStore((state) => state.flush);
  const readOnly = useReadOnly();
  const error = useFieldError('departmentIds');
  const errorId = useId();
  const labelId = useId();
  const english = i18n.language === 'en';
  const options = useMemo(() => {
    const listed = new Set(departments.map((d) => d.id));
    const rows = [
      ...departments.map((d) => ({ id: d.id, name: english ? d.nameEn : d.nameZh, words: `${d.id} ${d.nameZh} ${d.nameEn}`.toLowerCase() })),
      ...selected.filter((id) => !listed.has(id)).map((id) => ({ id, name: id, words: id.toLowerCase() })),
    ];
    return rows.map((row) => ({
      value: row.id,
      label: row.name,
      words: row.words,
      content: <span data-testid={`work-order-department-${row.id}`}>{row.name}</span>,
    }));
  }, [departments, selected, english]);

  return (
    <div
      className="field field--wide departments"
      role="group"
      aria-labelledby={labelId}
      data-testid="work-order-field-departmentIds"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
    >
      <span className="field__label" id={labelId}>
        {t('workOrder.field.departmentIds')}
      </span>
      {departmentsError && <span className="field__error">{t('workOrder.departmentsFailed', { reason: t(runtimeKey(departmentsError)) })}</span>}
      {options.length === 0 && !departmentsError ? (
        <span className="muted">{t('workOrder.departmentsEmpty')}</span>
      ) : (
        <Select
          multiple
          filterable
          clearable
          reserveKeyword
          minCollapsedNum={3}
          value={selected}
          options={options}
          disabled={readOnly}
          status={error ? 'error' : 'default'}
          placeholder={t('workOrder.departmentsPlaceholder')}
          empty={t('workOrder.departmentsNoMatch')}
          filter={(words, option) => String((option as { words?: string }).words ?? '').includes(words.trim().toLowerCase())}
          onChange={(value) => edit('departmentIds', (Array.isArray(value) ? value : []).map(String))}
          onBlur={() => void flush()}
        />
      )}
      {error && (
        <span className="field__error" id={errorId} data-testid="work-order-error-departmentIds">
          {messageText(t, error)}
        </span>
      )}
    </div>
  );
}

/**
 * The promised reply date: typed as 2026-12-04 (what the work order stores),
 * read back in words in the UI language (2026年12月4日星期五), never in the
 * browser's month/day/year order.
 */
export function DueDateField() {
  const { i18n } = useTranslation('workOrder');
  const commitment = useWorkOrderStore((state) => state.fields.commitment);
  const edit = useWorkOrderStore((state) => state.edit);
  const { id, error, props } = useControl('commitmentDueDate');
  const spoken = formatLongDay(commitment.dueDate, uiLanguage(i18n.language), true);
  return (
    <FieldShell name="commitmentDueDate" error={error} controlId={id}>
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="2026-12-04"
        {...props}
        value={commitment.dueDate}
        maxLength={10}
        onChange={(event) => edit('commitment', { ...commitment, dueDate: event.target.value.trim() })}
      />
      {spoken && (
        <span className="field__hint" data-testid="work-order-due-date-words">
          {spoken}
        </span>
      )}
    </FieldShell>
  );
}

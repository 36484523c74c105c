import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
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
      {multiline ? <textarea rows={5} {...control} /> : <input type={type} {...control} />}
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

/** The centre's department list as checkboxes; ids already on the draft but no longer listed still show. */
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
  const listed = new Set(departments.map((d) => d.id));
  const rows = [
    ...departments.map((d) => ({ id: d.id, name: i18n.language === 'en' ? d.nameEn : d.nameZh })),
    ...selected.filter((id) => !listed.has(id)).map((id) => ({ id, name: id })),
  ];
  const toggle = (id: string, on: boolean) =>
    edit('departmentIds', on ? [...selected.filter((x) => x !== id), id] : selected.filter((x) => x !== id));

  return (
    <fieldset
      className="field field--wide departments"
      data-testid="work-order-field-departmentIds"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>{t('workOrder.field.departmentIds')}</legend>
      {departmentsError && <span className="field__error">{t('workOrder.departmentsFailed', { reason: t(runtimeKey(departmentsError)) })}</span>}
      {rows.length === 0 && !departmentsError && <span className="muted">{t('workOrder.departmentsEmpty')}</span>}
      <div className="departments__list">
        {rows.map((row) => (
          <label key={row.id} className="departments__item">
            <input
              type="checkbox"
              data-testid={`work-order-department-${row.id}`}
              value={row.id}
              checked={selected.includes(row.id)}
              disabled={readOnly}
              onChange={(event) => toggle(row.id, event.target.checked)}
              onBlur={() => void flush()}
            />{' '}
            {row.name}
          </label>
        ))}
      </div>
      {error && (
        <span className="field__error" id={errorId} data-testid="work-order-error-departmentIds">
          {messageText(t, error)}
        </span>
      )}
    </fieldset>
  );
}

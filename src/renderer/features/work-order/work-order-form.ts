import {
  WorkOrderDraftSchema,
  workOrderSubmitSchema,
  type WorkOrderDraft,
} from '../../../shared/domain/work-order';

/** A top-level key of the draft: the unit a save sends (scope and commitment travel whole). */
export type DraftKey = keyof WorkOrderDraft;

/** Every input on the form, by name (`work-order-field-<name>`, `work-order-error-<name>`). */
export const FIELD_NAMES = [
  'callerName',
  'callerPhone',
  'callbackNumber',
  'address',
  'district',
  'type',
  'domain',
  'departmentIds',
  'urgency',
  'summary',
  'description',
  'scopeDecision',
  'scopeReason',
  'scopeReasonDetail',
  'scopeChannel',
  'followUpWanted',
  'commitmentWhat',
  'commitmentDueDate',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** i18n keys (or, for the service's own words, plain text) per field. */
export type FieldErrors = Partial<Record<FieldName, string>>;

/** A validation issue as zod, main's `invalid-payload` and the service's attention report give it. */
export interface Issue {
  path: string | readonly (string | number)[];
  message: string;
}

/**
 * The form field an issue belongs to. Nested paths join in camel case
 * (`scope.reason` → `scopeReason`); list indexes and a leading `fields.`
 * (the service's request body) are dropped (`departmentIds.2` → `departmentIds`).
 */
export function fieldNameOf(path: Issue['path']): FieldName | null {
  const parts = (typeof path === 'string' ? path.split('.') : path.map(String)).filter(
    (part) => part !== '' && !/^\d+$/.test(part),
  );
  if (parts[0] === 'fields') parts.shift();
  const name = parts.map((part, index) => (index === 0 ? part : part[0]!.toUpperCase() + part.slice(1))).join('');
  return (FIELD_NAMES as readonly string[]).includes(name) ? (name as FieldName) : null;
}

/** Our schemas use i18n keys as messages; a zod default text becomes a generic key. */
export function toMessageKey(message: string): string {
  return /^errors\.[A-Za-z]+$/.test(message) ? message : 'errors.invalid';
}

export interface MappedIssues {
  fields: FieldErrors;
  /** Issues no field on the form shows. */
  other: string[];
}

/** Issues to field errors; the first issue per field wins. `keepText` keeps non-key messages (the service's words). */
export function mapIssues(issues: readonly Issue[], keepText = false): MappedIssues {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const message = keepText && !issue.message.startsWith('errors.') ? issue.message : toMessageKey(issue.message);
    const name = fieldNameOf(issue.path);
    if (name) fields[name] ??= message;
    else other.push(message);
  }
  return { fields, other };
}

/** The form fields that live under one draft key. */
export function fieldsOfKey(key: DraftKey): FieldName[] {
  return FIELD_NAMES.filter((name) => name === key || (name.startsWith(key) && /^[A-Z]/.test(name.slice(key.length))));
}

/**
 * The draft rules for one key's value: the errors of its fields (empty when it may be saved).
 * A draft may be incomplete, so only format and length rules apply here.
 */
export function draftKeyErrors<K extends DraftKey>(key: K, value: WorkOrderDraft[K]): FieldErrors {
  const result = WorkOrderDraftSchema.shape[key].safeParse(value);
  if (result.success) return {};
  const prefixed = result.error.issues.map((issue) => ({ path: [key, ...issue.path.map(String)], message: issue.message }));
  const { fields, other } = mapIssues(prefixed);
  // An issue without a field of its own (should not happen) still blocks the save of that key.
  if (other.length > 0 && Object.keys(fields).length === 0) fields[fieldsOfKey(key)[0]!] = other[0]!;
  return fields;
}

/** Replaces the errors of one key's fields with `errors`. */
export function withKeyErrors(current: FieldErrors, key: DraftKey, errors: FieldErrors): FieldErrors {
  const next: FieldErrors = { ...current };
  for (const name of fieldsOfKey(key)) delete next[name];
  return { ...next, ...errors };
}

/**
 * The submit rules (complete and consistent), checked here before asking main,
 * which checks the same schema again. Values are trimmed first, as main does.
 */
export function submitCheck(fields: WorkOrderDraft, knownDepartmentIds?: readonly string[]): MappedIssues {
  const result = workOrderSubmitSchema(knownDepartmentIds).safeParse(fields);
  return result.success ? { fields: {}, other: [] } : mapIssues(result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })));
}

/** Differences between the agent's copy and the service's copy, for the conflict view. */
export function conflictingKeys(mine: WorkOrderDraft, theirs: WorkOrderDraft): DraftKey[] {
  return (Object.keys(mine) as DraftKey[]).filter((key) => JSON.stringify(mine[key]) !== JSON.stringify(theirs[key]));
}

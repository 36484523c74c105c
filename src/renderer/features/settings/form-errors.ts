import { SETTINGS_FIELDS, type SettingsField } from './settings-form';

/** i18n keys per form field. */
export type FieldErrors = Partial<Record<SettingsField, string>>;

export interface FormErrors {
  fields: FieldErrors;
  /** Issues that belong to no field we show (a bug, or a rule we do not know). */
  other: string[];
}

/**
 * Maps validation issues (from zod locally, or from main's `invalid-payload`
 * reply, both `{path, message}`) to the form's fields. The request nests fields
 * (`account.wsServer`, `agent.city`); the form does not, so the last path
 * segment names the field. The first issue per field wins.
 */
export function formErrorsFromIssues(issues: readonly { path: string; message: string }[]): FormErrors {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const key = issue.path.split('.').at(-1) ?? '';
    const message = toMessageKey(issue.message);
    if (isField(key)) fields[key] ??= message;
    else other.push(message);
  }
  return { fields, other };
}

/** Our schemas use i18n keys as messages; anything else (a zod default text) becomes a generic key. */
export function toMessageKey(message: string): string {
  return /^errors\.[A-Za-z]+$/.test(message) ? message : 'errors.invalid';
}

function isField(key: string): key is SettingsField {
  return (SETTINGS_FIELDS as readonly string[]).includes(key);
}

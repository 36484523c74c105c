import type { DepartmentSuggestion } from '../../../shared/dispatch/suggest';

/** How many suggestions are shown (and have a key). */
export const SHOWN_SUGGESTIONS = 5;

export interface KeyPress {
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * Ctrl+Shift+1..5 (by physical key) → the index of the suggestion to choose,
 * else null. Ctrl+digit moves between work-order sections, Alt+digit is
 * guidance, Ctrl+Alt the phone: Ctrl+Shift is free.
 */
export function suggestionKey(event: KeyPress): number | null {
  if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.altKey) return null;
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code)?.[1];
  if (!digit) return null;
  const index = Number(digit) - 1;
  return index < SHOWN_SUGGESTIONS ? index : null;
}

/** The departments a suggestion puts on the work order: the lead first, then its helpers (协同). */
export function departmentsOf(suggestion: DepartmentSuggestion): string[] {
  return [suggestion.departmentId, ...suggestion.helpers.map((h) => h.id)];
}

export function sameDepartments(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

import { draftCallerPhone, emptyWorkOrderDraft, WorkOrderDraftSchema, type WorkOrderDraft } from './work-order';

/**
 * What the desk writes into a call's draft before the agent does anything:
 * the caller ID (cut to fit, see draftCallerPhone) and the caller's name.
 * Everything else starts empty.
 */
export function callDraftPrefill(callerNumber: string, callerName: string): WorkOrderDraft {
  return { ...emptyWorkOrderDraft(), callerPhone: draftCallerPhone(callerNumber), callerName: callerName.trim() };
}

/**
 * A draft nobody touched: every field equals what the desk pre-filled
 * (`prefilled`, e.g. callDraftPrefill of the call). Both sides are read with
 * the one draft schema first (fields are trimmed there), then compared field
 * by field, lists in order; anything unreadable counts as touched. The only
 * drafts the desk may throw away are these, so the rule errs on keeping:
 * any difference at all (a department picked, urgency raised, the caller's
 * number corrected) means the agent's work is in it.
 * Timestamps, revision and sync state are not fields and do not count.
 */
export function isUntouchedDraft(fields: WorkOrderDraft, prefilled: WorkOrderDraft): boolean {
  const a = WorkOrderDraftSchema.safeParse(fields);
  const b = WorkOrderDraftSchema.safeParse(prefilled);
  if (!a.success || !b.success) return false;
  return sameValue(a.data, b.data);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

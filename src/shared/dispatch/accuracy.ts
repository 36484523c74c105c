import type { WorkOrderDomain } from '../domain/work-order';
import type { DispatchOutcomeKind } from './learning';
import type { CategoryAccuracy } from './wire';

/** A dispatch with its latest outcome, as accuracy reads it. */
export interface DecidedDispatch {
  category: WorkOrderDomain | null;
  suggested: readonly string[];
  chosen: readonly string[];
  outcome: DispatchOutcomeKind;
  /** Where a re-dispatched order went. */
  finalDepartmentIds: readonly string[];
}

/**
 * Where the work order belonged, as far as the outcome says: the chosen lead
 * when accepted, the new departments when re-dispatched, unknown (nothing
 * counts as right) when returned.
 */
function rightDepartments(dispatch: DecidedDispatch): Set<string> {
  if (dispatch.outcome === 'accepted') return new Set(dispatch.chosen.slice(0, 1));
  if (dispatch.outcome === 'redispatched') return new Set(dispatch.finalDepartmentIds);
  return new Set();
}

function summarise(category: string, dispatches: readonly DecidedDispatch[]): CategoryAccuracy {
  const share = (n: number) => (dispatches.length === 0 ? 0 : n / dispatches.length);
  let chosenRight = 0;
  let top1 = 0;
  let top3 = 0;
  let followed = 0;
  const counts = { accepted: 0, returned: 0, redispatched: 0 };
  for (const dispatch of dispatches) {
    counts[dispatch.outcome] += 1;
    const right = rightDepartments(dispatch);
    if (right.has(dispatch.chosen[0] ?? '')) chosenRight += 1;
    if (right.has(dispatch.suggested[0] ?? '')) top1 += 1;
    if (dispatch.suggested.slice(0, 3).some((id) => right.has(id))) top3 += 1;
    if (dispatch.suggested[0] !== undefined && dispatch.suggested[0] === dispatch.chosen[0]) followed += 1;
  }
  return {
    category,
    decided: dispatches.length,
    ...counts,
    chosenRight: share(chosenRight),
    suggestionTop1: share(top1),
    suggestionTop3: share(top3),
    followedSuggestion: share(followed),
  };
}

/** Accuracy of the dispatches per work-order domain ("none" without one), largest first, and overall. */
export function accuracyByCategory(dispatches: readonly DecidedDispatch[]): { total: CategoryAccuracy; categories: CategoryAccuracy[] } {
  const groups = new Map<string, DecidedDispatch[]>();
  for (const dispatch of dispatches) {
    const key = dispatch.category ?? 'none';
    const group = groups.get(key) ?? [];
    group.push(dispatch);
    groups.set(key, group);
  }
  const categories = [...groups.entries()]
    .map(([category, list]) => summarise(category, list))
    .sort((a, b) => b.decided - a.decided || a.category.localeCompare(b.category));
  return { total: summarise('all', dispatches), categories };
}

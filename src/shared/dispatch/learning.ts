import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { DepartmentIdSchema } from '../domain/work-order';

/**
 * What came back from the centre for a dispatched work order: accepted by the
 * department, returned (退单, with the department's reason), or re-dispatched
 * (改派) by the centre to other departments.
 */
export const DISPATCH_OUTCOMES = ['accepted', 'returned', 'redispatched'] as const;
export const DispatchOutcomeKindSchema = lazySchema(() => z.enum(DISPATCH_OUTCOMES));
export type DispatchOutcomeKind = z.infer<typeof DispatchOutcomeKindSchema>;

/**
 * One past dispatch as learning reads it: the matter the desk's top suggestion
 * was about, the department the work order went to, and how that ended.
 * `finalDepartmentIds`: where a re-dispatched order went in the end.
 */
export interface PastDispatch {
  matterId: string | null;
  chosenDepartmentId: string;
  outcome: DispatchOutcomeKind;
  finalDepartmentIds: readonly string[];
}

export const LearningStatsSchema = lazySchema(() => z.record(
  z.string().max(64),
  z.record(DepartmentIdSchema, z.object({ right: z.number().int().min(0), wrong: z.number().int().min(0) }).strict()),
));
/** matterId → departmentId → how often that department was right (accepted, or where it ended) or wrong for it. */
export type LearningStats = z.infer<typeof LearningStatsSchema>;

export function learnFromOutcomes(past: Iterable<PastDispatch>): LearningStats {
  const stats: LearningStats = {};
  const bump = (matterId: string, departmentId: string, key: 'right' | 'wrong') => {
    const byDepartment = (stats[matterId] ??= {});
    const entry = (byDepartment[departmentId] ??= { right: 0, wrong: 0 });
    entry[key] += 1;
  };
  for (const dispatch of past) {
    if (dispatch.matterId === null) continue;
    if (dispatch.outcome === 'accepted') {
      bump(dispatch.matterId, dispatch.chosenDepartmentId, 'right');
      continue;
    }
    bump(dispatch.matterId, dispatch.chosenDepartmentId, 'wrong');
    if (dispatch.outcome === 'redispatched') {
      for (const id of dispatch.finalDepartmentIds) if (id !== dispatch.chosenDepartmentId) bump(dispatch.matterId, id, 'right');
    }
  }
  return stats;
}

/** Bounds of the learned factor: a run of outcomes can turn a ranking round, one outcome cannot. */
const LEARNED_MIN = 0.4;
const LEARNED_MAX = 2;

/**
 * The factor a department's score is multiplied by for a query whose best matter
 * is `matterId`: 1 with no history, towards LEARNED_MAX when it was right for
 * that matter, towards LEARNED_MIN when it was returned or re-dispatched away.
 */
export function learnedFactor(stats: LearningStats | undefined, matterId: string | null, departmentId: string): number {
  if (!stats || matterId === null) return 1;
  const entry = stats[matterId]?.[departmentId];
  if (!entry) return 1;
  // Laplace-smoothed share of right outcomes, weighted by how much evidence there is.
  const share = (entry.right + 1) / (entry.right + entry.wrong + 2);
  const evidence = Math.min(1, (entry.right + entry.wrong) / 5);
  const factor = 1 + evidence * (share - 0.5) * 2 * (share >= 0.5 ? LEARNED_MAX - 1 : 1 - LEARNED_MIN);
  return Math.min(LEARNED_MAX, Math.max(LEARNED_MIN, factor));
}

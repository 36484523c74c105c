import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { DepartmentIdSchema, WorkOrderDomainSchema } from '../domain/work-order';
import { LOCAL_WORK_ORDER_ID } from '../domain/work-order-sync';
import { DispatchCatalogueSchema } from '../dispatch/catalogue';
import { DispatchOutcomeKindSchema, LearningStatsSchema } from '../dispatch/learning';
import { Done, Empty } from './contract-parts';

/** The desk's record of one dispatch: what was suggested, what the agent chose, what came of it. */
export const DispatchChoiceSchema = lazySchema(() => z.object({
  workOrderId: LOCAL_WORK_ORDER_ID,
  category: WorkOrderDomainSchema.nullable(),
  suggested: z.array(DepartmentIdSchema).max(20),
  topMatterId: z.string().min(1).max(64).nullable(),
  chosen: z.array(DepartmentIdSchema).min(1).max(20),
  catalogueVersion: z.number().int().nonnegative(),
  chosenAt: z.number().int(),
  outcome: z
    .object({ kind: DispatchOutcomeKindSchema, reason: z.string(), departmentIds: z.array(z.string()), at: z.number().int() })
    .nullable(),
}));
export type DispatchChoice = z.infer<typeof DispatchChoiceSchema>;

/** The desk's copy of the dispatch catalogue (null: none synced yet) and what its outcomes taught it. */
export const DispatchCatalogueViewSchema = lazySchema(() => z.object({
  version: z.number().int().nonnegative(),
  catalogue: DispatchCatalogueSchema.nullable(),
  learning: LearningStatsSchema,
}));
export type DispatchCatalogueView = z.infer<typeof DispatchCatalogueViewSchema>;

/** Dispatch suggestions (issue 15): the renderer ranks departments itself from this copy, offline included. */
export const dispatchInvokeContract = {
  'dispatch:catalogue': { request: Empty, reply: DispatchCatalogueViewSchema },
  /** The agent chose departments for a work order (from a suggestion or by hand); kept and later reported to the centre. */
  'dispatch:recordChoice': { request: DispatchChoiceSchema.omit({ chosenAt: true, outcome: true }).strict(), reply: Done },
  'dispatch:choice': { request: z.object({ workOrderId: LOCAL_WORK_ORDER_ID }).strict(), reply: DispatchChoiceSchema.nullable() },
} as const;

export const dispatchEventContract = {
  /** A new catalogue version reached this desk (or new outcomes changed what it learned): ask `dispatch:catalogue` again. */
  'dispatch:changed': z.object({ version: z.number().int().nonnegative() }),
} as const;

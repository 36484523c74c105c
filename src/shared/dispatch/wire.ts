import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { DepartmentIdSchema, WorkOrderDomainSchema, WorkOrderIdSchema } from '../domain/work-order';
import { DispatchCatalogueSchema } from './catalogue';
import { DispatchOutcomeKindSchema } from './learning';

/**
 * The centre service's dispatch routes (services/workorder/dispatch): the
 * catalogue published as a whole, what the desk suggested and the agent chose
 * for each work order, the outcomes the centre reports back (accepted, 退单,
 * 改派), and accuracy per category for leads. Validated on both sides.
 */

export const DISPATCH_CATALOGUE_PATH = '/v1/dispatch/catalogue';
export const DISPATCH_RECORDS_PATH = '/v1/dispatch/records';
export const DISPATCH_OUTCOMES_PATH = '/v1/dispatch/outcomes';
export const DISPATCH_ACCURACY_PATH = '/v1/dispatch/accuracy';

const departmentIds = lazySchema(() => z.array(DepartmentIdSchema).max(20));
const MatterIdSchema = lazySchema(() => z.string().min(1).max(64));

/** `POST /v1/dispatch/catalogue` (editor or admin): the whole catalogue, checked as a whole, published as the next version. */
export const CataloguePublishSchema = lazySchema(() => z
  .object({
    catalogue: DispatchCatalogueSchema,
    note: z.string().max(500).default(''),
    baseVersion: z.number().int().nonnegative().optional(),
  })
  .strict());

/** `POST /v1/dispatch/records` (the desk, after a submit): what was suggested and what the agent chose. */
export const DispatchRecordSchema = lazySchema(() => z
  .object({
    workOrderId: WorkOrderIdSchema,
    /** The work order's domain when submitted (accuracy is reported per domain). */
    category: WorkOrderDomainSchema.nullable(),
    /** The suggested departments, best first (empty: none was offered). */
    suggested: departmentIds,
    /** The matter of the first suggestion (learning is kept per matter). */
    topMatterId: MatterIdSchema.nullable(),
    chosen: departmentIds.min(1),
    /** The catalogue version the suggestion came from (0: none yet). */
    catalogueVersion: z.number().int().nonnegative(),
  })
  .strict());
export type DispatchRecord = z.infer<typeof DispatchRecordSchema>;

/** `POST /v1/dispatch/outcomes` (a centre token, a lead or an admin): what became of a dispatch. */
export const DispatchOutcomeReportSchema = lazySchema(() => z
  .object({
    workOrderId: WorkOrderIdSchema,
    outcome: DispatchOutcomeKindSchema,
    /** The department's reason for a return (退单理由); required then. */
    reason: z.string().trim().max(500).default(''),
    /** Where a re-dispatched work order went (改派); required then. */
    departmentIds: departmentIds.default([]),
  })
  .strict()
  .superRefine((report, ctx) => {
    if (report.outcome === 'returned' && report.reason === '') ctx.addIssue({ code: 'custom', path: ['reason'], message: 'A return needs the reason.' });
    if (report.outcome === 'redispatched' && report.departmentIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['departmentIds'], message: 'A re-dispatch names the departments it went to.' });
    }
  }));
export type DispatchOutcomeReport = z.infer<typeof DispatchOutcomeReportSchema>;

/** One outcome as the desk reads it back (`GET /v1/dispatch/outcomes?since=`), its team's feed order. */
export const DispatchOutcomeSchema = lazySchema(() => z.object({
  seq: z.number().int().positive(),
  workOrderId: WorkOrderIdSchema,
  outcome: DispatchOutcomeKindSchema,
  reason: z.string(),
  departmentIds: z.array(z.string()),
  at: z.number().int(),
}));
export type DispatchOutcome = z.infer<typeof DispatchOutcomeSchema>;

export const DispatchOutcomePageSchema = lazySchema(() => z.object({
  outcomes: z.array(DispatchOutcomeSchema),
  nextSeq: z.number().int().nonnegative(),
  hasMore: z.boolean(),
}));
export type DispatchOutcomePage = z.infer<typeof DispatchOutcomePageSchema>;

export const CategoryAccuracySchema = lazySchema(() => z.object({
  /** A work-order domain, or "none" when the order had none. */
  category: z.string(),
  /** Dispatches with an outcome. */
  decided: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  returned: z.number().int().nonnegative(),
  redispatched: z.number().int().nonnegative(),
  /** Share of decided dispatches the agent's choice was right (accepted, or kept in the re-dispatch). */
  chosenRight: z.number().min(0).max(1),
  /** Share of decided dispatches whose first suggestion was right, and one of the first three. */
  suggestionTop1: z.number().min(0).max(1),
  suggestionTop3: z.number().min(0).max(1),
  /** Share where the agent took the first suggestion. */
  followedSuggestion: z.number().min(0).max(1),
}));
export type CategoryAccuracy = z.infer<typeof CategoryAccuracySchema>;

/** `GET /v1/dispatch/accuracy?team=&from=&to=` (leads of the team, admins). */
export const DispatchAccuracySchema = lazySchema(() => z.object({
  teamIds: z.array(z.string()),
  from: z.number().int(),
  to: z.number().int(),
  total: CategoryAccuracySchema,
  categories: z.array(CategoryAccuracySchema),
}));
export type DispatchAccuracy = z.infer<typeof DispatchAccuracySchema>;

import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { RemoteNumberSchema } from '../domain/call-log';
import { WorkOrderDraftSchema } from '../domain/work-order';
import {
  DepartmentListSchema,
  DepartmentSchema,
  LOCAL_WORK_ORDER_ID,
  SyncOverviewSchema,
  WorkOrderServiceSettingsSchema,
  WorkOrderServiceViewSchema,
  WorkOrderSummarySchema,
  WorkOrderViewSchema,
} from '../domain/work-order-sync';
import { Empty } from './contract-parts';

const Ref = lazySchema(() => z.object({ id: LOCAL_WORK_ORDER_ID }));

/** Work orders (issue 5): drafts, submit, the outbox's state, the caller's history. */
export const workOrderInvokeContract = {
  /** A draft without a call (a call-back). */
  'workOrders:create': { request: z.object({ callerPhone: RemoteNumberSchema.default('') }), reply: WorkOrderViewSchema },
  'workOrders:get': { request: Ref, reply: WorkOrderViewSchema },
  /**
   * Durable in SQLite before the reply. Drafts and needs-attention orders are editable; so is a synced
   * one (an amendment: it goes back to `draft` and its submit sends a PUT over the version it was synced at).
   * Queued/sending orders answer invalid-payload with the issue `errors.notEditable`.
   */
  'workOrders:save': {
    request: z.object({ id: LOCAL_WORK_ORDER_ID, fields: WorkOrderDraftSchema.partial().strict() }),
    reply: z.object({ id: LOCAL_WORK_ORDER_ID, revision: z.number().int(), updatedAt: z.number().int() }),
  },
  /** Checks completeness (invalid-payload with issues if not) and moves it to the outbox. */
  'workOrders:submit': { request: Ref, reply: WorkOrderViewSchema },
  /** After a conflict: send mine over the service's version, or take the service's copy. */
  'workOrders:resolveConflict': {
    request: z.object({ id: LOCAL_WORK_ORDER_ID, choice: z.enum(['keep-mine', 'take-theirs']) }),
    reply: WorkOrderViewSchema,
  },
  /**
   * The agent closed this work order: a draft nobody touched (every field as the desk pre-filled it)
   * is discarded, never listed nor synced; anything typed stays. A save or submit that still arrives
   * for it brings it back whole. An unknown id answers `discarded: false`.
   */
  'workOrders:close': { request: Ref, reply: z.object({ discarded: z.boolean() }) },
  /** Drafts not yet submitted and orders that need attention, newest first (a call's draft nobody touched is not among them). */
  'workOrders:listUnsent': { request: Empty, reply: z.array(WorkOrderSummarySchema) },
  /** The agent's recent work orders with sync state and service status. */
  'workOrders:list': {
    request: z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    reply: z.array(WorkOrderSummarySchema),
  },
  'workOrders:departments': { request: Empty, reply: z.array(DepartmentSchema) },
  /**
   * Replaces the centre's department list (settings). New drafts offer it at once, submits are
   * checked against it, and the embedded service accepts exactly these ids from the next request on.
   */
  'workOrders:setDepartments': { request: z.object({ departments: DepartmentListSchema }).strict(), reply: z.array(DepartmentSchema) },
  'sync:overview': { request: Empty, reply: SyncOverviewSchema },
  'workOrderService:get': { request: Empty, reply: WorkOrderServiceViewSchema },
  'workOrderService:save': { request: WorkOrderServiceSettingsSchema, reply: WorkOrderServiceViewSchema },
} as const;

export const workOrderEventContract = {
  /** The overall sync line changed. */
  'sync:changed': SyncOverviewSchema,
  /** One work order's sync state or service status changed. */
  'workOrders:changed': WorkOrderViewSchema,
} as const;

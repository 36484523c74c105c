import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { DepartmentIdSchema, IdempotencyKeySchema, WorkOrderDraftSchema, WorkOrderStatusSchema } from './work-order';
import { isCleartextToNetwork } from './loopback';

/**
 * The desktop's view of a work order: the local draft, where it stands in the
 * outbox, and what the service last said about it.
 */
export const LOCAL_WORK_ORDER_ID = lazySchema(() => z.string().min(8).max(64).regex(/^[0-9A-Za-z-]+$/));

/** draft: being written; queued: submitted, waiting to send; sending: on the wire; synced: the service has it;
 * needs-attention: the service refused it (validation) or it conflicts with an edit made on the service. */
export const SYNC_STATES = ['draft', 'queued', 'sending', 'synced', 'needs-attention'] as const;
export const SyncStateSchema = lazySchema(() => z.enum(SYNC_STATES));
export type SyncState = z.infer<typeof SyncStateSchema>;

export const ATTENTION_REASONS = ['rejected', 'conflict', 'unauthorized'] as const;
export const AttentionSchema = lazySchema(() => z.object({
  reason: z.enum(ATTENTION_REASONS),
  /** The service's own words (e.g. its validation issues), shown to the agent. */
  message: z.string().max(2000),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).max(100),
  /** For a conflict: the service's copy, so the agent can compare. */
  serverFields: WorkOrderDraftSchema.nullable(),
  serverVersion: z.number().int().nullable(),
}));
export type Attention = z.infer<typeof AttentionSchema>;

export const WorkOrderViewSchema = lazySchema(() => z.object({
  id: LOCAL_WORK_ORDER_ID,
  callId: z.string().nullable(),
  idempotencyKey: IdempotencyKeySchema,
  fields: WorkOrderDraftSchema,
  revision: z.number().int().nonnegative(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** A practice call's work order: kept on this desk only, never queued or synced (absent = a real one). */
  practice: z.literal(true).optional(),
  sync: z.object({
    state: SyncStateSchema,
    attempts: z.number().int().nonnegative(),
    nextAttemptAt: z.number().int().nullable(),
    lastError: z.string().nullable(),
    attention: AttentionSchema.nullable(),
  }),
  server: z
    .object({
      id: z.string(),
      version: z.number().int(),
      status: WorkOrderStatusSchema,
      statusChangedAt: z.number().int(),
    })
    .nullable(),
}));
export type WorkOrderView = z.infer<typeof WorkOrderViewSchema>;

/** A row in the agent's list and in the caller's history. */
export const WorkOrderSummarySchema = lazySchema(() => z.object({
  id: z.string(),
  source: z.enum(['local', 'service']),
  callerPhone: z.string(),
  summary: z.string(),
  type: z.string().nullable(),
  createdAt: z.number().int(),
  syncState: SyncStateSchema.nullable(),
  serverStatus: WorkOrderStatusSchema.nullable(),
  statusChangedAt: z.number().int().nullable(),
}));
export type WorkOrderSummary = z.infer<typeof WorkOrderSummarySchema>;

/** The always-visible sync line: all synced / N waiting / offline since ... */
export const SyncOverviewSchema = lazySchema(() => z.object({
  state: z.enum(['all-synced', 'waiting', 'offline', 'needs-attention']),
  waiting: z.number().int().nonnegative(),
  needsAttention: z.number().int().nonnegative(),
  offlineSince: z.number().int().nullable(),
  lastSyncedAt: z.number().int().nullable(),
  /** 'embedded': the service runs inside this app (no address configured). */
  target: z.enum(['embedded', 'remote']),
}));
export type SyncOverview = z.infer<typeof SyncOverviewSchema>;

export const DepartmentSchema = lazySchema(() => z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }));
export type Department = z.infer<typeof DepartmentSchema>;

/**
 * The centre's configurable department list, as settings store it and the
 * editor replaces it: 1..500 departments, ids well formed and unique, both names given.
 */
export const DepartmentListSchema = lazySchema(() => z
  .array(
    z
      .object({
        id: DepartmentIdSchema,
        nameZh: z.string().trim().min(1, { error: 'errors.required' }).max(100, { error: 'errors.tooLong' }),
        nameEn: z.string().trim().min(1, { error: 'errors.required' }).max(100, { error: 'errors.tooLong' }),
      })
      .strict(),
  )
  .min(1, { error: 'errors.required' })
  .max(500, { error: 'errors.tooMany' })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((department, index) => {
      if (seen.has(department.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'errors.duplicate' });
      seen.add(department.id);
    });
  }));

/** Where work orders go. An empty URL means the embedded service. The token is kept with safeStorage. */
export const WorkOrderServiceSettingsSchema = lazySchema(() => z.object({
  // The token travels with every request: https://, or http:// only to this machine.
  url: z.union([
    z.literal(''),
    z
      .url({ protocol: /^https?$/, error: 'errors.httpUrl' })
      .refine((url) => !isCleartextToNetwork(url, 'http:'), { error: 'errors.httpsRequired' }),
  ]),
  token: z.string().max(512, { error: 'errors.tooLong' }).optional(),
}));
export const WorkOrderServiceViewSchema = lazySchema(() => z.object({
  url: z.string(),
  hasToken: z.boolean(),
  target: z.enum(['embedded', 'remote']),
}));

import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';

/**
 * The one work order (工单) schema, shared by the form, IPC, the local store,
 * sync and the central work-order service. Error messages are i18n keys.
 *
 * Two levels of completeness over the same shape:
 * - WorkOrderDraftSchema: what the agent has typed so far; anything may be empty.
 * - WorkOrderSubmitSchema: what may be sent to the centre; complete and consistent
 *   (out of scope needs a reason and a channel; in scope needs departments and a commitment).
 */

/** Limits a person never reaches by typing, but a bad payload would. */
export const WORK_ORDER_LIMITS = {
  callerName: 128,
  phone: 32,
  address: 256,
  district: 64,
  departments: 20,
  departmentId: 64,
  summary: 200,
  description: 20_000,
  reasonDetail: 500,
  channel: 200,
  commitment: 500,
} as const;

/** Marks a caller ID cut to fit the draft; the phone rule then asks the agent to check it. */
export const TRUNCATION_MARK = '…';

/**
 * The caller ID as the draft's phone field takes it. A caller ID may be longer
 * than a phone number can be (the call log keeps it whole, up to
 * RemoteNumberSchema's limit): the draft gets its start with a visible mark,
 * never an error that loses the draft.
 */
export function draftCallerPhone(callerId: string): string {
  const trimmed = callerId.trim();
  if (trimmed.length <= WORK_ORDER_LIMITS.phone) return trimmed;
  return trimmed.slice(0, WORK_ORDER_LIMITS.phone - TRUNCATION_MARK.length) + TRUNCATION_MARK;
}

/** 咨询, 求助, 投诉, 举报, 意见建议. */
export const WORK_ORDER_TYPES = ['consultation', 'help-request', 'complaint', 'report', 'suggestion'] as const;
export const WorkOrderTypeSchema = lazySchema(() => z.enum(WORK_ORDER_TYPES, { error: 'errors.choose' }));
export type WorkOrderType = z.infer<typeof WorkOrderTypeSchema>;

/** The domains 12345 accepts; `other` for what does not fit one of them. */
export const WORK_ORDER_DOMAINS = [
  'economic-regulation',
  'market-supervision',
  'social-management',
  'public-services',
  'environmental-protection',
  'other',
] as const;
export const WorkOrderDomainSchema = lazySchema(() => z.enum(WORK_ORDER_DOMAINS, { error: 'errors.choose' }));
export type WorkOrderDomain = z.infer<typeof WorkOrderDomainSchema>;

export const URGENCIES = ['normal', 'urgent', 'very-urgent'] as const;
export const UrgencySchema = lazySchema(() => z.enum(URGENCIES, { error: 'errors.choose' }));
export type Urgency = z.infer<typeof UrgencySchema>;

/** Matters 12345 does not take (受理范围之外). */
export const OUT_OF_SCOPE_REASONS = [
  'litigation',
  'arbitration',
  'discipline-inspection',
  'administrative-reconsideration',
  'information-disclosure',
  'other',
] as const;
export const OutOfScopeReasonSchema = lazySchema(() => z.enum(OUT_OF_SCOPE_REASONS, { error: 'errors.choose' }));
export type OutOfScopeReason = z.infer<typeof OutOfScopeReasonSchema>;

export const SCOPE_DECISIONS = ['undecided', 'in-scope', 'out-of-scope'] as const;
export const ScopeDecisionSchema = lazySchema(() => z.enum(SCOPE_DECISIONS, { error: 'errors.choose' }));
export type ScopeDecision = z.infer<typeof ScopeDecisionSchema>;

/** Ids from the centre's configurable department list, e.g. `labour-inspection`. */
export const DepartmentIdSchema = lazySchema(() => z
  .string()
  .max(WORK_ORDER_LIMITS.departmentId, { error: 'errors.tooLong' })
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'errors.departmentId' }));

/** Digits with an optional leading +, separators (space, -, parentheses) and an extension. */
const PHONE = /^\+?[0-9(][0-9 ()-]{2,30}(?:(?:ext\.?|x|#)[0-9]{1,8})?$/i;
/** A calendar date, YYYY-MM-DD (the day the caller was promised an answer by). */
const ISO_DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

const text = (max: number) => z.string().trim().max(max, { error: 'errors.tooLong' });

export const ScopeSchema = lazySchema(() => z
  .object({
    decision: ScopeDecisionSchema,
    /** Only for out-of-scope. */
    reason: OutOfScopeReasonSchema.nullable(),
    /** Free text when the reason needs it (required for `other`). */
    reasonDetail: text(WORK_ORDER_LIMITS.reasonDetail),
    /** Where the caller was pointed to (court, arbitration committee, ...). */
    channel: text(WORK_ORDER_LIMITS.channel),
  })
  .strict());
export type Scope = z.infer<typeof ScopeSchema>;

export const CommitmentSchema = lazySchema(() => z
  .object({
    /** What the caller was told will happen (which department, which steps). */
    what: text(WORK_ORDER_LIMITS.commitment),
    /** By when; empty while drafting. */
    dueDate: z.union([z.literal(''), z.string().regex(ISO_DATE, { error: 'errors.date' })]),
  })
  .strict());
export type Commitment = z.infer<typeof CommitmentSchema>;

/** The work order as drafted: every field present, any of them may still be empty. */
export const WorkOrderDraftSchema = lazySchema(() => z
  .object({
    callerName: text(WORK_ORDER_LIMITS.callerName),
    callerPhone: text(WORK_ORDER_LIMITS.phone),
    callbackNumber: text(WORK_ORDER_LIMITS.phone),
    address: text(WORK_ORDER_LIMITS.address),
    district: text(WORK_ORDER_LIMITS.district),
    type: WorkOrderTypeSchema.nullable(),
    domain: WorkOrderDomainSchema.nullable(),
    departmentIds: z.array(DepartmentIdSchema).max(WORK_ORDER_LIMITS.departments, { error: 'errors.tooMany' }),
    urgency: UrgencySchema,
    summary: text(WORK_ORDER_LIMITS.summary),
    description: text(WORK_ORDER_LIMITS.description),
    scope: ScopeSchema,
    followUpWanted: z.boolean(),
    commitment: CommitmentSchema,
  })
  .strict());
export type WorkOrderDraft = z.infer<typeof WorkOrderDraftSchema>;

/** A blank draft, for a new call. */
export function emptyWorkOrderDraft(): WorkOrderDraft {
  return {
    callerName: '',
    callerPhone: '',
    callbackNumber: '',
    address: '',
    district: '',
    type: null,
    domain: null,
    departmentIds: [],
    urgency: 'normal',
    summary: '',
    description: '',
    scope: { decision: 'undecided', reason: null, reasonDetail: '', channel: '' },
    followUpWanted: false,
    commitment: { what: '', dueDate: '' },
  };
}

type Issue = { path: (string | number)[]; message: string };

/** The completeness rules for submitting, as a list of issues (empty when complete). */
export function submitIssues(draft: WorkOrderDraft, knownDepartmentIds?: ReadonlySet<string>): Issue[] {
  const issues: Issue[] = [];
  const required = (path: (string | number)[], filled: boolean) => {
    if (!filled) issues.push({ path, message: 'errors.required' });
  };
  required(['callerPhone'], draft.callerPhone !== '');
  if (draft.callerPhone !== '' && !PHONE.test(draft.callerPhone)) issues.push({ path: ['callerPhone'], message: 'errors.phone' });
  if (draft.callbackNumber !== '' && !PHONE.test(draft.callbackNumber)) {
    issues.push({ path: ['callbackNumber'], message: 'errors.phone' });
  }
  required(['type'], draft.type !== null);
  required(['domain'], draft.domain !== null);
  required(['summary'], draft.summary !== '');
  required(['description'], draft.description !== '');

  const { scope, commitment } = draft;
  if (scope.decision === 'undecided') issues.push({ path: ['scope', 'decision'], message: 'errors.scopeUndecided' });
  if (scope.decision === 'out-of-scope') {
    required(['scope', 'reason'], scope.reason !== null);
    required(['scope', 'channel'], scope.channel !== '');
    if (scope.reason === 'other') required(['scope', 'reasonDetail'], scope.reasonDetail !== '');
  } else if (scope.reason !== null) {
    issues.push({ path: ['scope', 'reason'], message: 'errors.reasonOnlyOutOfScope' });
  }
  if (scope.decision === 'in-scope') {
    required(['departmentIds'], draft.departmentIds.length > 0);
    required(['commitment', 'what'], commitment.what !== '');
    required(['commitment', 'dueDate'], commitment.dueDate !== '');
  }
  const seen = new Set<string>();
  draft.departmentIds.forEach((id, index) => {
    if (seen.has(id)) issues.push({ path: ['departmentIds', index], message: 'errors.duplicate' });
    seen.add(id);
    if (knownDepartmentIds && !knownDepartmentIds.has(id)) {
      issues.push({ path: ['departmentIds', index], message: 'errors.unknownDepartment' });
    }
  });
  return issues;
}

/**
 * A submit schema that also checks department ids against the centre's list.
 * Without a list, any well-formed id is accepted.
 */
export function workOrderSubmitSchema(knownDepartmentIds?: readonly string[]) {
  const known = knownDepartmentIds ? new Set(knownDepartmentIds) : undefined;
  return WorkOrderDraftSchema.superRefine((draft, ctx) => {
    for (const issue of submitIssues(draft, known)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
}

/** A complete work order, ready to send to the centre. */
export const WorkOrderSubmitSchema = lazySchema(() => workOrderSubmitSchema());
export type WorkOrderSubmit = z.infer<typeof WorkOrderSubmitSchema>;

// ---------------------------------------------------------------------------
// Sync envelope: the work order as the central service holds it.

/** Where the centre is with the work order. */
export const WORK_ORDER_STATUSES = ['received', 'dispatched', 'replied', 'follow-up-due', 'closed'] as const;
export const WorkOrderStatusSchema = lazySchema(() => z.enum(WORK_ORDER_STATUSES));
export type WorkOrderStatus = z.infer<typeof WorkOrderStatusSchema>;

/**
 * Allowed status changes. A reply can go back for rework (replied → dispatched),
 * and so can a follow-up that finds the caller unsatisfied.
 */
export const STATUS_TRANSITIONS: Readonly<Record<WorkOrderStatus, readonly WorkOrderStatus[]>> = {
  received: ['dispatched', 'closed'],
  dispatched: ['replied'],
  replied: ['dispatched', 'follow-up-due', 'closed'],
  'follow-up-due': ['dispatched', 'closed'],
  closed: [],
};

export function canChangeStatus(from: WorkOrderStatus, to: WorkOrderStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** Created with the draft on the desktop, so a retried create is recognised. */
export const IdempotencyKeySchema = lazySchema(() => z.uuid({ error: 'errors.idempotencyKey' }));
export const WorkOrderIdSchema = lazySchema(() => z.uuid());
export const TeamIdSchema = lazySchema(() => z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/));
export const AgentIdSchema = lazySchema(() => z
  .string()
  .min(1)
  .max(16)
  .regex(/^[0-9A-Za-z-]+$/));
const EpochMs = lazySchema(() => z.number().int().nonnegative());

export const WorkOrderRecordSchema = lazySchema(() => z.object({
  id: WorkOrderIdSchema,
  idempotencyKey: IdempotencyKeySchema,
  /** Starts at 1; every change on the server increases it (optimistic concurrency). */
  version: z.number().int().positive(),
  status: WorkOrderStatusSchema,
  teamId: TeamIdSchema,
  /** The agent (工号) who created it. */
  agentId: AgentIdSchema,
  createdAt: EpochMs,
  updatedAt: EpochMs,
  statusChangedAt: EpochMs,
  fields: WorkOrderDraftSchema,
}));
export type WorkOrderRecord = z.infer<typeof WorkOrderRecordSchema>;

/** POST /v1/work-orders (the idempotency key travels in the Idempotency-Key header). */
export const CreateWorkOrderRequestSchema = lazySchema(() => z.object({ fields: WorkOrderSubmitSchema }).strict());
export type CreateWorkOrderRequest = z.infer<typeof CreateWorkOrderRequestSchema>;

/** PUT /v1/work-orders/:id (the expected version travels in the If-Match header). */
export const UpdateWorkOrderRequestSchema = CreateWorkOrderRequestSchema;
export type UpdateWorkOrderRequest = CreateWorkOrderRequest;

/** POST /v1/work-orders/:id/status, by the centre. `received` is only ever the first status. */
export const ChangeStatusRequestSchema = lazySchema(() => z
  .object({
    status: z.enum(['dispatched', 'replied', 'follow-up-due', 'closed']),
    note: z.string().trim().max(1000, { error: 'errors.tooLong' }).default(''),
  })
  .strict());
export type ChangeStatusRequest = z.infer<typeof ChangeStatusRequestSchema>;

export const CHANGE_KINDS = ['created', 'updated', 'status'] as const;
export const WorkOrderChangeSchema = lazySchema(() => z.object({
  /** Opaque; pass the last one back as `since`. */
  cursor: z.string(),
  kind: z.enum(CHANGE_KINDS),
  workOrderId: WorkOrderIdSchema,
  agentId: AgentIdSchema,
  status: WorkOrderStatusSchema,
  version: z.number().int().positive(),
  note: z.string(),
  at: EpochMs,
}));
export type WorkOrderChange = z.infer<typeof WorkOrderChangeSchema>;

export const ChangesPageSchema = lazySchema(() => z.object({
  changes: z.array(WorkOrderChangeSchema),
  /** Pass as `since` next time; equals the request's `since` when nothing is new. */
  nextCursor: z.string(),
  hasMore: z.boolean(),
}));
export type ChangesPage = z.infer<typeof ChangesPageSchema>;

/** Phone numbers compare without separators: "0871-6312 3456" and "087163123456" are the same caller. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s()-]/g, '').toLowerCase();
}

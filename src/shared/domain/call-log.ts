import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';

export const CallIdSchema = lazySchema(() => z.string().min(8).max(64).regex(/^[0-9A-Za-z-]+$/));

export const CallDirectionSchema = lazySchema(() => z.enum(['inbound', 'outbound']));
export type CallDirection = z.infer<typeof CallDirectionSchema>;

/**
 * How a call ended, from the agent's point of view:
 * answered: talked and hung up (by either side); missed: caller gave up while ringing;
 * declined: agent pressed Decline (or, outbound, the far end rejected the call);
 * failed: set-up or media failed; busy (outbound): the far end was busy
 * (486/600); no-answer (outbound): it rang out (480/408).
 */
export const CallOutcomeSchema = lazySchema(() => z.enum(['answered', 'missed', 'declined', 'failed', 'busy', 'no-answer']));
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

export const CallEndedBySchema = lazySchema(() => z.enum(['agent', 'remote', 'system']));
export type CallEndedBy = z.infer<typeof CallEndedBySchema>;

/**
 * Phone numbers and names arrive from the network as raw text: bound them. This
 * is the caller ID's one limit (IPC, call log, the phone's caller identity); a
 * work-order draft takes a longer one cut with a mark (draftCallerPhone).
 */
export const RemoteNumberSchema = lazySchema(() => z.string().max(64));
export const RemoteNameSchema = lazySchema(() => z.string().max(128));
const EpochMs = lazySchema(() => z.number().int().nonnegative());

export const CallStartedSchema = lazySchema(() => z.object({
  id: CallIdSchema,
  direction: CallDirectionSchema,
  remoteNumber: RemoteNumberSchema,
  remoteName: RemoteNameSchema,
  startedAt: EpochMs,
  /** A practice call: kept in the log, never counted in real statistics nor synced. */
  practice: z.boolean().default(false),
}));
export type CallStarted = z.output<typeof CallStartedSchema>;

export const CallAnsweredSchema = lazySchema(() => z.object({ id: CallIdSchema, answeredAt: EpochMs }));

/**
 * Call quality over a whole call, from the renderer's getStats samples (see
 * features/phone/call-quality.ts): averages and worst values. Bounded so a
 * broken or hostile renderer cannot store nonsense.
 */
export const CallQualitySummarySchema = lazySchema(() => z.object({
  /** Number of getStats intervals summarized (one every 2 s; 100,000 is over 55 hours). */
  samples: z.number().int().min(1).max(100_000),
  mosAvg: z.number().min(1).max(4.5),
  mosMin: z.number().min(1).max(4.5),
  lossAvgPercent: z.number().min(0).max(100),
  jitterMaxMs: z.number().min(0).max(60_000),
  rttAvgMs: z.number().min(0).max(60_000).nullable(),
}));
export type CallQualitySummary = z.infer<typeof CallQualitySummarySchema>;

export const CallEndedSchema = lazySchema(() => z.object({
  id: CallIdSchema,
  endedAt: EpochMs,
  outcome: CallOutcomeSchema,
  endedBy: CallEndedBySchema,
  /** Absent or null when the call never had media (not answered, or ended before the first sample). */
  quality: CallQualitySummarySchema.nullish(),
}));
export type CallEnded = z.infer<typeof CallEndedSchema>;

/**
 * What the desk tells main's call ledger as a call goes: one channel, one
 * event per step. `answered` repeats the call's identity, so main never
 * depends on the order in which the renderer's reports arrive.
 */
/**
 * A second leg the agent placed about a call already up (a consultation, which
 * is also the leg to an attended transfer's target): the id of that call. Such
 * a leg has no work order of its own; the caller's draft stays the one in use.
 */
const LedgerLegSchema = { consultFor: CallIdSchema.nullable().default(null) };

export const CallLedgerEventSchema = lazySchema(() => z.discriminatedUnion('type', [
  CallStartedSchema.extend({ type: z.literal('ringing'), ...LedgerLegSchema }),
  CallStartedSchema.extend({ type: z.literal('answered'), answeredAt: EpochMs, ...LedgerLegSchema }),
  CallEndedSchema.extend({ type: z.literal('ended') }),
]));
export type CallLedgerEvent = z.output<typeof CallLedgerEventSchema>;
export type CallLedgerEventInput = z.input<typeof CallLedgerEventSchema>;

export const CallLogEntrySchema = CallStartedSchema.extend({
  answeredAt: EpochMs.nullable(),
  endedAt: EpochMs.nullable(),
  outcome: CallOutcomeSchema.nullable(),
  endedBy: CallEndedBySchema.nullable(),
  quality: CallQualitySummarySchema.nullable(),
});
export type CallLogEntry = z.infer<typeof CallLogEntrySchema>;

export const CallLogQuerySchema = lazySchema(() => z.object({ limit: z.number().int().min(1).max(500).default(50) }));

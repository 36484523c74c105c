import { z } from 'zod';

export const CallIdSchema = z.string().min(8).max(64).regex(/^[0-9A-Za-z-]+$/);

export const CallDirectionSchema = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof CallDirectionSchema>;

/**
 * How a call ended, from the agent's point of view:
 * answered: talked and hung up (by either side); missed: caller gave up while ringing;
 * declined: agent pressed Decline; failed: set-up or media failed.
 */
export const CallOutcomeSchema = z.enum(['answered', 'missed', 'declined', 'failed']);
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

export const CallEndedBySchema = z.enum(['agent', 'remote', 'system']);
export type CallEndedBy = z.infer<typeof CallEndedBySchema>;

/** Phone numbers and names arrive from the network as raw text: bound them. */
export const RemoteNumberSchema = z.string().max(64);
export const RemoteNameSchema = z.string().max(128);
const EpochMs = z.number().int().nonnegative();

export const CallStartedSchema = z.object({
  id: CallIdSchema,
  direction: CallDirectionSchema,
  remoteNumber: RemoteNumberSchema,
  remoteName: RemoteNameSchema,
  startedAt: EpochMs,
});
export type CallStarted = z.infer<typeof CallStartedSchema>;

export const CallAnsweredSchema = z.object({ id: CallIdSchema, answeredAt: EpochMs });
export const CallEndedSchema = z.object({
  id: CallIdSchema,
  endedAt: EpochMs,
  outcome: CallOutcomeSchema,
  endedBy: CallEndedBySchema,
});
export type CallEnded = z.infer<typeof CallEndedSchema>;

export const CallLogEntrySchema = CallStartedSchema.extend({
  answeredAt: EpochMs.nullable(),
  endedAt: EpochMs.nullable(),
  outcome: CallOutcomeSchema.nullable(),
  endedBy: CallEndedBySchema.nullable(),
});
export type CallLogEntry = z.infer<typeof CallLogEntrySchema>;

export const CallLogQuerySchema = z.object({ limit: z.number().int().min(1).max(500).default(50) });

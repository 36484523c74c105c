import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { CallIdSchema } from '../domain/call-log';
import { PracticeOverviewSchema, PracticeResultSchema } from '../practice/result';

/**
 * Practice results (issue 14): the renderer says a practice call is over and
 * what the simulated caller did; main scores it (the one scoring path), keeps
 * the result and sends it to the signed-in centre once. A trainer's desk asks
 * main for the overview of their trainees, which main reads from the centre.
 */
export const PracticeFinishedSchema = lazySchema(() => z
  .object({
    callId: CallIdSchema,
    scenarioId: PracticeResultSchema.shape.scenarioId,
    scenarioVersion: PracticeResultSchema.shape.scenarioVersion,
    endedBy: PracticeResultSchema.shape.endedBy,
    lines: PracticeResultSchema.shape.lines,
    holds: PracticeResultSchema.shape.holds,
    /** A trainer played the caller live through the PBX; main names the trainer from its call log. */
    live: z.boolean().optional(),
  })
  .strict());
export type PracticeFinished = z.infer<typeof PracticeFinishedSchema>;

/**
 * Where a kept result stands with the centre: 'sent'; 'sending' (its agent is signed in, it goes or is retried);
 * 'waiting' (kept on this desk until its agent signs in); 'never' (practised with no 工号 on the desk: it never
 * goes); 'refused' (the centre will not take it as it is).
 */
export const PracticeSyncSchema = lazySchema(() => z.enum(['sent', 'sending', 'waiting', 'never', 'refused']));
export type PracticeSync = z.infer<typeof PracticeSyncSchema>;

export const PracticeHistoryEntrySchema = lazySchema(() => z.object({
  result: PracticeResultSchema,
  /** The 工号 it was practised under ('' for none). */
  agent: z.string().max(64),
  sync: PracticeSyncSchema,
  /** The centre's last refusal or the failure of the last try, for a result not sent. */
  error: z.string().max(500).nullable(),
}));
export type PracticeHistoryEntry = z.infer<typeof PracticeHistoryEntrySchema>;

export const PracticeOverviewReplySchema = lazySchema(() => z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('ok'), overview: PracticeOverviewSchema }),
  /** 'signed-out', 'forbidden' (not a trainer, lead or admin), 'unreachable', 'bad-reply', or the centre's error code. */
  z.object({ outcome: z.literal('refused'), reason: z.string().max(64), status: z.number().int() }),
]));
export type PracticeOverviewReply = z.infer<typeof PracticeOverviewReplySchema>;

export const practiceInvokeContract = {
  /** A practice call ended: main scores it, keeps its result and queues it for the centre (once per call). */
  'practice:finished': { request: PracticeFinishedSchema, reply: z.object({ result: PracticeResultSchema, queued: z.boolean() }) },
  /** The trainee's own results kept on this desk (theirs and those practised with no 工号), newest first, with where each stands with the centre. */
  'practice:history': { request: z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(), reply: z.array(PracticeHistoryEntrySchema) },
  /** The trainer's overview of their trainees' practice, from the centre. */
  'practice:overview': { request: z.object({}).strict(), reply: PracticeOverviewReplySchema },
} as const;

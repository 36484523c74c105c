import { z } from 'zod';
import { CallIdSchema } from '../domain/call-log';
import { PracticeOverviewSchema, PracticeResultSchema } from '../practice/result';

/**
 * Practice results (issue 14): the renderer says a practice call is over and
 * what the simulated caller did; main scores it (the one scoring path), keeps
 * the result and sends it to the signed-in centre once. A trainer's desk asks
 * main for the overview of their trainees, which main reads from the centre.
 */
export const PracticeFinishedSchema = z
  .object({
    callId: CallIdSchema,
    scenarioId: PracticeResultSchema.shape.scenarioId,
    scenarioVersion: PracticeResultSchema.shape.scenarioVersion,
    endedBy: PracticeResultSchema.shape.endedBy,
    lines: PracticeResultSchema.shape.lines,
    holds: PracticeResultSchema.shape.holds,
  })
  .strict();
export type PracticeFinished = z.infer<typeof PracticeFinishedSchema>;

export const PracticeOverviewReplySchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('ok'), overview: PracticeOverviewSchema }),
  /** 'signed-out', 'forbidden' (not a trainer, lead or admin), 'unreachable', 'bad-reply', or the centre's error code. */
  z.object({ outcome: z.literal('refused'), reason: z.string().max(64), status: z.number().int() }),
]);
export type PracticeOverviewReply = z.infer<typeof PracticeOverviewReplySchema>;

export const practiceInvokeContract = {
  /** A practice call ended: main scores it, keeps its result and queues it for the centre (once per call). */
  'practice:finished': { request: PracticeFinishedSchema, reply: z.object({ result: PracticeResultSchema, queued: z.boolean() }) },
  /** The trainer's overview of their trainees' practice, from the centre. */
  'practice:overview': { request: z.object({}).strict(), reply: PracticeOverviewReplySchema },
} as const;

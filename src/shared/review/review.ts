import { z } from 'zod';
import { CallIdSchema, CallLogEntrySchema, CallOutcomeSchema } from '../domain/call-log';
import { StoredTimelineEntrySchema } from '../domain/call/timeline';
import { ScorecardSchema } from '../scorecard/scorecard';

/**
 * Case review (issue 13): a call's stored score, the call list a trainer
 * searches, annotations on a call's timeline, what the replay screen opens.
 */

/** Who the desk's agent is, as scores and reviews name them (工号, '' when the desk has no profile yet). */
export const AgentRefSchema = z.string().max(64);

export const StoredScoreSchema = z.object({
  callId: CallIdSchema,
  agent: AgentRefSchema,
  practice: z.boolean(),
  scoredAt: z.number().int(),
  card: ScorecardSchema,
});
export type StoredScore = z.infer<typeof StoredScoreSchema>;

export const ScoreHistoryEntrySchema = z.object({
  callId: CallIdSchema,
  agent: AgentRefSchema,
  practice: z.boolean(),
  scoredAt: z.number().int(),
  score: z.number().int(),
  maxScore: z.number().int(),
  zeroed: z.boolean(),
  pending: z.number().int(),
});
export type ScoreHistoryEntry = z.infer<typeof ScoreHistoryEntrySchema>;

export const ScoreHistoryQuerySchema = z.object({
  /** Omitted: the desk's own agent. */
  agent: AgentRefSchema.optional(),
  practice: z.boolean().optional(),
  limit: z.number().int().min(1).max(500).default(50),
});

export const ANNOTATION_TAGS = ['good-practice', 'blunt-wording', 'missed-restatement', 'out-of-scope-handled', 'talked-over', 'other'] as const;
export const AnnotationTagSchema = z.enum(ANNOTATION_TAGS, { error: 'errors.choose' });
export type AnnotationTag = z.infer<typeof AnnotationTagSchema>;

const CallMs = z.number().int().min(0).max(86_400_000);

export const NewAnnotationSchema = z
  .object({
    callId: CallIdSchema,
    startMs: CallMs,
    /** null: a moment; otherwise the end of the span. */
    endMs: CallMs.nullable().default(null),
    tag: AnnotationTagSchema,
    text: z.string().trim().max(2000, { error: 'errors.tooLong' }).default(''),
  })
  .strict()
  .refine((a) => a.endMs === null || a.endMs >= a.startMs, { error: 'errors.invalid', path: ['endMs'] });
export type NewAnnotation = z.input<typeof NewAnnotationSchema>;

export const AnnotationSchema = z.object({
  id: z.number().int(),
  callId: CallIdSchema,
  startMs: z.number().int(),
  endMs: z.number().int().nullable(),
  tag: AnnotationTagSchema,
  text: z.string(),
  author: AgentRefSchema,
  createdAt: z.number().int(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;

/** The prompt kinds a trainer can search for ("every call with an emergency or abusive prompt"). */
export const ReviewPromptKindSchema = z.string().regex(/^[a-z-]{1,32}$/);

export const ReviewQuerySchema = z
  .object({
    agent: AgentRefSchema.optional(),
    /** Epoch ms, inclusive / exclusive. */
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
    minDurationMs: z.number().int().nonnegative().optional(),
    maxDurationMs: z.number().int().nonnegative().optional(),
    outcome: CallOutcomeSchema.optional(),
    /** Calls where any of these prompt kinds was raised. */
    prompts: z.array(ReviewPromptKindSchema).max(10).default([]),
    minScore: z.number().int().min(0).max(1000).optional(),
    maxScore: z.number().int().min(0).max(1000).optional(),
    practice: z.boolean().optional(),
    page: z.number().int().min(0).max(100_000).default(0),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ReviewQuery = z.input<typeof ReviewQuerySchema>;

export const ReviewRowSchema = z.object({
  callId: CallIdSchema,
  agent: AgentRefSchema,
  remoteNumber: z.string(),
  startedAt: z.number().int(),
  durationMs: z.number().int().nullable(),
  outcome: CallOutcomeSchema.nullable(),
  practice: z.boolean(),
  prompts: z.array(z.string()),
  score: z.number().int().nullable(),
  maxScore: z.number().int().nullable(),
});
export type ReviewRow = z.infer<typeof ReviewRowSchema>;

export const ReviewPageSchema = z.object({ rows: z.array(ReviewRowSchema), hasMore: z.boolean(), page: z.number().int() });
export type ReviewPage = z.infer<typeof ReviewPageSchema>;

/** Two channels' peaks (caller left, agent right), each value 0..1, `perSecond` values a second. */
export const ReplayPeaksSchema = z.object({
  perSecond: z.number().int().min(1).max(1000),
  caller: z.array(z.number().min(-1).max(1)).max(2_000_000),
  agent: z.array(z.number().min(-1).max(1)).max(2_000_000),
});
export type ReplayPeaks = z.infer<typeof ReplayPeaksSchema>;

/** A hold in the recording: at recording time `atMs` the call was held `heldMs` of wall time, not recorded. */
export const ReplayHoldSchema = z.object({ atMs: z.number().int().nonnegative(), heldMs: z.number().int().nonnegative() });
export type ReplayHold = z.infer<typeof ReplayHoldSchema>;

export const ReplayAudioInfoSchema = z.object({
  available: z.boolean(),
  holds: z.array(ReplayHoldSchema).max(1000).default([]),
  durationMs: z.number().int().nonnegative(),
  mime: z.string().max(64),
  peaks: ReplayPeaksSchema.nullable(),
  /** Where the player streams the audio from (relative to the page, with a grant for this open); none without audio. */
  url: z.string().max(300).nullish(),
});
export type ReplayAudioInfo = z.infer<typeof ReplayAudioInfoSchema>;

export const ReplayOpenSchema = z.object({
  call: CallLogEntrySchema,
  timeline: z.array(StoredTimelineEntrySchema),
  annotations: z.array(AnnotationSchema),
  score: StoredScoreSchema.nullable(),
  audio: ReplayAudioInfoSchema,
});
export type ReplayOpen = z.infer<typeof ReplayOpenSchema>;

/** Where a moment of the call (ms from answer, wall time) is in the recording, which leaves holds out. */
export function recordingTime(wallMs: number, holds: readonly ReplayHold[]): number {
  let skipped = 0;
  for (const hold of [...holds].sort((a, b) => a.atMs - b.atMs)) {
    const heldFrom = hold.atMs + skipped;
    if (wallMs <= heldFrom) break;
    if (wallMs < heldFrom + hold.heldMs) return hold.atMs;
    skipped += hold.heldMs;
  }
  return wallMs - skipped;
}

/** The moment of the call (wall ms from answer) heard at `recordingMs` of the recording. */
export function wallTime(recordingMs: number, holds: readonly ReplayHold[]): number {
  let added = 0;
  for (const hold of [...holds].sort((a, b) => a.atMs - b.atMs)) {
    if (recordingMs < hold.atMs) break;
    added += hold.heldMs;
  }
  return recordingMs + added;
}

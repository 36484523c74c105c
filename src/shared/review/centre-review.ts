import { z } from 'zod';
import { CallIdSchema, CallOutcomeSchema } from '../domain/call-log';
import { RecordingIdSchema } from '../recording/recording';
import { ScorecardSchema } from '../scorecard/scorecard';
import { AnnotationTagSchema, ReviewPromptKindSchema } from './review';

/**
 * Case review at the centre (issue 13): the calls of a team a trainer
 * searches, every playback of a recording logged, reviews (annotations and the
 * scorecard) kept at the centre and shared with the agent, versioned
 * scorecard templates. The wire shapes of `/v1/reviews/…` and `/v1/scorecards/…`.
 */
export const REVIEWS_PATH = '/v1/reviews';
export const CENTRE_CALLS_PATH = `${REVIEWS_PATH}/calls`;
export const PLAYBACKS_PATH = `${REVIEWS_PATH}/playbacks`;
export const SHARED_REVIEWS_PATH = `${REVIEWS_PATH}/shared`;
export const reviewPath = (callId: string) => `${REVIEWS_PATH}/calls/${encodeURIComponent(callId)}/review`;
export const reviewSharePath = (callId: string) => `${REVIEWS_PATH}/calls/${encodeURIComponent(callId)}/share`;
export const SCORECARD_TEMPLATES_PATH = '/v1/scorecards/templates';

/** A call counts as a repeat when the same number called the centre this long before it. */
export const REPEAT_CALLER_WINDOW_MS = 7 * 86_400_000;

/** What the desk reports of each ended call so the centre can list it (the agent and team are the caller's). */
export const CallSummarySchema = z
  .object({
    callId: CallIdSchema,
    recordingId: RecordingIdSchema.nullable().default(null),
    startedAt: z.number().int().nonnegative(),
    /** From answer to end; null when never answered. */
    durationMs: z.number().int().nonnegative().max(86_400_000).nullable(),
    outcome: CallOutcomeSchema.nullable(),
    /** Prompt kinds raised during the call. */
    prompts: z.array(ReviewPromptKindSchema).max(32).default([]),
    /** The caller's number as the desk has it (kept for repeat-caller detection, served masked). */
    callerNumber: z.string().max(64).default(''),
    /** The desk's own score of the call, when it judged one. */
    score: z.number().int().min(0).max(1000).nullable().default(null),
    maxScore: z.number().int().min(0).max(1000).nullable().default(null),
  })
  .strict();
export type CallSummary = z.infer<typeof CallSummarySchema>;
export type CallSummaryInput = z.input<typeof CallSummarySchema>;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `GET /v1/reviews/calls?…`: every filter optional, newest first, paged by an opaque cursor. */
export const CentreCallQuerySchema = z
  .object({
    team: z.string().min(1).max(64).optional(),
    /** The agent's work number (工号). */
    agent: z.string().min(1).max(64).optional(),
    from: int(0, 8_640_000_000_000).optional(),
    to: int(0, 8_640_000_000_000).optional(),
    minDurationMs: int(0, 86_400_000).optional(),
    maxDurationMs: int(0, 86_400_000).optional(),
    outcome: CallOutcomeSchema.optional(),
    /** Comma-separated prompt kinds: calls where any of them was raised. */
    prompts: z
      .string()
      .max(400)
      .transform((raw) => raw.split(',').map((kind) => kind.trim()).filter((kind) => kind !== ''))
      .pipe(z.array(ReviewPromptKindSchema).max(10))
      .optional(),
    repeat: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
    minScore: int(0, 1000).optional(),
    maxScore: int(0, 1000).optional(),
    limit: int(1, 200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type CentreCallQuery = z.infer<typeof CentreCallQuerySchema>;

export const CentreCallSchema = z.object({
  callId: CallIdSchema,
  teamId: z.string(),
  agentPersonId: z.string(),
  agentWorkNumber: z.string(),
  recordingId: RecordingIdSchema.nullable(),
  startedAt: z.number().int(),
  durationMs: z.number().int().nullable(),
  outcome: CallOutcomeSchema.nullable(),
  prompts: z.array(z.string()),
  /** Masked: 138****5678. */
  callerNumber: z.string().nullable(),
  repeatCaller: z.boolean(),
  score: z.number().int().nullable(),
  maxScore: z.number().int().nullable(),
  /** A review of this call is shared with the agent. */
  shared: z.boolean(),
});
export type CentreCall = z.infer<typeof CentreCallSchema>;

export const CentreCallPageSchema = z.object({ calls: z.array(CentreCallSchema), nextCursor: z.string().nullable() });
export type CentreCallPage = z.infer<typeof CentreCallPageSchema>;

export const PlaybackEntrySchema = z.object({
  id: z.number().int(),
  recordingId: RecordingIdSchema,
  callId: z.string(),
  teamId: z.string(),
  agentPersonId: z.string().nullable(),
  byPersonId: z.string().nullable(),
  byWorkNumber: z.string(),
  byRoles: z.array(z.string()),
  tokenId: z.string(),
  remoteAddress: z.string(),
  forwardedFor: z.string().nullable(),
  range: z.string().nullable(),
  at: z.number().int(),
});
export type PlaybackEntry = z.infer<typeof PlaybackEntrySchema>;

export const PlaybackQuerySchema = z
  .object({
    recording: RecordingIdSchema.optional(),
    team: z.string().min(1).max(64).optional(),
    from: int(0, 8_640_000_000_000).optional(),
    to: int(0, 8_640_000_000_000).optional(),
    limit: int(1, 500).default(100),
  })
  .strict();
export type PlaybackQuery = z.infer<typeof PlaybackQuerySchema>;

/** An annotation as the centre keeps it inside a review (ids are the trainer's own, stable across saves). */
export const CentreAnnotationSchema = z
  .object({
    id: z.string().regex(/^[0-9A-Za-z-]{1,64}$/),
    startMs: z.number().int().min(0).max(86_400_000),
    endMs: z.number().int().min(0).max(86_400_000).nullable(),
    tag: AnnotationTagSchema,
    text: z.string().trim().max(2000),
    author: z.string().max(64),
    createdAt: z.number().int().nonnegative(),
  })
  .strict()
  .refine((a) => a.endMs === null || a.endMs >= a.startMs, { error: 'errors.invalid', path: ['endMs'] });
export type CentreAnnotation = z.infer<typeof CentreAnnotationSchema>;

/** `PUT …/review` with If-Match (the version read; absent for the first save). */
export const ReviewSaveSchema = z
  .object({
    annotations: z.array(CentreAnnotationSchema).max(500),
    scorecard: ScorecardSchema.nullable(),
  })
  .strict();
export type ReviewSave = z.infer<typeof ReviewSaveSchema>;

export const CentreReviewSchema = z.object({
  callId: CallIdSchema,
  teamId: z.string(),
  agentPersonId: z.string(),
  annotations: z.array(CentreAnnotationSchema),
  scorecard: ScorecardSchema.nullable(),
  version: z.number().int().min(1),
  sharedAt: z.number().int().nullable(),
  sharedBy: z.string().nullable(),
  updatedBy: z.string(),
  updatedAt: z.number().int(),
});
export type CentreReview = z.infer<typeof CentreReviewSchema>;

export const ReviewShareSchema = z.object({ shared: z.boolean() }).strict();

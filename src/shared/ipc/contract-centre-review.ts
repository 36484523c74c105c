import { z } from 'zod';
import { CallOutcomeSchema } from '../domain/call-log';
import { RecordingIdSchema } from '../recording/recording';
import { CentreAnnotationSchema, CentreCallPageSchema, CentreCallSchema, CentreReviewSchema } from '../review/centre-review';
import { ScorecardSchema } from '../scorecard/scorecard';
import { ScorecardTemplateSchema } from '../scorecard/template';
import { REVIEW_BUNDLE_MAX_CHARS, ReviewBundleSchema } from '../review/review-bundle';
import { CallIdSchema } from '../domain/call-log';
import { Empty } from './contract-parts';
import { ReviewPromptKindSchema } from '../review/review';

/** Why the centre gave no answer: signed out, not reachable, or it refused (403 another team, …). */
export const CentreUnavailableSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('signed-out') }),
  z.object({ state: z.literal('unreachable'), message: z.string() }),
  z.object({ state: z.literal('refused'), status: z.number().int(), code: z.string().nullable() }),
]);
export type CentreUnavailable = z.infer<typeof CentreUnavailableSchema>;

/** The trainer's search of the centre's calls (the query of GET /v1/reviews/calls, typed). */
export const CentreCallSearchSchema = z
  .object({
    team: z.string().min(1).max(64).optional(),
    agent: z.string().min(1).max(64).optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
    minDurationMs: z.number().int().nonnegative().max(86_400_000).optional(),
    maxDurationMs: z.number().int().nonnegative().max(86_400_000).optional(),
    outcome: CallOutcomeSchema.optional(),
    prompts: z.array(ReviewPromptKindSchema).max(10).default([]),
    repeat: z.boolean().optional(),
    minScore: z.number().int().min(0).max(1000).optional(),
    maxScore: z.number().int().min(0).max(1000).optional(),
    limit: z.number().int().min(1).max(200).default(25),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type CentreCallSearch = z.input<typeof CentreCallSearchSchema>;

/** An imported bundle as replay shows it: everything but the audio's bytes. */
export const ImportedReviewSchema = ReviewBundleSchema.omit({ audio: true }).extend({
  audio: ReviewBundleSchema.shape.audio.unwrap().omit({ base64: true }).nullable(),
  importedAt: z.number().int(),
});

const NotFound = z.object({ state: z.literal('not-found') });
const Ok = <T extends z.ZodRawShape>(shape: T) => z.object({ state: z.literal('ok'), ...shape });
const StoredTemplateSchema = z.object({ template: ScorecardTemplateSchema, createdBy: z.string(), createdAt: z.number().int() });

/** Shared reviews and the centre's scorecard templates, as the desk asks for them. */
export const centreSharedReviewContract = {
  /** The centre's review of a call (trainer, lead, admin; the agent once shared); 'none' before the first save. */
  'review:centreReview': {
    request: z.object({ callId: CallIdSchema }).strict(),
    reply: z.union([Ok({ call: CentreCallSchema, review: CentreReviewSchema }), z.object({ state: z.literal('none') }), CentreUnavailableSchema]),
  },
  /** Saves the annotations and the scorecard at the centre over `version` (null: the first save); a stale version is a conflict. */
  'review:saveCentreReview': {
    request: z.object({ callId: CallIdSchema, version: z.number().int().min(1).nullable(), annotations: z.array(CentreAnnotationSchema).max(500), scorecard: ScorecardSchema.nullable() }).strict(),
    reply: z.union([Ok({ review: CentreReviewSchema }), z.object({ state: z.literal('conflict'), current: CentreReviewSchema.nullable() }), CentreUnavailableSchema]),
  },
  'review:shareCentreReview': {
    request: z.object({ callId: CallIdSchema, shared: z.boolean() }).strict(),
    reply: z.union([Ok({ review: CentreReviewSchema }), CentreUnavailableSchema]),
  },
  /** The signed-in agent's reviews a trainer shared with them. */
  'review:sharedWithMe': { request: Empty, reply: z.union([Ok({ reviews: z.array(CentreReviewSchema) }), CentreUnavailableSchema]) },
  /** The centre's templates: the latest of each, and every version. */
  'scorecards:centreTemplates': {
    request: Empty,
    reply: z.union([
      Ok({ templates: z.array(StoredTemplateSchema), versions: z.array(z.object({ id: z.string(), version: z.number().int(), createdBy: z.string(), createdAt: z.number().int() })) }),
      CentreUnavailableSchema,
    ]),
  },
  /** Publishes the template as its next version at the centre (trainers, admins); another editor's newer version is a conflict. */
  'scorecards:publishTemplate': {
    request: ScorecardTemplateSchema,
    reply: z.union([Ok({ template: ScorecardTemplateSchema }), z.object({ state: z.literal('conflict'), current: StoredTemplateSchema.nullable() }), CentreUnavailableSchema]),
  },
  /** Uses a template published at the centre on this desk as it is (its centre version kept). */
  'scorecards:adoptTemplate': { request: ScorecardTemplateSchema, reply: ScorecardTemplateSchema },
} as const;

/** Case review against the centre (issue 13): the centre's call list and its recordings fetched by range. */
export const centreReviewInvokeContract = {
  'replay:centreCalls': {
    request: CentreCallSearchSchema,
    reply: z.union([z.object({ state: z.literal('ok'), page: CentreCallPageSchema }), CentreUnavailableSchema]),
  },
  /** A recording that is not on this desk, fetched from the centre in ranges (each fetch is logged there). */
  'replay:centreAudio': {
    request: z.object({ recordingId: RecordingIdSchema }).strict(),
    reply: z.union([z.object({ state: z.literal('ok'), mime: z.string(), base64: z.string() }), CentreUnavailableSchema]),
  },
  /** The call as one review bundle file (案例复盘), personal numbers masked unless `masked` is false. */
  'review:exportBundle': {
    request: z.object({ callId: CallIdSchema, masked: z.boolean().default(true) }).strict(),
    reply: z.union([z.object({ state: z.literal('ok'), fileName: z.string(), text: z.string() }), NotFound]),
  },
  /** A bundle file's text: validated whole, then kept (nothing kept when it does not validate). */
  'review:importBundle': {
    request: z.object({ text: z.string().max(REVIEW_BUNDLE_MAX_CHARS + 1_000_000) }).strict(),
    reply: z.union([
      z.object({ state: z.literal('imported'), id: z.string(), callId: z.string(), title: z.string() }),
      z.object({ state: z.literal('invalid'), message: z.string(), issues: z.array(z.object({ path: z.string(), message: z.string() })) }),
    ]),
  },
  'review:imported': {
    request: Empty,
    reply: z.array(z.object({ id: z.string(), callId: z.string(), title: z.string(), masked: z.boolean(), exportedBy: z.string(), importedAt: z.number().int() })),
  },
  /** An imported review, shown read-only in replay. */
  'review:openImported': { request: z.object({ id: z.string().uuid() }).strict(), reply: z.union([z.object({ state: z.literal('ok'), review: ImportedReviewSchema }), NotFound]) },
  'review:importedAudio': {
    request: z.object({ id: z.string().uuid() }).strict(),
    reply: z.union([z.object({ state: z.literal('ok'), mime: z.string(), base64: z.string() }), NotFound]),
  },
  ...centreSharedReviewContract,
} as const;

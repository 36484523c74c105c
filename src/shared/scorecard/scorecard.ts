import { z } from 'zod';
import { ScorecardTextSchema } from './template';

/**
 * A call's scorecard: what the desk judged, what the trainer changed, the
 * total. Crosses IPC and is stored as JSON, so it is a schema.
 */

const MomentSchema = z.object({ startMs: z.number().int(), endMs: z.number().int().nullable() });

/** An i18n key of the scorecard namespace and its values (what the desk saw). */
export const ScorecardNoteSchema = z.object({
  key: z.string().max(64),
  params: z.record(z.string().max(32), z.union([z.string().max(200), z.number()])).default({}),
});
export type ScorecardNote = z.infer<typeof ScorecardNoteSchema>;

export const VerdictSchema = z.enum(['pass', 'fail', 'trainer']);
export type Verdict = z.infer<typeof VerdictSchema>;

/** A trainer's decision on one item or fatal error, with why. */
export const ScorecardOverrideSchema = z
  .object({
    id: z.string().max(64),
    verdict: z.enum(['pass', 'fail']),
    /** Points given when not all or nothing (items only); null = all for pass, none for fail. */
    points: z.number().int().min(0).max(100).nullable().default(null),
    comment: z.string().trim().max(1000, { error: 'errors.tooLong' }).default(''),
    by: z.string().max(64).default(''),
    at: z.number().int().nonnegative(),
  })
  .strict();
export type ScorecardOverride = z.infer<typeof ScorecardOverrideSchema>;
export type ScorecardOverrideInput = z.input<typeof ScorecardOverrideSchema>;

export const ScoredItemSchema = z.object({
  id: z.string(),
  title: ScorecardTextSchema,
  maxPoints: z.number().int(),
  /** The desk's own verdict ('trainer' when it cannot judge). */
  auto: VerdictSchema,
  /** After the trainer's override, if any. */
  verdict: VerdictSchema,
  points: z.number().int(),
  moments: z.array(MomentSchema),
  note: ScorecardNoteSchema.nullable(),
  override: ScorecardOverrideSchema.nullable(),
  help: z.object({ step: z.string().optional(), phrases: z.array(z.string()) }),
});
export type ScoredItem = z.infer<typeof ScoredItemSchema>;

export const ScoredFatalSchema = z.object({
  id: z.string(),
  title: ScorecardTextSchema,
  /** 'fail' = the error happened. */
  auto: VerdictSchema,
  verdict: VerdictSchema,
  moments: z.array(MomentSchema),
  override: ScorecardOverrideSchema.nullable(),
});
export type ScoredFatal = z.infer<typeof ScoredFatalSchema>;

export const CallFiguresSchema = z.object({
  handleMs: z.number().int().nullable(),
  afterCallMs: z.number().int().nullable(),
  firstAgentWordsMs: z.number().int().nullable(),
  overlapCount: z.number().int(),
  talkOverCount: z.number().int(),
  longestDeadAirMs: z.number().int(),
  agentRaisedVoiceCount: z.number().int(),
});
export type CallFigures = z.infer<typeof CallFiguresSchema>;

export const ScorecardSchema = z.object({
  templateId: z.string(),
  templateVersion: z.number().int(),
  items: z.array(ScoredItemSchema),
  fatal: z.array(ScoredFatalSchema),
  figures: CallFiguresSchema,
  score: z.number().int(),
  maxScore: z.number().int(),
  /** Items and fatal errors still waiting for the trainer. */
  pending: z.number().int(),
  /** A fatal error happened: the score is 0 whatever the items say. */
  zeroed: z.boolean(),
});
export type Scorecard = z.infer<typeof ScorecardSchema>;

import { z } from 'zod';
import { CallIdSchema } from '../domain/call-log';
import { ScorecardTemplateSchema } from '../scorecard/template';
import {
  AnnotationSchema,
  NewAnnotationSchema,
  ReplayOpenSchema,
  ReplayPeaksSchema,
  ReviewPageSchema,
  ReviewQuerySchema,
  ScoreHistoryEntrySchema,
  ScoreHistoryQuerySchema,
  StoredScoreSchema,
} from '../review/review';
import { Done, Empty } from './contract-parts';

/** Scorecards and replay (issue 13), practice feedback (issue 14). */
export const reviewInvokeContract = {
  /** The centre's scorecard template in use (the built-in 12345 default until one is saved). */
  'scorecards:template': { request: Empty, reply: ScorecardTemplateSchema },
  /** Saves an edited template; main bumps its version. */
  'scorecards:saveTemplate': { request: ScorecardTemplateSchema, reply: ScorecardTemplateSchema },
  /** Judges the call now (its timeline and work order as stored), keeps the trainer's overrides, stores the card. */
  'scorecards:score': { request: z.object({ callId: CallIdSchema }), reply: StoredScoreSchema },
  'scorecards:override': {
    request: z
      .object({
        callId: CallIdSchema,
        id: z.string().max(64),
        verdict: z.enum(['pass', 'fail']),
        points: z.number().int().min(0).max(100).nullable().default(null),
        comment: z.string().trim().max(1000, { error: 'errors.tooLong' }).default(''),
      })
      .strict(),
    reply: StoredScoreSchema,
  },
  /** Scores over time, newest first. */
  'scorecards:history': { request: ScoreHistoryQuerySchema, reply: z.array(ScoreHistoryEntrySchema) },

  /** The call list for review, newest first, one page. */
  'replay:search': { request: ReviewQuerySchema, reply: ReviewPageSchema },
  /** Everything the replay screen shows of a call, but the audio bytes. */
  'replay:open': { request: z.object({ callId: CallIdSchema }), reply: ReplayOpenSchema },
  /** The call's audio (base64: the IPC bridge carries JSON in the lab too). */
  'replay:audio': { request: z.object({ callId: CallIdSchema }), reply: z.object({ mime: z.string(), base64: z.string() }) },
  /** Peaks the renderer measured on a recording's first open (the recorder keeps none yet). */
  'replay:savePeaks': {
    request: z.object({ callId: CallIdSchema, peaks: ReplayPeaksSchema, durationMs: z.number().int().nonnegative() }).strict(),
    reply: Done,
  },
  'replay:annotate': { request: NewAnnotationSchema, reply: AnnotationSchema },
  'replay:deleteAnnotation': { request: z.object({ callId: CallIdSchema, id: z.number().int() }).strict(), reply: Done },
} as const;

import { z } from 'zod';
import { lazySchema } from '../../base/lazy-schema';

/**
 * A call's timeline as a domain type: one entry kind per thing that happened,
 * each with its own payload. The replay, the scorecards and the lead's view
 * read these; the desk writes them as the call goes.
 */

/** ms from answer; a call is never longer than a day. */
const Offset = lazySchema(() => z.number().int().min(-86_400_000).max(86_400_000));
const Id = lazySchema(() => z.string().max(128));
const Short = lazySchema(() => z.string().max(256));
const Side = lazySchema(() => z.enum(['caller', 'agent']));

const PromptRef = lazySchema(() => z.object({ id: Id }));

const PromptShown = lazySchema(() => z.object({
  id: Id,
  kind: Short,
  priority: z.number(),
  severity: Short,
  title: z.string().max(512),
  step: z.unknown().optional(),
  topic: Short.optional(),
  matchedTerms: z.array(Short).max(50).optional(),
  restate: z.string().max(2000).optional(),
  /** What raised it (a hotkey, an audio event, the work order...). */
  cause: Short.optional(),
}));

const PromptUsed = lazySchema(() => z.object({
  id: Id,
  line: z.number().int().nonnegative().optional(),
  action: z.enum(['next-step', 'notify-lead']).optional(),
  step: z.number().int().nonnegative().optional(),
}));

const StepTicked = lazySchema(() => z.object({ by: z.enum(['auto', 'agent']), reason: Short.optional() }));
const StepUnticked = lazySchema(() => z.object({ by: z.literal('agent') }));

const SignalPayload = lazySchema(() => z.object({
  side: z.enum(['caller', 'agent', 'both']).optional(),
  reason: Short.optional(),
  levelDb: z.number().optional(),
  aboveBaselineDb: z.number().optional(),
  baselineDb: z.number().optional(),
  by: Side.optional(),
}));

const LeadAlert = lazySchema(() => z.object({ target: Short, ok: z.boolean(), elapsedMs: z.number().optional(), error: z.string().max(1000).optional() }));
const RecoveryAnswer = lazySchema(() => z.object({ agentStateApplied: z.boolean(), breakReason: Short.optional() }));
/** What the agent says was done about an emergency prompt (it cannot just be dismissed). */
export const EMERGENCY_OUTCOMES = ['reported', 'not-emergency'] as const;
export type EmergencyOutcome = (typeof EMERGENCY_OUTCOMES)[number];
const EmergencyAnswer = lazySchema(() => z.object({ id: Id, outcome: z.enum(EMERGENCY_OUTCOMES), leadAlerted: z.boolean() }));
const Nothing = lazySchema(() => z.object({}));
/** The work-order fields the agent changed since the last such entry (long text cut to fit an entry); replay rebuilds the order at any moment from these. */
const WorkOrderEdited = lazySchema(() => z.object({ fields: z.record(z.string().max(64), z.unknown()) }));
/** A knowledge-base article the agent opened (and what was searched), or whose passage went into the reply. */
const KnowledgeOpened = lazySchema(() => z.object({ articleId: Id, title: z.string().max(200), query: z.string().max(200), validity: z.enum(['current', 'not-yet', 'expired']) }));
const KnowledgeUsed = lazySchema(() => z.object({
  articleId: Id,
  title: z.string().max(200),
  passage: z.string().max(2_000),
  sourceDocument: z.string().max(200),
  sourceNumber: z.string().max(100),
}));

const kinds: string[] = [];
/** One kind's entry schema, built on first use; its kind is noted here so TIMELINE_KINDS needs no schema built. */
const entry = <K extends string, P extends z.ZodType>(kind: K, payload: P) => {
  kinds.push(kind);
  return lazySchema(() => z.object({
    /** The desk's order within the call, from 0; a resent batch repeats its seqs. */
    seq: z.number().int().nonnegative(),
    kind: z.literal(kind),
    subject: z.string().max(128).default(''),
    startMs: Offset,
    endMs: Offset.nullable().default(null),
    payload,
  }));
};

/** Every kind of timeline entry, with the payload that kind carries. */
export const TIMELINE_ENTRY_SCHEMAS = [
  entry('prompt-shown', PromptShown),
  entry('prompt-acknowledged', PromptRef),
  entry('prompt-used', PromptUsed),
  entry('prompt-dismissed', PromptRef),
  entry('prompt-expired', PromptRef),
  entry('prompt-resolved', PromptRef),
  entry('prompt-pre-empted', PromptRef),
  entry('prompt-call-ended', PromptRef),
  entry('step-ticked', StepTicked),
  entry('step-unticked', StepUnticked),
  entry('signal', SignalPayload),
  entry('hotkey', Nothing),
  entry('lead-alert', LeadAlert),
  entry('recovery-offered', PromptRef),
  entry('recovery-accepted', RecoveryAnswer),
  entry('recovery-declined', RecoveryAnswer),
  entry('emergency-outcome', EmergencyAnswer),
  entry('knowledge-opened', KnowledgeOpened),
  entry('knowledge-used', KnowledgeUsed),
  entry('work-order-edited', WorkOrderEdited),
] as const;

export const TimelineEntrySchema = lazySchema(() => z
  .discriminatedUnion('kind', TIMELINE_ENTRY_SCHEMAS)
  .refine((e) => e.endMs === null || e.endMs >= e.startMs, { error: 'errors.invalid', path: ['endMs'] })
  .refine((e) => JSON.stringify(e.payload).length <= 8_000, { error: 'errors.tooLong', path: ['payload'] }));

export type TimelineEntry = z.output<typeof TimelineEntrySchema>;
export type TimelineEntryInput = z.input<typeof TimelineEntrySchema>;
export type TimelineKind = TimelineEntry['kind'];
export const TIMELINE_KINDS = kinds as TimelineKind[];

/** An entry as the desk records it, before it gets its seq. */
export type TimelineRecord = TimelineEntryInput extends infer E ? (E extends unknown ? Omit<E, 'seq'> : never) : never;

/** Read back from the store: the entry with the time main stored it. */
export type StoredTimelineEntry = TimelineEntry & { recordedAt: number };

export const StoredTimelineEntrySchema = lazySchema(() => z.intersection(TimelineEntrySchema, z.object({ recordedAt: z.number().int() })));

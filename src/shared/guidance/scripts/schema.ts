import { z } from 'zod';
import { lazySchema } from '../../base/lazy-schema';
import { SCRIPT_STEP_IDS } from './steps';

/**
 * A script pack: the words an agent can use, as data a trainer edits.
 * Every text is given zh-CN first, en second. Error messages are i18n keys,
 * like the rest of `src/shared`.
 */

export const PACK_SCHEMA_VERSION = 1;

/** Placeholders a text may use; the guidance engine fills them. */
export const PLACEHOLDERS = ['summary', 'count', 'minutes', 'seconds', 'channel', 'topic', 'city', 'workNumber', 'department', 'deadline', 'recordingNotice'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
const PLACEHOLDER_SET: ReadonlySet<string> = new Set(PLACEHOLDERS);

function unknownPlaceholder(text: string): string | undefined {
  for (const match of text.matchAll(/\{([^{}]*)\}/g)) {
    const name = match[1] ?? '';
    if (!PLACEHOLDER_SET.has(name)) return name;
  }
  return undefined;
}

const Text = lazySchema(() => z
  .string()
  .trim()
  .min(1, { error: 'errors.required' })
  .max(2000, { error: 'errors.tooLong' })
  .refine((text) => unknownPlaceholder(text) === undefined, { error: 'guidance.pack.unknownPlaceholder' }));

export const LocalizedTextSchema = lazySchema(() => z.object({ 'zh-CN': Text, en: Text }).strict());
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const PackIdSchema = lazySchema(() => z
  .string()
  .min(1, { error: 'errors.required' })
  .max(64, { error: 'errors.tooLong' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'guidance.pack.id' }));

export { SCRIPT_STEP_IDS, type ScriptStepId } from './steps';
export const ScriptStepIdSchema = lazySchema(() => z.enum(SCRIPT_STEP_IDS));

/** Matters 12345 does not accept, each with its own proper channel. */
export const OUT_OF_SCOPE_TOPICS = [
  'litigation',
  'arbitration',
  'discipline-inspection',
  'administrative-reconsideration',
  'information-disclosure',
] as const;
export const OutOfScopeTopicSchema = lazySchema(() => z.enum(OUT_OF_SCOPE_TOPICS));
export type OutOfScopeTopic = z.infer<typeof OutOfScopeTopicSchema>;

export const PhraseSchema = lazySchema(() => z
  .object({
    id: PackIdSchema,
    text: LocalizedTextSchema,
    /** A hint for the agent, not said aloud. */
    note: LocalizedTextSchema.optional(),
  })
  .strict());
export type Phrase = z.infer<typeof PhraseSchema>;

export const ScriptStepSchema = lazySchema(() => z
  .object({
    id: ScriptStepIdSchema,
    title: LocalizedTextSchema,
    goal: LocalizedTextSchema,
    phrases: z.array(PhraseSchema).min(1, { error: 'errors.required' }),
  })
  .strict());
export type ScriptStep = z.infer<typeof ScriptStepSchema>;

export const SituationSchema = lazySchema(() => z.object({ id: PackIdSchema, title: LocalizedTextSchema }).strict());
export type Situation = z.infer<typeof SituationSchema>;

/** One blunt phrase and the cushioned (软垫式) ways to say the same thing. */
export const PhraseAlternativeSchema = lazySchema(() => z
  .object({
    id: PackIdSchema,
    situation: PackIdSchema,
    blunt: LocalizedTextSchema,
    better: z.array(LocalizedTextSchema).min(1, { error: 'errors.required' }),
    tags: z.array(z.string().trim().min(1).max(32)).max(16).default([]),
  })
  .strict());
export type PhraseAlternative = z.infer<typeof PhraseAlternativeSchema>;

export const PROTOCOL_ACTIONS = ['say', 'end-call', 'mark-call', 'notify-lead', 'offer-break', 'flag-for-review'] as const;
export const ProtocolActionSchema = lazySchema(() => z.enum(PROTOCOL_ACTIONS));
export type ProtocolAction = z.infer<typeof ProtocolActionSchema>;

export const ProtocolStepSchema = lazySchema(() => z
  .object({
    id: PackIdSchema,
    say: LocalizedTextSchema,
    action: ProtocolActionSchema.default('say'),
    /** For timed protocols (the silent call): seconds after answer when this step is due. */
    afterSeconds: z.number().nonnegative().max(3600).optional(),
  })
  .strict());
export type ProtocolStep = z.infer<typeof ProtocolStepSchema>;

const Steps = lazySchema(() => z.array(ProtocolStepSchema).min(1, { error: 'errors.required' }).max(20));

export const ProtocolSchema = lazySchema(() => z.object({ title: LocalizedTextSchema, steps: Steps }).strict());
export type Protocol = z.infer<typeof ProtocolSchema>;

const Terms = lazySchema(() => z.array(z.string().trim().min(1).max(64)).max(200));

export const OutOfScopeEntrySchema = lazySchema(() => z
  .object({
    topic: OutOfScopeTopicSchema,
    name: LocalizedTextSchema,
    /** Words in the ticket (category, summary, notes) that suggest this topic; zh and en, any case. */
    terms: Terms.min(1, { error: 'errors.required' }),
    channel: LocalizedTextSchema,
    say: LocalizedTextSchema,
  })
  .strict());
export type OutOfScopeEntry = z.infer<typeof OutOfScopeEntrySchema>;

export const ProtocolsSchema = lazySchema(() => z
  .object({
    silent: ProtocolSchema,
    abusive: ProtocolSchema.extend({ recovery: LocalizedTextSchema }).strict(),
    emergency: ProtocolSchema.extend({ triggerTerms: Terms.min(1, { error: 'errors.required' }) }).strict(),
    wontHangUp: ProtocolSchema,
    outOfScope: z
      .object({
        title: LocalizedTextSchema,
        intro: LocalizedTextSchema,
        topics: z.array(OutOfScopeEntrySchema).min(1, { error: 'errors.required' }),
      })
      .strict(),
  })
  .strict());
export type Protocols = z.infer<typeof ProtocolsSchema>;

/** The four-part formula: restate + acknowledge the feeling + suggest + ask for agreement. */
export const DeEscalationSchema = lazySchema(() => z
  .object({
    title: LocalizedTextSchema,
    /** Uses {summary}, the ticket's summary. */
    restate: LocalizedTextSchema,
    /** When the ticket has no summary yet. */
    restateFallback: LocalizedTextSchema,
    acknowledge: z.array(LocalizedTextSchema).min(1, { error: 'errors.required' }),
    /** Suggestions by ticket category (matched as a substring); `category` absent = the default. */
    suggest: z
      .array(z.object({ category: z.string().trim().min(1).max(64).optional(), text: LocalizedTextSchema }).strict())
      .min(1, { error: 'errors.required' }),
    confirm: z.array(LocalizedTextSchema).min(1, { error: 'errors.required' }),
  })
  .strict());
export type DeEscalation = z.infer<typeof DeEscalationSchema>;

const Nudge = lazySchema(() => z.object({ title: LocalizedTextSchema, lines: z.array(LocalizedTextSchema).min(1).max(6) }).strict());
export type Nudge = z.infer<typeof Nudge>;

export const NudgesSchema = lazySchema(() => z
  .object({
    holdTooLong: Nudge,
    talkingOver: Nudge,
    monologue: Nudge,
    deadAir: Nudge,
    repeatCaller: Nudge,
  })
  .strict());
export type Nudges = z.infer<typeof NudgesSchema>;

export const ScriptPackSchema = lazySchema(() => z
  .object({
    schemaVersion: z.literal(PACK_SCHEMA_VERSION, { error: 'guidance.pack.schemaVersion' }),
    id: PackIdSchema,
    /** The pack's own version, e.g. "2025.1" or "1.2.0"; trainers bump it on every change. */
    version: z.string().trim().regex(/^\d+(\.\d+){0,3}$/, { error: 'guidance.pack.version' }),
    name: LocalizedTextSchema,
    steps: z.array(ScriptStepSchema),
    situations: z.array(SituationSchema).min(1, { error: 'errors.required' }),
    phraseLibrary: z.array(PhraseAlternativeSchema),
    protocols: ProtocolsSchema,
    deEscalation: DeEscalationSchema,
    nudges: NudgesSchema,
  })
  .strict()
  .superRefine((pack, ctx) => {
    // The seven steps, each once, in order.
    SCRIPT_STEP_IDS.forEach((id, index) => {
      if (pack.steps[index]?.id !== id) {
        ctx.addIssue({
          code: 'custom',
          path: pack.steps[index] ? ['steps', index, 'id'] : ['steps'],
          message: 'guidance.pack.stepOrder',
          params: { expected: id, index },
        });
      }
    });
    if (pack.steps.length > SCRIPT_STEP_IDS.length) {
      ctx.addIssue({ code: 'custom', path: ['steps', SCRIPT_STEP_IDS.length], message: 'guidance.pack.stepOrder' });
    }

    // Phrase ids are unique within the pack, so a trainer's "favourites" can point at them.
    const seen = new Set<string>();
    const unique = (id: string, path: (string | number)[]) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path, message: 'guidance.pack.duplicateId', params: { id } });
      seen.add(id);
    };
    pack.steps.forEach((step, s) => step.phrases.forEach((phrase, p) => unique(phrase.id, ['steps', s, 'phrases', p, 'id'])));
    pack.phraseLibrary.forEach((entry, e) => unique(entry.id, ['phraseLibrary', e, 'id']));

    const situations = new Set(pack.situations.map((situation) => situation.id));
    pack.phraseLibrary.forEach((entry, e) => {
      if (!situations.has(entry.situation)) {
        ctx.addIssue({ code: 'custom', path: ['phraseLibrary', e, 'situation'], message: 'guidance.pack.unknownSituation' });
      }
    });

    // Silent-call steps are timed and in order.
    let previous = -1;
    pack.protocols.silent.steps.forEach((step, index) => {
      if (step.afterSeconds === undefined || step.afterSeconds <= previous) {
        ctx.addIssue({ code: 'custom', path: ['protocols', 'silent', 'steps', index, 'afterSeconds'], message: 'guidance.pack.silentTiming' });
      }
      previous = step.afterSeconds ?? previous;
    });

    // Every out-of-scope topic has exactly one entry.
    const topics = pack.protocols.outOfScope.topics.map((entry) => entry.topic);
    for (const topic of OUT_OF_SCOPE_TOPICS) {
      const count = topics.filter((t) => t === topic).length;
      if (count !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['protocols', 'outOfScope', 'topics'],
          message: count === 0 ? 'guidance.pack.missingTopic' : 'guidance.pack.duplicateTopic',
          params: { topic },
        });
      }
    }

    if (!pack.deEscalation.suggest.some((entry) => entry.category === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['deEscalation', 'suggest'], message: 'guidance.pack.noDefaultSuggestion' });
    }
  }));
export type ScriptPack = z.infer<typeof ScriptPackSchema>;
export type ScriptPackInput = z.input<typeof ScriptPackSchema>;

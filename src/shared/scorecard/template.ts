import { z } from 'zod';
import { SCRIPT_STEP_IDS } from '../guidance/scripts/steps';

/**
 * A scorecard template (质检评分表) is data: the centre edits it, the desk
 * judges with it. Each item says how many points it is worth and how it is
 * judged: by a rule the desk can check on the call's timeline and work order,
 * or by the trainer. Fatal errors (推诿, 禁语, ...) zero the whole score.
 */

const Id = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'scorecard.errors.id' });
const Text = z.string().trim().min(1, { error: 'errors.required' }).max(200, { error: 'errors.tooLong' });
export const ScorecardTextSchema = z.object({ 'zh-CN': Text, en: Text }).strict();
export type ScorecardText = z.infer<typeof ScorecardTextSchema>;

const Step = z.enum(SCRIPT_STEP_IDS);
const Ms = z.number().int().min(0).max(3_600_000);
const Count = z.number().int().min(0).max(1000);

/** How the desk judges an item on its own. */
export const ItemRuleSchema = z.discriminatedUnion('kind', [
  /** The agent's first words come before the caller's and within `withinMs` of answer. */
  z.object({ kind: z.literal('agent-first-words'), withinMs: Ms }).strict(),
  /** `step` was ticked, and before `before` was ticked (when that was ticked at all). */
  z.object({ kind: z.literal('step-before'), step: Step, before: Step }).strict(),
  z.object({ kind: z.literal('step-ticked'), step: Step }).strict(),
  /** The agent started talking while the caller spoke at most `maxCount` times. */
  z.object({ kind: z.literal('talk-over'), maxCount: Count }).strict(),
  /** No silence on both sides longer than `maxMs`. */
  z.object({ kind: z.literal('dead-air'), maxMs: Ms }).strict(),
  /** The agent's voice was never raised above their own baseline. */
  z.object({ kind: z.literal('no-raised-voice') }).strict(),
  /** The work order has every field a submission needs. */
  z.object({ kind: z.literal('work-order-complete') }).strict(),
  /** The scope decision (受理范围) was made in the work order. */
  z.object({ kind: z.literal('scope-decided') }).strict(),
  /** Type, domain and (in scope) the department(s) are set. */
  z.object({ kind: z.literal('classified') }).strict(),
  /** In scope: what happens next and by when; out of scope: where to go instead. */
  z.object({ kind: z.literal('commitment') }).strict(),
  /** Only a person can judge it (listening, wording, courtesy). */
  z.object({ kind: z.literal('trainer') }).strict(),
]);
export type ItemRule = z.infer<typeof ItemRuleSchema>;
export type ItemRuleKind = ItemRule['kind'];

/** What would have helped: a step's phrases or entries of the pack's phrase library, by id. */
export const ItemHelpSchema = z
  .object({
    step: Step.optional(),
    phrases: z.array(Id).max(8).default([]),
  })
  .strict();

export const ScorecardItemSchema = z
  .object({
    id: Id,
    title: ScorecardTextSchema,
    points: z.number().int().min(1).max(100),
    judge: ItemRuleSchema,
    help: ItemHelpSchema.default({ phrases: [] }),
  })
  .strict();
export type ScorecardItem = z.infer<typeof ScorecardItemSchema>;

export const FatalRuleSchema = z.discriminatedUnion('kind', [
  /** An emergency prompt was shown and the agent never said what was done about it. */
  z.object({ kind: z.literal('emergency-unanswered') }).strict(),
  z.object({ kind: z.literal('trainer') }).strict(),
]);
export type FatalRule = z.infer<typeof FatalRuleSchema>;

export const ScorecardFatalSchema = z.object({ id: Id, title: ScorecardTextSchema, judge: FatalRuleSchema }).strict();
export type ScorecardFatal = z.infer<typeof ScorecardFatalSchema>;

export const ScorecardTemplateSchema = z
  .object({
    id: Id,
    /** Bumped on every edit; a stored score names the version it was judged with. */
    version: z.number().int().min(1),
    name: ScorecardTextSchema,
    items: z.array(ScorecardItemSchema).min(1, { error: 'errors.required' }).max(50, { error: 'errors.tooMany' }),
    fatal: z.array(ScorecardFatalSchema).max(20, { error: 'errors.tooMany' }),
  })
  .strict()
  .superRefine((template, ctx) => {
    const seen = new Set<string>();
    const ids = [...template.items.map((item, index) => ({ id: item.id, path: ['items', index, 'id'] })), ...template.fatal.map((f, index) => ({ id: f.id, path: ['fatal', index, 'id'] }))];
    for (const { id, path } of ids) {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path, message: 'errors.duplicate' });
      seen.add(id);
    }
  });
export type ScorecardTemplate = z.infer<typeof ScorecardTemplateSchema>;
export type ScorecardTemplateInput = z.input<typeof ScorecardTemplateSchema>;

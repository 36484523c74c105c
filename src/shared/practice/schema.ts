import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { SCOPE_DECISIONS, WORK_ORDER_TYPES } from '../domain/work-order';
import { LocalizedTextSchema, PackIdSchema } from '../guidance/scripts/schema';

/**
 * A practice scenario (情景模拟): a simulated caller as data a trainer edits.
 * The caller says a line, then waits; each line's branches are tried in order
 * against what the desk can observe, and the first that holds picks the next
 * line. Interjections ("喂？还在听吗？") are said from any line without moving
 * the call on. Error messages are i18n keys, like the rest of `src/shared`.
 */

export const SCENARIO_SCHEMA_VERSION = 1;

/** How upset the caller sounds, calm → furious; the voice and the subtitles follow it. */
export const MOODS = ['calm', 'uneasy', 'upset', 'angry', 'furious'] as const;
export const MoodSchema = lazySchema(() => z.enum(MOODS));
export type Mood = z.infer<typeof MoodSchema>;

export const TEMPERAMENTS = ['steady', 'anxious', 'irritable', 'stubborn', 'hostile', 'withdrawn', 'frail'] as const;
export const TemperamentSchema = lazySchema(() => z.enum(TEMPERAMENTS));
export type Temperament = z.infer<typeof TemperamentSchema>;

/** What the norms this scenario drills are; a scorecard can pick its items by them. */
export const PRACTICE_SKILLS = [
  'greeting',
  'listening',
  'restatement',
  'de-escalation',
  'scope-check',
  'dispatch',
  'emergency',
  'silent-call',
  'abusive-call',
  'repeat-caller',
  'closing',
] as const;
export const PracticeSkillSchema = lazySchema(() => z.enum(PRACTICE_SKILLS));
export type PracticeSkill = z.infer<typeof PracticeSkillSchema>;

const LineIdSchema = PackIdSchema;
const Seconds = lazySchema(() => z.number().min(0).max(3600));
const Count = lazySchema(() => z.number().int().min(1).max(100));

/**
 * What must hold for a branch to be taken. All given fields must hold (an
 * empty condition always holds). Counts and "done" facts are over the whole
 * call and only grow, which is what lets the checker find branches that can
 * never be taken; `lineSeconds` and `agentReplied` are since the caller
 * finished the current line.
 */
export const ConditionSchema = lazySchema(() => z
  .object({
    /** The trainee talked over the caller at least this many times. */
    talkedOver: Count.optional(),
    /** Nobody has spoken for at least this long (the trainee's silence after the caller's line). */
    deadAirSeconds: Seconds.optional(),
    /** Whether the trainee has raised their voice during the call. */
    raisedVoice: z.boolean().optional(),
    greetingDone: z.boolean().optional(),
    restatementDone: z.boolean().optional(),
    /** A de-escalation phrase from the library was used (shown and acknowledged, or said from the card). */
    deEscalationUsed: z.boolean().optional(),
    /** The scope decision in the work order. */
    scope: z.enum(SCOPE_DECISIONS).optional(),
    /** The work order's type is one of these. */
    workOrderType: z.array(z.enum(WORK_ORDER_TYPES)).min(1).optional(),
    emergencyRaised: z.boolean().optional(),
    /** Seconds since the call was answered. */
    elapsedSeconds: Seconds.optional(),
    /** Seconds since the caller finished the current line. */
    lineSeconds: Seconds.optional(),
    /** The trainee has said something (and stopped) since the caller finished the current line. */
    agentReplied: z.boolean().optional(),
  })
  .strict());
export type Condition = z.infer<typeof ConditionSchema>;
export type ConditionField = keyof Condition;

export const BranchSchema = lazySchema(() => z
  .object({
    when: ConditionSchema,
    goto: LineIdSchema,
    /** For the trainer reading the file and for the replay: why the caller turns this way. */
    note: LocalizedTextSchema.optional(),
  })
  .strict());
export type Branch = z.infer<typeof BranchSchema>;

export const LineSchema = lazySchema(() => z
  .object({
    id: LineIdSchema,
    /** What the caller says (the subtitle and the clip's words). */
    text: LocalizedTextSchema,
    /** A stage direction instead of speech (a silent call's breathing): shown, never voiced. */
    silent: z.boolean().optional(),
    /** How the caller sounds saying this line (its clip is made so); absent = the scenario's mood. */
    mood: MoodSchema.optional(),
    /** The caller hangs up after this line. */
    end: z.boolean().optional(),
    branches: z.array(BranchSchema).max(20).default([]),
  })
  .strict());
export type Line = z.infer<typeof LineSchema>;

export const InterjectionSchema = lazySchema(() => z
  .object({
    id: LineIdSchema,
    when: ConditionSchema,
    text: LocalizedTextSchema,
    /** Absent = the scenario's mood. */
    mood: MoodSchema.optional(),
    /** How many times in one call; default once. */
    times: z.number().int().min(1).max(10).default(1),
    /** Only while the caller waits after one of these lines; absent = after any line. */
    onlyAfter: z.array(LineIdSchema).min(1).optional(),
  })
  .strict());
export type Interjection = z.infer<typeof InterjectionSchema>;

export const CallerProfileSchema = lazySchema(() => z
  .object({
    name: LocalizedTextSchema,
    /** The number the practice call rings from (never a real subscriber's). */
    number: z.string().regex(/^[0-9]{3,20}$/, { error: 'practice.scenario.number' }),
    age: z.number().int().min(10).max(110),
    temperament: TemperamentSchema,
    /** What the caller sounds like, for the trainer and the voice. */
    manner: LocalizedTextSchema,
    /** What they really want, under what they say (听话听音). */
    realWant: LocalizedTextSchema,
  })
  .strict());
export type CallerProfile = z.infer<typeof CallerProfileSchema>;

export const ScenarioSchema = lazySchema(() => z
  .object({
    schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION, { error: 'practice.scenario.schemaVersion' }),
    id: PackIdSchema,
    title: LocalizedTextSchema,
    /** What the trainee should take away; shown before the call and with the scorecard. */
    brief: LocalizedTextSchema,
    skills: z.array(PracticeSkillSchema).min(1),
    caller: CallerProfileSchema,
    /** Earlier calls from this number about the same matter (the repeat caller's history). */
    previousCalls: z.number().int().min(0).max(50).default(0),
    /** How the caller sounds unless a line says otherwise. */
    mood: MoodSchema,
    start: LineIdSchema,
    lines: z.array(LineSchema).min(1).max(200),
    interjections: z.array(InterjectionSchema).max(20).default([]),
  })
  .strict()
  .superRefine((scenario, ctx) => {
    const ids = new Set<string>();
    const seen = (id: string, path: (string | number)[]) => {
      if (ids.has(id)) ctx.addIssue({ code: 'custom', path, message: 'practice.scenario.duplicateId', params: { id } });
      ids.add(id);
    };
    scenario.lines.forEach((line, l) => seen(line.id, ['lines', l, 'id']));
    scenario.interjections.forEach((item, i) => seen(item.id, ['interjections', i, 'id']));

    const lineIds = new Set(scenario.lines.map((line) => line.id));
    const known = (id: string, path: (string | number)[]) => {
      if (!lineIds.has(id)) ctx.addIssue({ code: 'custom', path, message: 'practice.scenario.unknownLine', params: { id } });
    };
    known(scenario.start, ['start']);
    scenario.lines.forEach((line, l) => {
      line.branches.forEach((branch, b) => known(branch.goto, ['lines', l, 'branches', b, 'goto']));
      if (line.end && line.branches.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['lines', l, 'branches'], message: 'practice.scenario.branchesAfterEnd' });
      }
      if (!line.end && line.branches.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['lines', l], message: 'practice.scenario.deadEnd' });
      }
    });
    scenario.interjections.forEach((item, i) => item.onlyAfter?.forEach((id, k) => known(id, ['interjections', i, 'onlyAfter', k])));
    if (!scenario.lines.some((line) => line.end)) {
      ctx.addIssue({ code: 'custom', path: ['lines'], message: 'practice.scenario.noEnd' });
    }
  }));
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;

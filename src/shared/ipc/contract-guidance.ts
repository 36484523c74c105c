import { z } from 'zod';
import { CallIdSchema, RemoteNumberSchema } from '../domain/call-log';
import { ScriptPackSchema } from '../guidance/scripts/schema';
import { Empty } from './contract-parts';

/** What one timeline row can say; see migration 0030 for the meaning of each. */
export const TIMELINE_KINDS = [
  'prompt-shown',
  'prompt-acknowledged',
  'prompt-used',
  'prompt-dismissed',
  'prompt-expired',
  'prompt-resolved',
  'prompt-pre-empted',
  'prompt-call-ended',
  'step-ticked',
  'step-unticked',
  'signal',
  'hotkey',
  'lead-alert',
  'recovery-offered',
  'recovery-accepted',
  'recovery-declined',
] as const;
export const TimelineKindSchema = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof TimelineKindSchema>;

/** ms from answer; a call is never longer than a day. */
const Offset = z.number().int().min(-86_400_000).max(86_400_000);

export const TimelineEntrySchema = z
  .object({
    /** The renderer's order within the call, from 0; a resent batch repeats its seqs. */
    seq: z.number().int().nonnegative(),
    kind: TimelineKindSchema,
    subject: z.string().max(128).default(''),
    startMs: Offset,
    endMs: Offset.nullable().default(null),
    payload: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .refine((entry) => entry.endMs === null || entry.endMs >= entry.startMs, { error: 'errors.invalid', path: ['endMs'] })
  .refine((entry) => JSON.stringify(entry.payload).length <= 8_000, { error: 'errors.tooLong', path: ['payload'] });
export type TimelineEntryInput = z.input<typeof TimelineEntrySchema>;
export type TimelineEntry = z.output<typeof TimelineEntrySchema>;

export const StoredTimelineEntrySchema = z.object({
  seq: z.number().int(),
  kind: TimelineKindSchema,
  subject: z.string(),
  startMs: z.number().int(),
  endMs: z.number().int().nullable(),
  payload: z.record(z.string(), z.unknown()),
  recordedAt: z.number().int(),
});
export type StoredTimelineEntry = z.infer<typeof StoredTimelineEntrySchema>;

/** One problem in a pack file: where (file, line, column, path) and why (an i18n key + plain detail). */
export const PackProblemViewSchema = z.object({
  file: z.string(),
  messageKey: z.string(),
  pathText: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  detail: z.string(),
});
export type PackProblemView = z.infer<typeof PackProblemViewSchema>;

export const PackStateSchema = z.object({
  pack: ScriptPackSchema,
  /** Where the pack in use came from: a file in the packs folder, or the built-in default. */
  source: z.enum(['folder', 'default']),
  /** File name in the folder ('' for the built-in one). */
  file: z.string(),
  /** The folder trainers edit ('' when packs are not loaded from disk, e.g. in tests). */
  folder: z.string(),
  problems: z.array(PackProblemViewSchema),
  /** Bumped on every reload, so the renderer can tell a new pack from the same one. */
  loadedAt: z.number().int(),
});
export type PackState = z.infer<typeof PackStateSchema>;

export const GuidanceSettingsSchema = z.object({
  /** SIP address of the team lead (班长) who gets emergency alerts; '' = not configured. */
  teamLeadUri: z
    .string()
    .trim()
    .max(256, { error: 'errors.tooLong' })
    .refine((value) => value === '' || /^sips?:[^@\s]+@[^@\s]+$/.test(value), { error: 'errors.sipUri' }),
});
export type GuidanceSettings = z.infer<typeof GuidanceSettingsSchema>;

/** Live guidance (issue 4): script packs, the call timeline, the team-lead address, caller history. */
export const guidanceInvokeContract = {
  'guidance:pack': { request: Empty, reply: PackStateSchema },
  /** Appends a batch; idempotent per (callId, seq). */
  'guidance:appendTimeline': {
    request: z.object({ callId: CallIdSchema, entries: z.array(TimelineEntrySchema).min(1).max(500) }),
    reply: z.object({ stored: z.number().int() }),
  },
  /** A call's timeline in call-time order (replay). */
  'guidance:timeline': { request: z.object({ callId: CallIdSchema }), reply: z.array(StoredTimelineEntrySchema) },
  'guidance:settings': { request: Empty, reply: GuidanceSettingsSchema },
  'guidance:saveSettings': { request: GuidanceSettingsSchema, reply: GuidanceSettingsSchema },
  /** Earlier answered calls from this number (not counting this call), and the last one's ticket summary. */
  'guidance:callerHistory': {
    request: z.object({ callId: CallIdSchema, number: RemoteNumberSchema }),
    reply: z.object({ previousCalls: z.number().int().nonnegative(), lastSummary: z.string() }),
  },
} as const;

export const guidanceEventContract = {
  /** A pack file was added, changed or removed: the pack now in use, and any problems. */
  'guidance:packChanged': PackStateSchema,
} as const;

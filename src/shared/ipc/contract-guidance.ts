import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { CallIdSchema } from '../domain/call-log';
import { ScriptPackSchema } from '../guidance/scripts/schema';
import { Empty } from './contract-parts';
import { StoredTimelineEntrySchema, TimelineEntrySchema } from '../domain/call/timeline';

export {
  TIMELINE_KINDS,
  TimelineEntrySchema,
  type TimelineEntry,
  type TimelineEntryInput,
  type TimelineKind,
  type StoredTimelineEntry,
  StoredTimelineEntrySchema,
} from '../domain/call/timeline';

/** One problem in a pack file: where (file, line, column, path) and why (an i18n key + plain detail). */
export const PackProblemViewSchema = lazySchema(() => z.object({
  file: z.string(),
  messageKey: z.string(),
  pathText: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  detail: z.string(),
}));
export type PackProblemView = z.infer<typeof PackProblemViewSchema>;

export const PackStateSchema = lazySchema(() => z.object({
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
}));
export type PackState = z.infer<typeof PackStateSchema>;

export const GuidanceSettingsSchema = lazySchema(() => z.object({
  /** SIP address of the team lead (班长) who gets emergency alerts; '' = not configured. */
  teamLeadUri: z
    .string()
    .trim()
    .max(256, { error: 'errors.tooLong' })
    .refine((value) => value === '' || /^sips?:[^@\s]+@[^@\s]+$/.test(value), { error: 'errors.sipUri' }),
}));
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
} as const;

export const guidanceEventContract = {
  /** A pack file was added, changed or removed: the pack now in use, and any problems. */
  'guidance:packChanged': PackStateSchema,
} as const;

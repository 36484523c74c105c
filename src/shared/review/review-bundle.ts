import { z } from 'zod';
import { CallLogEntrySchema } from '../domain/call-log';
import { StoredTimelineEntrySchema } from '../domain/call/timeline';
import { AnnotationSchema, ReplayHoldSchema, ReplayPeaksSchema, StoredScoreSchema } from './review';

/**
 * A review bundle (案例复盘, issue 13): one file that carries a call to a
 * case-review session on another desk — the recording, the timeline, the work
 * order as it stood after each edit and at the end, the annotations and the
 * score — with the caller's numbers and ID numbers masked by default
 * (138****5678). Imported, it is shown read-only in replay.
 */
export const REVIEW_BUNDLE_FORMAT = 'hotline-desk/review-bundle';
export const REVIEW_BUNDLE_EXTENSION = '.hlreview';
/** An hour's recording is ~15 MB (20 MB as base64); a bundle is refused past this. */
export const REVIEW_BUNDLE_MAX_CHARS = 96 * 1024 * 1024;

const Fields = z.record(z.string().max(64), z.unknown());

export const WorkOrderSnapshotSchema = z.object({ atMs: z.number().int().min(0), fields: Fields }).strict();

export const ReviewBundleSchema = z
  .object({
    format: z.literal(REVIEW_BUNDLE_FORMAT),
    version: z.literal(1),
    id: z.string().uuid(),
    exportedAt: z.number().int().nonnegative(),
    exportedBy: z.string().max(64),
    /** False only when the exporter chose to keep personal data (a session inside the centre). */
    masked: z.boolean(),
    call: CallLogEntrySchema,
    timeline: z.array(StoredTimelineEntrySchema).max(50_000),
    workOrder: z.object({ final: Fields.nullable(), snapshots: z.array(WorkOrderSnapshotSchema).max(5_000) }).strict(),
    annotations: z.array(AnnotationSchema).max(2_000),
    score: StoredScoreSchema.nullable(),
    audio: z
      .object({
        mime: z.string().max(64),
        base64: z.string().max(REVIEW_BUNDLE_MAX_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'not base64' }),
        durationMs: z.number().int().nonnegative(),
        holds: z.array(ReplayHoldSchema).max(1_000),
        peaks: ReplayPeaksSchema.nullable(),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type ReviewBundle = z.infer<typeof ReviewBundleSchema>;

/** A number kept to its first three and last four digits, the rest starred, length kept: 13812345678 → 138****5678. */
export function maskDigits(raw: string): string {
  let digits = raw.replace(/[^\dXx]/g, '');
  if (/^(0086|86)1\d{10}$/.test(digits)) digits = digits.replace(/^(0086|86)/, '');
  if (digits.length <= 7) return '*'.repeat(Math.max(0, digits.length - 2)) + digits.slice(-2);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

// ID card numbers (18, or the old 15 digits), mobiles (with +86 and spaces or hyphens inside), landlines with an area code.
const PERSONAL_NUMBERS = [
  /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g,
  /(?<![\dA-Za-z])\d{15}(?![\dA-Za-z])/g,
  /(?<![\d+])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)/g,
  /(?<!\d)0\d{2,3}[\s-]?\d(?:\s?\d){6,7}(?!\d)/g,
];

/** Free text with every phone and ID card number in it masked. */
export function maskText(text: string): string {
  return PERSONAL_NUMBERS.reduce((out, pattern) => out.replace(pattern, (found) => maskDigits(found)), text);
}

/** Ids are never personal data and must survive whole (a UUID has long digit runs). */
const isIdKey = (key: string) => key === 'id' || /Ids?$/.test(key);

/** Every string inside `value` masked, but those under id keys. */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskText(value) as T;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, isIdKey(key) ? item : maskDeep(item)])) as T;
  }
  return value;
}

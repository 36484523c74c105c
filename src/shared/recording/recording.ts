import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { CallIdSchema } from '../domain/call-log';

/** Which calls the desk records: every answered call, none, or only those the agent starts recording. */
export const RecordingPolicySchema = lazySchema(() => z.enum(['all', 'none', 'on-demand']));
export type RecordingPolicy = z.infer<typeof RecordingPolicySchema>;

export const RecordingSettingsSchema = lazySchema(() => z.object({
  policy: RecordingPolicySchema,
  /** Recordings older than this are deleted (and the deletion logged). */
  retentionDays: z.number().int().min(1, { error: 'errors.retentionDays' }).max(3650, { error: 'errors.retentionDays' }),
}));
export type RecordingSettings = z.infer<typeof RecordingSettingsSchema>;

export const DEFAULT_RECORDING_SETTINGS: RecordingSettings = { policy: 'all', retentionDays: 180 };

/**
 * How the desk key that wraps every recording's key is kept: by the OS keychain
 * (Electron safeStorage), or in the desk's database beside the files when the OS
 * has none (Linux basic_text): then the files are encrypted but not protected.
 */
export const RecordingKeyProtectionSchema = lazySchema(() => z.enum(['os-keychain', 'unprotected']));
export type RecordingKeyProtection = z.infer<typeof RecordingKeyProtectionSchema>;

export const RecordingSettingsViewSchema = RecordingSettingsSchema.extend({ keyProtection: RecordingKeyProtectionSchema });
export type RecordingSettingsView = z.infer<typeof RecordingSettingsViewSchema>;

export const RecordingIdSchema = lazySchema(() => z.string().regex(/^rec-[0-9a-f]{32}$/, { error: 'errors.recordingId' }));

/** The recorded stream's container, as MediaRecorder names it. */
export const RECORDING_MIME_TYPE = 'audio/webm;codecs=opus';
/** One chunk is at most 1 s of Opus: far below this even at 510 kbit/s. */
export const MAX_CHUNK_BYTES = 256 * 1024;

export const RecordingStateSchema = lazySchema(() => z.enum(['recording', 'complete', 'repaired']));
export type RecordingState = z.infer<typeof RecordingStateSchema>;

/** A hold inside a recording: recording time where the recording paused, and how long the hold lasted. */
export const RecordingHoldSchema = lazySchema(() => z.object({ atMs: z.number().nonnegative(), heldMs: z.number().nonnegative() }));
export type RecordingHold = z.infer<typeof RecordingHoldSchema>;

export const RecordingSummarySchema = lazySchema(() => z.object({
  id: RecordingIdSchema,
  callId: CallIdSchema,
  practice: z.boolean(),
  /** Epoch ms of the call's answer (the recording's time 0). */
  startedAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  state: RecordingStateSchema,
  /** Audio length (holds excluded: a hold is a mark, not silence). Null while recording. */
  durationMs: z.number().nullable(),
  holds: z.array(RecordingHoldSchema),
  /** Bytes on disk (encrypted). */
  bytes: z.number().int().nonnegative(),
  keyProtection: RecordingKeyProtectionSchema,
}));
export type RecordingSummary = z.infer<typeof RecordingSummarySchema>;

export const RecordingStartRequestSchema = lazySchema(() => z.object({
  callId: CallIdSchema,
  practice: z.boolean(),
  /** The call's answer (epoch ms). */
  startedAt: z.number().int().nonnegative(),
  mimeType: z.literal(RECORDING_MIME_TYPE),
}));

export const RecordingChunkRequestSchema = lazySchema(() => z.object({
  recordingId: RecordingIdSchema,
  /** 0, 1, 2…: main refuses a gap or a repeat, so the file is the stream in order. */
  seq: z.number().int().nonnegative(),
  data: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength > 0 && bytes.byteLength <= MAX_CHUNK_BYTES, { error: 'errors.chunkSize' }),
}));

export const RecordingMarkRequestSchema = lazySchema(() => z.object({
  recordingId: RecordingIdSchema,
  kind: z.enum(['held', 'resumed']),
  /** Epoch ms. */
  at: z.number().int().nonnegative(),
}));

/**
 * The two channels' peaks measured while recording (caller left, agent right):
 * each byte the loudest sample of its bucket (0..255 for 0..1), `perSecond`
 * buckets a second of the recording (holds left out, as in the audio). Main
 * keeps them sealed beside the recording, so the replay draws the waveform at
 * once. An hour at 20 a second is 72,000 bytes a channel.
 */
export const RecordingPeaksSchema = lazySchema(() => z.object({
  perSecond: z.number().int().min(1).max(200),
  caller: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= 2_000_000, { error: 'errors.tooLong' }),
  agent: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= 2_000_000, { error: 'errors.tooLong' }),
}));
export type RecordingPeaks = z.infer<typeof RecordingPeaksSchema>;

export const RecordingFinishRequestSchema = lazySchema(() => z.object({
  recordingId: RecordingIdSchema,
  endedAt: z.number().int().nonnegative(),
  /** Absent when the recorder could not measure them (the replay then measures them on first open). */
  peaks: RecordingPeaksSchema.optional(),
}));

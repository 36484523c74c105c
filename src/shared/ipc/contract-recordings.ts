import { z } from 'zod';
import { CallIdSchema } from '../domain/call-log';
import {
  RecordingChunkRequestSchema,
  RecordingFinishRequestSchema,
  RecordingIdSchema,
  RecordingMarkRequestSchema,
  RecordingSettingsSchema,
  RecordingSettingsViewSchema,
  RecordingStartRequestSchema,
  RecordingSummarySchema,
} from '../recording/recording';
import { Done } from './contract-parts';

/** Call recording (issue 13): the renderer records, main keeps it encrypted and crash-safe. */
export const recordingInvokeContract = {
  /** A recording of an answered call begins; null when the desk's policy records nothing. */
  'recordings:start': { request: RecordingStartRequestSchema, reply: z.object({ recordingId: RecordingIdSchema.nullable() }) },
  /** One ≤ 1 s chunk, in order; appended and fsynced before the reply. */
  'recordings:chunk': { request: RecordingChunkRequestSchema, reply: z.object({ storedBytes: z.number().int() }) },
  /** A hold began or ended (the recording pauses: a mark, not silence). */
  'recordings:mark': { request: RecordingMarkRequestSchema, reply: Done },
  /** The call ended and the last chunk is in: the file gets its duration and seek index. */
  'recordings:finish': { request: RecordingFinishRequestSchema, reply: RecordingSummarySchema },
  'recordings:list': { request: z.object({ callId: CallIdSchema }), reply: z.array(RecordingSummarySchema) },
  /** The decrypted, indexed WebM of one recording (replay). */
  'recordings:audio': {
    request: z.object({ recordingId: RecordingIdSchema }),
    reply: z.object({ mimeType: z.string(), durationMs: z.number(), data: z.instanceof(Uint8Array) }),
  },
  'recordings:settings': { request: z.object({}).strict(), reply: RecordingSettingsViewSchema },
  'recordings:saveSettings': { request: RecordingSettingsSchema, reply: RecordingSettingsViewSchema },
} as const;

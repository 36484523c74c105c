import { z } from 'zod';
import { CallIdSchema } from '../domain/call-log';
import { RecordingIdSchema } from './recording';

/**
 * Uploading a recording to the centre (issue 13), resumable: the desk asks how
 * much the centre has (`GET …/upload`), sends the rest in parts at that offset
 * (`PUT …/upload?offset=N`), then completes it with the whole file's SHA-256
 * (`POST …/complete`). Completing twice is a no-op: each recording is kept once.
 */
export const RECORDINGS_PATH = '/v1/recordings';
export const recordingUploadPath = (id: string) => `${RECORDINGS_PATH}/${id}/upload`;
export const recordingCompletePath = (id: string) => `${RECORDINGS_PATH}/${id}/complete`;
export const recordingAudioPath = (id: string) => `${RECORDINGS_PATH}/${id}/audio`;

/** Bytes per upload part. */
export const UPLOAD_PART_BYTES = 1024 * 1024;

export const UploadStatusSchema = z.object({ received: z.number().int().nonnegative(), complete: z.boolean() });
export type UploadStatus = z.infer<typeof UploadStatusSchema>;

export const RecordingCompleteSchema = z.object({
  callId: CallIdSchema,
  practice: z.boolean(),
  startedAt: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mimeType: z.literal('audio/webm'),
});
export type RecordingComplete = z.infer<typeof RecordingCompleteSchema>;

/** What the centre keeps about a recording beside its audio. */
export const CentreRecordingSchema = RecordingCompleteSchema.extend({
  id: RecordingIdSchema,
  agentPersonId: z.string().nullable(),
  teamId: z.string(),
  storedAt: z.number().int(),
});
export type CentreRecording = z.infer<typeof CentreRecordingSchema>;

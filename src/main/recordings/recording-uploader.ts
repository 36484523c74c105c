import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { SendLoop } from '../centre/send-loop';
import {
  recordingCompletePath,
  recordingUploadPath,
  UPLOAD_PART_BYTES,
  UploadStatusSchema,
  type RecordingComplete,
} from '../../shared/recording/recording-upload';
import type { RecordingStore } from './recording-store';
import { uploadRequest, type UploadReply } from './upload-request';

export interface UploadTarget {
  centreUrl: string;
  token: string;
}

export interface RecordingUploaderOptions {
  db: Database.Database;
  store: RecordingStore;
  /** The signed-in centre, or null (nothing is sent while signed out). */
  target: () => UploadTarget | null;
  caPem?: () => string | null;
  timeoutMs?: number;
  partBytes?: number;
  random?: () => number;
  onError?: (error: unknown) => void;
}

type Outcome = 'done' | 'retry' | 'idle';

class Unreachable extends Error {}

/**
 * Sends each finished recording to the centre once, as the work-order outbox
 * does: the centre's status says how much it has, the rest goes in parts from
 * there, and the completion (with the file's SHA-256) is idempotent, so a
 * network fault or a restart resumes where it stopped and never stores twice.
 */
export class RecordingUploader {
  private readonly loop: SendLoop;

  constructor(private readonly options: RecordingUploaderOptions) {
    this.loop = new SendLoop(() => this.drain(), options.random);
  }

  /** Something may be ready to go. */
  kick(): void {
    this.loop.kick();
  }

  /** Resolves when nothing is being sent. */
  settled(): Promise<void> {
    return this.loop.settled();
  }

  pending(): string[] {
    return this.options.db.prepare("SELECT id FROM recordings WHERE upload_state = 'pending' AND state != 'recording' ORDER BY started_at").pluck().all() as string[];
  }

  close(): void {
    this.loop.close();
  }

  private async drain(): Promise<void> {
    // Bounded: each recording is tried at most once per run.
    for (const id of this.pending()) {
      if (this.loop.closed) return;
      const outcome = await this.uploadOne(id).catch((error: unknown) => {
        if (this.loop.closed) return 'idle' as Outcome;
        if (!(error instanceof Unreachable)) this.options.onError?.(error);
        this.options.db.prepare('UPDATE recordings SET upload_attempts = upload_attempts + 1, upload_error = ? WHERE id = ?').run(String((error as Error).message), id);
        return 'retry' as Outcome;
      });
      if (outcome === 'idle') return;
      if (outcome === 'retry') {
        this.loop.retryLater();
        return;
      }
      this.loop.succeeded();
    }
  }

  private async uploadOne(id: string): Promise<Outcome> {
    const target = this.options.target();
    if (!target) return 'idle';
    const recording = this.options.store.decrypt(id);
    const bytes = recording.bytes;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const call = (method: 'GET' | 'PUT' | 'POST', path: string, extra: { body?: unknown; bytes?: Uint8Array } = {}) =>
      uploadRequest({ baseUrl: target.centreUrl, token: target.token, method, path, timeoutMs: this.options.timeoutMs ?? 15_000, caPem: this.options.caPem?.() ?? null, ...extra }).then(answered);
    let status = UploadStatusSchema.parse((await call('GET', recordingUploadPath(id))).body);
    const part = this.options.partBytes ?? UPLOAD_PART_BYTES;
    // Bounded: one pass over the file, plus a restart from 0 if the centre asks for it.
    for (let step = 0; !status.complete && status.received < bytes.length && step < 2 * Math.ceil(bytes.length / part) + 2; step++) {
      if (this.loop.closed) return 'idle';
      const from = status.received;
      const reply = await call('PUT', `${recordingUploadPath(id)}?offset=${from}`, { bytes: bytes.subarray(from, Math.min(bytes.length, from + part)) });
      status = UploadStatusSchema.parse(reply.status === 409 ? reply.body : reply.body);
    }
    if (!status.complete) {
      const complete: RecordingComplete = {
        callId: recording.summary.callId,
        practice: recording.summary.practice,
        startedAt: recording.summary.startedAt,
        durationMs: recording.durationMs,
        bytes: bytes.length,
        sha256,
        mimeType: 'audio/webm',
      };
      const reply = await call('POST', recordingCompletePath(id), { body: complete });
      if (reply.status === 422) return 'retry';
    }
    if (this.loop.closed) return 'idle';
    this.options.db.prepare("UPDATE recordings SET upload_state = 'done', uploaded_at = ?, upload_error = NULL WHERE id = ?").run(Date.now(), id);
    return 'done';
  }
}

/** A 2xx, or a 409 carrying where the upload stands; anything else is a fault to retry later. */
function answered(reply: UploadReply): { status: number; body: unknown } {
  if (reply.kind === 'unreachable') throw new Unreachable(reply.message);
  if ((reply.status >= 200 && reply.status < 300) || reply.status === 409 || reply.status === 422) {
    const body = reply.body as { received?: number; complete?: boolean } | null;
    if (reply.status === 409 || reply.status === 422) return { status: reply.status, body: { received: body?.received ?? 0, complete: body?.complete ?? false } };
    return { status: reply.status, body: reply.body };
  }
  throw new Unreachable(`The centre answered ${reply.status}`);
}

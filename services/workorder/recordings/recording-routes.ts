import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { RecordingIdSchema } from '../../../src/shared/recording/recording';
import {
  CentreRecordingSchema,
  RECORDINGS_PATH,
  RecordingCompleteSchema,
  UPLOAD_PART_BYTES,
  type CentreRecording,
} from '../../../src/shared/recording/recording-upload';
import { ClientAbortError, HttpError, sendJson } from '../http';
import { readBody, signedIn, type PeopleContext } from '../people/context';
import { DEFAULT_SIGN_IN_OPTIONS } from '../people/sign-in';
import type { WorkOrderStore } from '../store/store';
import type { RecordingBlobs } from './recording-blobs';
import { playRecording } from './recording-playback';

export interface RecordingRoutesOptions {
  blobs: RecordingBlobs;
  /** Uploads in progress (this instance's disk). */
  stagingDir: string;
}

const ROUTE = new RegExp(`^${RECORDINGS_PATH}/(rec-[0-9a-f]{32})/(upload|complete|audio)$`);

/**
 * Call recordings on the centre: resumable upload (status, parts at an offset,
 * complete with the SHA-256, kept once), and playback by role, every playback logged
 * (recording-playback.ts).
 */
export function recordingRoutes(store: WorkOrderStore, now: () => number, options: RecordingRoutesOptions, log: (line: string) => void = () => undefined) {
  const ctx: PeopleContext = { store, now, options: DEFAULT_SIGN_IN_OPTIONS };
  const { blobs } = options;
  mkdirSync(options.stagingDir, { recursive: true });
  const stagingOf = (id: string) => join(options.stagingDir, `${id}.part`);
  const staged = (id: string) => {
    try {
      return statSync(stagingOf(id)).size;
    } catch {
      return 0;
    }
  };
  const metaOf = async (id: string): Promise<CentreRecording | null> => {
    const body = await blobs.get(`meta/${id}.json`);
    return body ? CentreRecordingSchema.parse(JSON.parse(body.toString('utf8'))) : null;
  };

  return async (req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<boolean> => {
    const match = ROUTE.exec(pathname);
    if (!match) return false;
    const id = RecordingIdSchema.parse(match[1]);
    const action = match[2] as 'upload' | 'complete' | 'audio';
    const who = await signedIn(ctx, req);

    if (action === 'upload' && req.method === 'GET') {
      const meta = await metaOf(id);
      sendJson(res, 200, meta ? { received: meta.bytes, complete: true } : { received: staged(id), complete: false });
      return true;
    }
    if (action === 'upload' && req.method === 'PUT') {
      if (await metaOf(id)) throw new HttpError(409, 'recording-complete', 'This recording is already kept.', { received: 0, complete: true });
      const offset = Number(query.get('offset'));
      const received = staged(id);
      if (!Number.isInteger(offset) || offset !== received) {
        await discard(req);
        throw new HttpError(409, 'upload-offset', `The centre has ${received} bytes of this recording; send from there.`, { received, complete: false });
      }
      const part = await readPart(req, UPLOAD_PART_BYTES);
      const fd = openSync(stagingOf(id), 'a');
      try {
        writeSync(fd, part);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      sendJson(res, 200, { received: received + part.length, complete: false });
      return true;
    }
    if (action === 'complete' && req.method === 'POST') {
      const body = await readBody(req, RecordingCompleteSchema);
      const existing = await metaOf(id);
      if (existing) {
        if (existing.sha256 !== body.sha256) throw new HttpError(409, 'recording-differs', 'A different recording is already kept under this id.');
        sendJson(res, 200, { stored: false, recording: existing });
        return true;
      }
      const received = staged(id);
      if (received === 0) throw new HttpError(409, 'upload-offset', 'Nothing of this recording has arrived yet.', { received: 0, complete: false });
      // Hashed and stored from the file as it is read: a recording may be hundreds of MB.
      const sha256 = await sha256OfFile(stagingOf(id));
      if (received !== body.bytes || sha256 !== body.sha256) {
        // What arrived is not the file: start again from nothing.
        rmSync(stagingOf(id), { force: true });
        throw new HttpError(422, 'recording-mismatch', `Received ${received} bytes (SHA-256 ${sha256}), not the ${body.bytes} announced; upload it again.`, { received: 0, complete: false });
      }
      const recording: CentreRecording = { ...body, id, agentPersonId: who.access.personId, teamId: who.access.teamId, storedAt: now() };
      // Audio first, then its metadata: a recording is listed only once its audio is whole.
      await blobs.putFile(`audio/${id}.webm`, stagingOf(id), 'audio/webm');
      await blobs.put(`meta/${id}.json`, Buffer.from(JSON.stringify(recording)), 'application/json');
      rmSync(stagingOf(id), { force: true });
      // The call list names the recording when the desk reported the call first.
      await store.reviews.linkRecording(recording.teamId, recording.callId, id);
      log(`recording stored: ${id} (${received} bytes, team ${recording.teamId}, ${blobs.kind})`);
      sendJson(res, 201, { stored: true, recording });
      return true;
    }
    if (action === 'audio' && req.method === 'GET') {
      const meta = await metaOf(id);
      if (!meta) throw new HttpError(404, 'not-found', 'No such recording.');
      await playRecording(req, res, { blobs, reviews: store.reviews, now, log }, who, meta);
      return true;
    }
    throw new HttpError(405, 'method-not-allowed', `${req.method ?? ''} is not allowed here.`);
  };
}

async function readPart(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        req.destroy();
        throw new HttpError(413, 'payload-too-large', `A part is at most ${limit} bytes.`, {}, { connection: 'close' });
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new ClientAbortError(size);
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (req.readableAborted || (Number.isFinite(declared) && declared !== size)) throw new ClientAbortError(size);
  if (size === 0) throw new HttpError(400, 'empty-part', 'The part is empty.');
  return Buffer.concat(chunks, size);
}

async function discard(req: IncomingMessage): Promise<void> {
  try {
    for await (const _chunk of req as AsyncIterable<Buffer>) void _chunk;
  } catch {
    // The client went away: nothing to answer.
  }
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

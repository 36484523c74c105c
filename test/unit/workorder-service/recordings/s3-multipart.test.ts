import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterEach, describe, expect, it } from 'vitest';
import { S3Blobs } from '../../../../services/workorder/recordings/s3-blobs';
import { UPLOAD_PART_BYTES, recordingAudioPath, recordingCompletePath, recordingUploadPath } from '../../../../src/shared/recording/recording-upload';
import { reviewCentre } from '../reviews/review-centre';

const MIB = 1024 * 1024;

/** s3rver on a free port with a `recordings` bucket; the S3 client's commands counted, and a part failed on demand. */
async function s3WithCommands(cleanups: (() => unknown)[]) {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-s3-multipart-'));
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', directory: dir, silent: true, configureBuckets: [{ name: 'recordings', configs: [] }] });
  const { port } = await s3.run();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => s3.close());
  const logged: string[] = [];
  const blobs = await S3Blobs.open({
    endpoint: `http://127.0.0.1:${port}`,
    bucket: 'recordings',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    prefix: 'centre-a/',
    multipartThresholdBytes: 8 * MIB,
    log: (line) => logged.push(line),
  });
  const sent: string[] = [];
  const failing = { part: 0 };
  blobs.client.middlewareStack.add(
    ((next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: { PartNumber?: number } }) => {
      sent.push(context.commandName ?? '');
      if (context.commandName === 'UploadPartCommand' && args.input.PartNumber === failing.part) throw new Error('injected: the storage dropped this part');
      return next(args);
    }) as never,
    { step: 'initialize', name: 'count-and-fail' },
  );
  return { blobs, sent, failing, logged };
}

const count = (sent: string[], command: string) => sent.filter((name) => name === command).length;

describe('recordings in S3 over the multipart threshold (s3rver, the official client)', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a 20 MiB recording goes up in 8 MiB parts and plays back byte-identical, whole and by ranges; a small one is one PUT', { timeout: 120_000 }, async () => {
    const { blobs, sent } = await s3WithCommands(cleanups);
    const centre = await reviewCentre('sqlite', blobs);
    cleanups.push(centre.close);
    const { fx, tokens } = centre;

    const audio = randomBytes(20 * MIB);
    const id = await centre.upload(tokens.agent, 'call-multipart-0001', audio);
    expect(count(sent, 'CreateMultipartUploadCommand')).toBe(1);
    expect(count(sent, 'UploadPartCommand')).toBe(3);
    expect(count(sent, 'CompleteMultipartUploadCommand')).toBe(1);
    expect(count(sent, 'AbortMultipartUploadCommand')).toBe(0);
    // The object itself, read straight from the bucket.
    expect((await blobs.get(`audio/${id}.webm`))!.equals(audio)).toBe(true);

    const play = async (token: string, range?: string) => {
      const response = await fetch(`${fx.url}${recordingAudioPath(id)}`, { headers: { authorization: `Bearer ${token}`, ...(range ? { range } : {}) } });
      return { status: response.status, range: response.headers.get('content-range'), bytes: Buffer.from(await response.arrayBuffer()) };
    };
    const whole = await play(tokens.trainerA);
    expect(whole.status).toBe(200);
    expect(createHash('sha256').update(whole.bytes).digest('hex')).toBe(createHash('sha256').update(audio).digest('hex'));
    // Ranges at the start, across each part boundary, and the tail.
    for (const [start, end] of [[0, 999], [8 * MIB - 500, 8 * MIB + 499], [16 * MIB - 1, 16 * MIB], [20 * MIB - 4096, 20 * MIB - 1]] as const) {
      const part = await play(tokens.trainerA, `bytes=${start}-${end}`);
      expect(part.status).toBe(206);
      expect(part.range).toBe(`bytes ${start}-${end}/${audio.length}`);
      expect(part.bytes.equals(audio.subarray(start, end + 1))).toBe(true);
    }
    const suffix = await play(tokens.agent, 'bytes=-70000');
    expect(suffix.bytes.equals(audio.subarray(audio.length - 70_000))).toBe(true);

    // At the threshold or under: one PutObject, no multipart upload.
    sent.length = 0;
    const small = randomBytes(8 * MIB);
    const smallId = await centre.upload(tokens.agent, 'call-multipart-0002', small);
    expect(count(sent, 'CreateMultipartUploadCommand')).toBe(0);
    expect(count(sent, 'PutObjectCommand')).toBe(2); // the audio and its metadata
    expect((await blobs.get(`audio/${smallId}.webm`))!.equals(small)).toBe(true);
  });

  it('a part the storage drops aborts the upload and leaves no object; the desk\'s next complete stores it once', { timeout: 120_000 }, async () => {
    const { blobs, sent, failing } = await s3WithCommands(cleanups);
    const centre = await reviewCentre('sqlite', blobs);
    cleanups.push(centre.close);
    const { fx, tokens } = centre;
    const audio = randomBytes(20 * MIB);
    const id = `rec-${createHash('md5').update('call-multipart-abort').digest('hex')}`;
    for (let offset = 0; offset < audio.length; offset += UPLOAD_PART_BYTES) {
      const put = await fetch(`${fx.url}${recordingUploadPath(id)}?offset=${offset}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${tokens.agent}`, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(audio.subarray(offset, offset + UPLOAD_PART_BYTES)),
      });
      expect(put.status).toBe(200);
    }
    const complete = { callId: 'call-multipart-abort', practice: false, startedAt: 1_000, durationMs: 3_600_000, bytes: audio.length, sha256: createHash('sha256').update(audio).digest('hex'), mimeType: 'audio/webm' };

    failing.part = 2;
    const refused = await fx.as(tokens.agent)('POST', recordingCompletePath(id), { body: complete });
    expect(refused.status).toBe(500);
    expect(count(sent, 'AbortMultipartUploadCommand')).toBe(1);
    expect(count(sent, 'CompleteMultipartUploadCommand')).toBe(0);
    // No object under the key, no metadata: the recording is not kept, and what arrived stays staged.
    expect(await blobs.get(`audio/${id}.webm`)).toBeNull();
    expect(await blobs.list('audio/')).toEqual([]);
    expect((await fx.as(tokens.agent)('GET', recordingUploadPath(id))).body).toEqual({ received: audio.length, complete: false });

    failing.part = 0;
    const stored = await fx.as(tokens.agent)('POST', recordingCompletePath(id), { body: complete });
    expect(stored.status).toBe(201);
    expect((await blobs.get(`audio/${id}.webm`))!.equals(audio)).toBe(true);
    const again = await fx.as(tokens.agent)('POST', recordingCompletePath(id), { body: complete });
    expect(again.status).toBe(200);
    expect(again.body.stored).toBe(false);
    expect(count(sent, 'CompleteMultipartUploadCommand')).toBe(1);
  });
});

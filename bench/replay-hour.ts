// The hour-long recorded call the replay benches open (replay-stream.ts, replay-first-paint.ts): its
// bytes, and the call with its encrypted recording written through the app core as the desk writes
// them. Both benches seeded it alike; it lives here so they measure the same hour.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { createAppCore } from '../src/main/app-core';
import { parseLiveWebm } from '../src/main/recordings/webm-index';
import type { RecordingPeaks } from '../src/shared/recording/recording';
import { APP_SENDER } from '../test/support/app-core';

type Core = ReturnType<typeof createAppCore>;
const ROOT = process.env.HOTLINE_ROOT ?? process.cwd();
export const MINUTES = 60;

/** An hour of MediaRecorder output: the lab fixture's one-second cluster again and again, as 1 s chunks. */
export function hourOfChunks(): Buffer[] {
  const fixture = readFileSync(join(ROOT, 'test/unit/recordings/fixtures/chromium-stereo-6s.webm'));
  const parsed = parseLiveWebm(fixture);
  const second = parsed.clusters[1]!.body;
  const u64 = (value: number) => {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64BE(BigInt(value));
    return bytes;
  };
  const cluster = (timecode: number) => {
    const timecodeElement = Buffer.concat([Buffer.from([0xe7, 0x88]), u64(timecode)]);
    const size = Buffer.concat([Buffer.from([0x01]), u64(timecodeElement.length + second.length).subarray(1)]);
    return Buffer.concat([Buffer.from([0x1f, 0x43, 0xb6, 0x75]), size, timecodeElement, second]);
  };
  const segment = Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  const chunks = [Buffer.concat([parsed.ebmlHeader, segment, parsed.tracks, cluster(0)])];
  for (let s = 1; s < MINUTES * 60; s++) chunks.push(cluster(s * 1000));
  return chunks;
}

/**
 * An inbound call answered at `answeredAt` and ended an hour later, through calls:event, and its
 * recording: `chunks` appended one by one through RecordingStore, then sealed (with `peaks` when given,
 * as the recorder hands them over).
 */
export async function seedHourCall(core: Core, callId: string, answeredAt: number, chunks: Buffer[], peaks?: RecordingPeaks): Promise<void> {
  for (const event of [
    { type: 'ringing', id: callId, direction: 'inbound', remoteNumber: '13800138000', remoteName: '', startedAt: answeredAt - 3000 },
    { type: 'answered', id: callId, direction: 'inbound', remoteNumber: '13800138000', remoteName: '', startedAt: answeredAt - 3000, answeredAt },
    { type: 'ended', id: callId, endedAt: answeredAt + MINUTES * 60_000, outcome: 'answered', endedBy: 'remote' },
  ]) {
    const reply = await core.router.handle(APP_SENDER, 'calls:event', event);
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  }
  const id = (await core.recordings.start({ callId, practice: false, startedAt: answeredAt }))!;
  for (const [seq, chunk] of chunks.entries()) await core.recordings.appendChunk(id, seq, chunk);
  await core.recordings.finish(id, answeredAt + MINUTES * 60_000, peaks);
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * 6 s of MediaRecorder output from the lab Chromium: stereo Opus (440 Hz left,
 * 1 kHz right) recorded with 1 s timeslices, paused for 2 s after 3 s. Split
 * here into the very chunks MediaRecorder handed over.
 */
const CHUNK_SIZES = [4228, 4249, 4249, 4251, 4249, 3750];

export const FIXTURE_PATH = fileURLToPath(new URL('./fixtures/chromium-stereo-6s.webm', import.meta.url));

export function chromiumChunks(path = FIXTURE_PATH): Buffer[] {
  const all = readFileSync(path);
  const chunks: Buffer[] = [];
  let at = 0;
  for (const size of CHUNK_SIZES) {
    chunks.push(all.subarray(at, at + size));
    at += size;
  }
  if (at !== all.length) throw new Error('fixture chunk sizes do not add up');
  return chunks;
}

/** Byte patterns that would betray audio or its container in clear. */
export const PLAINTEXT_MARKERS = [Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.from('OpusHead'), Buffer.from('webm'), Buffer.from('A_OPUS'), Buffer.from([0x1f, 0x43, 0xb6, 0x75])];

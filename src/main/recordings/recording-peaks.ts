import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { RecordingPeaks } from '../../shared/recording/recording';
import type { ReplayPeaks } from '../../shared/review/review';
import { openRecord, sealRecord } from './recording-crypto';

/**
 * The waveform's peaks of a recording, in a file beside it (`<id>.hlpeaks`),
 * sealed with the recording's own key like its chunks: peaks are derived from
 * the audio (speech and silence can be read off them), so nothing of them is
 * in clear on disk. Plaintext: `u8 version ‖ u16 perSecond ‖ u32 buckets ‖
 * caller bytes ‖ agent bytes`, each byte the loudest sample of its bucket
 * (0..255 for 0..1).
 */
const VERSION = 1;
const HEADER_BYTES = 7;
const FILE_MAGIC = Buffer.from('HLPEAKS\u0001', 'latin1');

export function encodePeaks(peaks: RecordingPeaks): Buffer {
  const buckets = Math.min(peaks.caller.length, peaks.agent.length);
  const out = Buffer.alloc(HEADER_BYTES + 2 * buckets);
  out.writeUInt8(VERSION, 0);
  out.writeUInt16BE(peaks.perSecond, 1);
  out.writeUInt32BE(buckets, 3);
  out.set(peaks.caller.subarray(0, buckets), HEADER_BYTES);
  out.set(peaks.agent.subarray(0, buckets), HEADER_BYTES + buckets);
  return out;
}

export function decodePeaks(plain: Buffer): RecordingPeaks {
  if (plain.length < HEADER_BYTES || plain.readUInt8(0) !== VERSION) throw new Error('Not a peaks record of this version');
  const perSecond = plain.readUInt16BE(1);
  const buckets = plain.readUInt32BE(3);
  if (plain.length !== HEADER_BYTES + 2 * buckets) throw new Error('A peaks record of the wrong length');
  return { perSecond, caller: new Uint8Array(plain.subarray(HEADER_BYTES, HEADER_BYTES + buckets)), agent: new Uint8Array(plain.subarray(HEADER_BYTES + buckets)) };
}

/** Bytes as the replay draws them (0..1). */
export function replayPeaksOf(peaks: RecordingPeaks): ReplayPeaks {
  const scale = (bytes: Uint8Array) => Array.from(bytes, (byte) => Math.round((byte / 255) * 1000) / 1000);
  return { perSecond: peaks.perSecond, caller: scale(peaks.caller), agent: scale(peaks.agent) };
}

/** Peaks the replay measured (wavesurfer's may be signed) as bytes. */
export function recordingPeaksOf(peaks: ReplayPeaks): RecordingPeaks {
  const bytes = (values: readonly number[]) => Uint8Array.from(values, (value) => Math.min(255, Math.round(Math.abs(value) * 255)));
  return { perSecond: peaks.perSecond, caller: bytes(peaks.caller), agent: bytes(peaks.agent) };
}

/** Writes the sealed peaks whole or not at all (a temporary file renamed over), synced. */
export function writePeaksFile(path: string, key: Buffer, recordingId: string, peaks: RecordingPeaks): void {
  const sealed = sealRecord(key, recordingId, 0, 'peaks', encodePeaks(peaks));
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, Buffer.concat([FILE_MAGIC, sealed]));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/** The peaks, null when none were kept. Throws RecordingKeyError when the key does not open them. */
export function readPeaksFile(path: string, key: Buffer, recordingId: string): RecordingPeaks | null {
  if (!existsSync(path)) return null;
  const file = readFileSync(path);
  if (!file.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) return null;
  return decodePeaks(openRecord(key, recordingId, 0, 'peaks', file.subarray(FILE_MAGIC.length)));
}

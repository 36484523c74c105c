import type { ReplayPeaks } from '../../shared/review/review';

/** The format and the PCM samples of a 16-bit PCM WAV file. */
export function readWav(bytes: Buffer): { channels: number; sampleRate: number; data: Buffer } {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error('Not a WAV file');
  let offset = 12;
  let format: { channels: number; sampleRate: number; bits: number; code: number } | null = null;
  // Bounded: each chunk moves on by at least its 8-byte header.
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = { code: bytes.readUInt16LE(body), channels: bytes.readUInt16LE(body + 2), sampleRate: bytes.readUInt32LE(body + 4), bits: bytes.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!format) throw new Error('WAV data before its format');
      if ((format.code !== 1 && format.code !== 0xfffe) || format.bits !== 16) throw new Error('Only 16-bit PCM WAV is supported');
      return { channels: format.channels, sampleRate: format.sampleRate, data: bytes.subarray(body, Math.min(bytes.length, body + size)) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV file without data');
}

/**
 * Peaks of a stereo call (caller left, agent right), `perSecond` buckets a
 * second, each the bucket's largest absolute sample in 0..1: computed once,
 * so the replay draws an hour-long call without decoding it.
 */
export function wavPeaks(bytes: Buffer, perSecond = 20): { peaks: ReplayPeaks; durationMs: number } {
  const { channels, sampleRate, data } = readWav(bytes);
  const frames = Math.floor(data.length / (2 * channels));
  const perBucket = Math.max(1, Math.round(sampleRate / perSecond));
  const buckets = Math.ceil(frames / perBucket);
  const caller = new Array<number>(buckets).fill(0);
  const agent = new Array<number>(buckets).fill(0);
  for (let frame = 0; frame < frames; frame++) {
    const bucket = Math.floor(frame / perBucket);
    const left = Math.abs(data.readInt16LE(frame * 2 * channels)) / 32768;
    const right = channels > 1 ? Math.abs(data.readInt16LE(frame * 2 * channels + 2)) / 32768 : left;
    if (left > caller[bucket]!) caller[bucket] = left;
    if (right > agent[bucket]!) agent[bucket] = right;
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { peaks: { perSecond, caller: caller.map(round), agent: agent.map(round) }, durationMs: Math.round((frames / sampleRate) * 1000) };
}

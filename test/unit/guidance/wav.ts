import { readFileSync } from 'node:fs';

export interface Wav {
  sampleRate: number;
  /** Channel 0 as floats in [-1, 1). */
  samples: Float32Array;
}

/** A tiny RIFF/WAVE reader for the test fixtures: 16-bit PCM, mono (other channels are dropped). */
export function parseWav(bytes: Uint8Array): Wav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  let format = 0;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
    } else if (id === 'data') {
      // WAVE_FORMAT_PCM, or WAVE_FORMAT_EXTENSIBLE (sox writes it for some headers).
      if ((format !== 1 && format !== 0xfffe) || bits !== 16 || channels < 1) throw new Error(`unsupported WAV: format ${format}, ${bits} bit, ${channels} ch`);
      const end = Math.min(bytes.length, body + size); // sox may leave size 0xFFFFFFFF on pipes
      const frames = Math.floor((end - body) / (2 * channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) samples[i] = view.getInt16(body + i * 2 * channels, true) / 32768;
      return { sampleRate, samples };
    }
    offset = body + size + (size & 1);
  }
  throw new Error('WAV has no data chunk');
}

export function readWav(path: string): Wav {
  return parseWav(readFileSync(path));
}

/** Build a 16-bit mono PCM WAV (the parser's own test, and recordings saved by the e2e tests). */
export function encodeWav(samples: Float32Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const put = (offset: number, text: string) => [...text].forEach((ch, i) => (bytes[offset + i] = ch.charCodeAt(0)));
  put(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  put(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((x, i) => view.setInt16(44 + i * 2, Math.max(-32768, Math.min(32767, Math.round(x * 32768))), true));
  return bytes;
}

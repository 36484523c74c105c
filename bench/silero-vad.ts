/**
 * Silero VAD (v5), for the guidance bench only: the trained voice-activity
 * model the issue suggests comparing, run on the same recordings as our
 * analysis. The model file comes inside the npm package @ricky0123/vad-web
 * (dist/silero_vad_v5.onnx) and runs on onnxruntime-web's WebAssembly build in
 * Node, one thread: no download at run time. Not in the app (its CSP would
 * need 'wasm-unsafe-eval').
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';

export const SILERO_RATE = 16_000;
/** Silero v5 at 16 kHz: 512-sample (32 ms) windows, each with the previous window's last 64 samples as context. */
const WINDOW = 512;
const CONTEXT = 64;
/** @ricky0123/vad-web's defaults: speech from p ≥ 0.5, and it stays speech while p ≥ 0.35. */
const POSITIVE = 0.5;
const NEGATIVE = 0.35;

export const SILERO_MODEL_PATH = (root: string) => join(root, 'node_modules', '@ricky0123', 'vad-web', 'dist', 'silero_vad_v5.onnx');

/** 48 kHz → 16 kHz: a 63-tap windowed-sinc low-pass at 7 kHz, then every third sample. */
export function resample48kTo16k(input: Float32Array): Float32Array {
  const taps = 63;
  const half = (taps - 1) / 2;
  const cutoff = 7000 / 48_000;
  const h = new Float32Array(taps);
  let sum = 0;
  for (let k = 0; k < taps; k++) {
    const n = k - half;
    const sinc = n === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * n) / (Math.PI * n);
    h[k] = sinc * (0.54 - 0.46 * Math.cos((2 * Math.PI * k) / (taps - 1)));
    sum += h[k]!;
  }
  for (let k = 0; k < taps; k++) h[k]! /= sum;
  const out = new Float32Array(Math.floor(input.length / 3));
  for (let i = 0; i < out.length; i++) {
    const centre = i * 3;
    let acc = 0;
    for (let k = 0; k < taps; k++) {
      const j = centre + k - half;
      if (j >= 0 && j < input.length) acc += h[k]! * input[j]!;
    }
    out[i] = acc;
  }
  return out;
}

export class SileroVad {
  private constructor(private readonly session: ort.InferenceSession) {}

  static async create(root: string): Promise<SileroVad> {
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(readFileSync(SILERO_MODEL_PATH(root)));
    return new SileroVad(session);
  }

  /** Speech probability of every 32 ms window of 16 kHz audio (a fresh state per recording). */
  async probabilities(samples16k: Float32Array): Promise<Float32Array> {
    const windows = Math.floor(samples16k.length / WINDOW);
    const out = new Float32Array(windows);
    let state = new ort.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]);
    const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(SILERO_RATE)]), []);
    const input = new Float32Array(CONTEXT + WINDOW);
    for (let w = 0; w < windows; w++) {
      const start = w * WINDOW;
      if (w > 0) input.set(samples16k.subarray(start - CONTEXT, start), 0);
      input.set(samples16k.subarray(start, start + WINDOW), CONTEXT);
      const result = await this.session.run({ input: new ort.Tensor('float32', input.slice(), [1, CONTEXT + WINDOW]), state, sr });
      state = result.stateN as typeof state;
      out[w] = (result.output!.data as Float32Array)[0]!;
    }
    return out;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

/** Per-window speech decisions with vad-web's hysteresis, as a per-frame (`frameMs`) lookup for our analyser. */
export function speechLikeFromProbabilities(probabilities: Float32Array, frameMs: number): (frameIndex: number) => boolean {
  const speech = new Uint8Array(probabilities.length);
  let on = false;
  for (let w = 0; w < probabilities.length; w++) {
    const p = probabilities[w]!;
    on = on ? p >= NEGATIVE : p >= POSITIVE;
    speech[w] = on ? 1 : 0;
  }
  const windowMs = (WINDOW / SILERO_RATE) * 1000;
  return (frameIndex) => speech[Math.floor((frameIndex * frameMs + frameMs / 2) / windowMs)] === 1;
}

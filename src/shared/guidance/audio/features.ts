/**
 * Per-frame measurements, pure and allocation-light: RMS level in dBFS,
 * zero-crossing rate and spectral flatness. A frame is any Float32Array of
 * samples in [-1, 1] (e.g. 20 ms = 960 samples at 48 kHz).
 */

/** The level reported for digital silence (and the lowest level ever reported). */
export const SILENCE_DB = -100;

export function frameRms(frame: Float32Array): number {
  if (frame.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < frame.length; i++) {
    const x = frame[i]!;
    sum += x * x;
  }
  return Math.sqrt(sum / frame.length);
}

/** RMS in dB relative to full scale (a full-scale square wave is 0 dBFS, a full-scale sine about -3). */
export function rmsToDbfs(rms: number): number {
  return rms > 0 ? Math.max(SILENCE_DB, 20 * Math.log10(rms)) : SILENCE_DB;
}

export function frameDbfs(frame: Float32Array): number {
  return rmsToDbfs(frameRms(frame));
}

/** Sign changes per sample (0..1). Voiced speech is low, hiss and fricatives high. */
export function zeroCrossingRate(frame: Float32Array): number {
  if (frame.length < 2) return 0;
  let crossings = 0;
  let previous = frame[0]! >= 0;
  for (let i = 1; i < frame.length; i++) {
    const current = frame[i]! >= 0;
    if (current !== previous) crossings++;
    previous = current;
  }
  return crossings / (frame.length - 1);
}

/**
 * Spectral flatness (Wiener entropy) over a band: geometric over arithmetic
 * mean of the power spectrum, 0 (a pure tone, harmonic speech) .. 1 (white
 * noise). Reuse one analyser per frame size: it keeps its FFT tables.
 */
export class SpectralAnalyser {
  readonly size: number;
  private readonly window: Float32Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly reverse: Uint32Array;
  private readonly loBin: number;
  private readonly hiBin: number;

  constructor(frameLength: number, sampleRate: number, band: { lowHz: number; highHz: number } = { lowHz: 150, highHz: 4000 }) {
    let size = 1;
    while (size < frameLength) size <<= 1;
    this.size = size;
    this.window = new Float32Array(frameLength);
    for (let i = 0; i < frameLength; i++) this.window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / Math.max(1, frameLength - 1));
    this.re = new Float64Array(size);
    this.im = new Float64Array(size);
    this.cos = new Float64Array(size / 2);
    this.sin = new Float64Array(size / 2);
    for (let i = 0; i < size / 2; i++) {
      this.cos[i] = Math.cos((2 * Math.PI * i) / size);
      this.sin[i] = -Math.sin((2 * Math.PI * i) / size);
    }
    this.reverse = new Uint32Array(size);
    const bits = Math.log2(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.reverse[i] = r;
    }
    const hz = sampleRate / size;
    this.loBin = Math.max(1, Math.round(band.lowHz / hz));
    this.hiBin = Math.max(this.loBin + 1, Math.min(size / 2 - 1, Math.round(band.highHz / hz)));
  }

  /** Flatness of `frame` (length ≤ the constructor's), 0..1; 1 for an all-zero frame. */
  flatness(frame: Float32Array): number {
    const { re, im, size } = this;
    re.fill(0);
    im.fill(0);
    const n = Math.min(frame.length, this.window.length);
    for (let i = 0; i < n; i++) re[this.reverse[i]!] = frame[i]! * this.window[i]!;
    // In-place iterative radix-2 FFT (input already bit-reversed).
    for (let half = 1; half < size; half <<= 1) {
      const step = size / (half * 2);
      for (let start = 0; start < size; start += half * 2) {
        for (let k = 0; k < half; k++) {
          const wr = this.cos[k * step]!;
          const wi = this.sin[k * step]!;
          const a = start + k;
          const b = a + half;
          const tr = wr * re[b]! - wi * im[b]!;
          const ti = wr * im[b]! + wi * re[b]!;
          re[b] = re[a]! - tr;
          im[b] = im[a]! - ti;
          re[a] = re[a]! + tr;
          im[a] = im[a]! + ti;
        }
      }
    }
    let logSum = 0;
    let sum = 0;
    const count = this.hiBin - this.loBin + 1;
    for (let k = this.loBin; k <= this.hiBin; k++) {
      const power = re[k]! * re[k]! + im[k]! * im[k]! + 1e-20;
      logSum += Math.log(power);
      sum += power;
    }
    if (sum <= count * 1e-19) return 1;
    return Math.exp(logSum / count) / (sum / count);
  }
}

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

/** Where the analysis looks for speech on a wideband line (the band the thresholds were tuned on)... */
export const WIDE_BAND = Object.freeze({ lowHz: 150, highHz: 4000 });
/**
 * ...and on a telephone line: G.711 is sampled at 8 kHz and the network's
 * filters (ITU-T G.712) pass 300-3400 Hz, so the bins above ~3.6 kHz are
 * empty. Counting them would drag the geometric mean down and make noise look
 * tonal like speech.
 */
export const TELEPHONE_BAND = Object.freeze({ lowHz: 150, highHz: 3400 });
/** Reference band just under the telephone edge, and the band above it that only a wideband line carries. */
const EDGE_BELOW = { lowHz: 2400, highHz: 3400 };
const EDGE_ABOVE = { lowHz: 4400, highHz: 7400 };

/** One FFT's worth of measurements (see SpectralAnalyser.analyse). */
export interface SpectrumSummary {
  /** Spectral flatness over the current band, 0 (tone, harmonic speech) .. 1 (white noise); 1 for an all-zero frame. */
  flatness: number;
  /** Energy in the current band as an RMS level, dBFS (comparable with `frameDbfs` of a signal inside the band). */
  bandLevelDb: number;
  /** Mean power per bin under the telephone edge (2.4-3.4 kHz) and above it (4.4-7.4 kHz; 0 when the rate cannot carry it). */
  belowEdgePower: number;
  aboveEdgePower: number;
}

/**
 * Spectral flatness (Wiener entropy) and band energy: geometric over
 * arithmetic mean of the power spectrum over a band, and the band's power.
 * Reuse one analyser per frame size: it keeps its FFT tables.
 */
export class SpectralAnalyser {
  readonly size: number;
  private readonly window: Float32Array;
  /** Sum of the squared window: turns bin powers back into the signal's mean square. */
  private readonly windowPower: number;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly reverse: Uint32Array;
  private readonly binHz: number;
  private loBin = 1;
  private hiBin = 2;
  private readonly below: { lo: number; hi: number };
  private readonly above: { lo: number; hi: number } | undefined;

  constructor(frameLength: number, sampleRate: number, band: { lowHz: number; highHz: number } = WIDE_BAND) {
    let size = 1;
    while (size < frameLength) size <<= 1;
    this.size = size;
    this.window = new Float32Array(frameLength);
    let windowPower = 0;
    for (let i = 0; i < frameLength; i++) {
      this.window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / Math.max(1, frameLength - 1));
      windowPower += this.window[i]! * this.window[i]!;
    }
    this.windowPower = Math.max(1e-12, windowPower);
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
    this.binHz = sampleRate / size;
    this.setBand(band);
    this.below = this.bins(EDGE_BELOW);
    this.above = EDGE_ABOVE.highHz < sampleRate / 2 ? this.bins(EDGE_ABOVE) : undefined;
  }

  /** The band flatness and band energy are measured over from the next frame on. */
  setBand(band: { lowHz: number; highHz: number }): void {
    const { lo, hi } = this.bins(band);
    this.loBin = lo;
    this.hiBin = hi;
  }

  private bins(band: { lowHz: number; highHz: number }): { lo: number; hi: number } {
    const lo = Math.max(1, Math.round(band.lowHz / this.binHz));
    return { lo, hi: Math.max(lo + 1, Math.min(this.size / 2 - 1, Math.round(band.highHz / this.binHz))) };
  }

  /** Flatness of `frame` (length ≤ the constructor's), 0..1; 1 for an all-zero frame. */
  flatness(frame: Float32Array): number {
    return this.analyse(frame).flatness;
  }

  analyse(frame: Float32Array): SpectrumSummary {
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
    const flatness = sum <= count * 1e-19 ? 1 : Math.exp(logSum / count) / (sum / count);
    // Parseval, one-sided: twice the band's bin powers over (FFT size × window energy) is the band's mean square.
    const meanSquare = (2 * Math.max(0, sum - count * 1e-20)) / (size * this.windowPower);
    return {
      flatness,
      bandLevelDb: rmsToDbfs(Math.sqrt(meanSquare)),
      belowEdgePower: this.meanPower(this.below),
      aboveEdgePower: this.above ? this.meanPower(this.above) : 0,
    };
  }

  private meanPower(bins: { lo: number; hi: number }): number {
    let sum = 0;
    for (let k = bins.lo; k <= bins.hi; k++) sum += this.re[k]! * this.re[k]! + this.im[k]! * this.im[k]!;
    return sum / (bins.hi - bins.lo + 1);
  }
}

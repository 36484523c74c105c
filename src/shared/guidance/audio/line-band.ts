import { TELEPHONE_BAND, WIDE_BAND } from './features';

/**
 * The highest frequency a line can carry, from the codec negotiated: half its
 * audio sample rate. G.711 (PCMA, PCMU) and G.729 are 8 kHz: 4000 Hz. G.722
 * samples at 16 kHz although its RTP clock says 8000: 8000 Hz. Opus and
 * anything unknown: undefined, because an Opus leg can still carry a caller
 * who came in through a telephone gateway; the spectrum tells.
 */
export function lineBandwidthOfCodec(mimeType: string, clockRate?: number): number | undefined {
  const name = mimeType.toLowerCase().replace(/^audio\//, '');
  if (name === 'pcma' || name === 'pcmu' || name === 'g729' || name === 'gsm') return 4000;
  if (name === 'g722') return 8000;
  if (name === 'opus') return undefined;
  return clockRate !== undefined && clockRate > 0 && clockRate < 16_000 ? clockRate / 2 : undefined;
}

export interface LineBandOptions {
  /** What the codec can carry (lineBandwidthOfCodec); undefined: learn it from the spectrum alone. */
  hintHz?: number;
  frameMs: number;
}

/** A telephone line leaves the band above its edge this far under the band just below it (dB); wideband speech or noise is within ~20 dB. */
const NARROW_BELOW_DB = -35;
/** ...and a line counts as wideband again only above this (hysteresis). */
const WIDE_ABOVE_DB = -25;
/** Line audio needed before the spectrum is believed. */
const DECIDE_AFTER_MS = 400;
/** Memory of the running spectrum sums (time constant of the exponential average). */
const MEMORY_MS = 2000;

/**
 * Learns what the line carries: the band the analysis should look at. Until
 * the spectrum has shown energy above the telephone edge, the line is taken
 * to be a telephone line (the conservative choice: over 150-3400 Hz noise on
 * either kind of line looks like noise). A codec hint of 4 kHz or less fixes
 * it there; otherwise the spectrum decides, and can still narrow an Opus line
 * that carries a telephone caller.
 */
export class LineBandEstimator {
  private readonly fixedNarrow: boolean;
  private readonly decay: number;
  private readonly decideAfterFrames: number;
  private below = 0;
  private above = 0;
  private lineFrames = 0;
  private wide = false;

  constructor(options: LineBandOptions) {
    this.fixedNarrow = options.hintHz !== undefined && options.hintHz <= WIDE_BAND.highHz;
    this.decay = Math.exp(-options.frameMs / MEMORY_MS);
    this.decideAfterFrames = Math.max(1, Math.round(DECIDE_AFTER_MS / options.frameMs));
  }

  /** Whether the line has shown wideband content (false while still learning). */
  get isWideband(): boolean {
    return this.wide;
  }

  /** The band to analyse now. */
  band(): { lowHz: number; highHz: number } {
    return this.wide ? WIDE_BAND : TELEPHONE_BAND;
  }

  /** Feed one frame's edge powers; only frames that carry line audio (not digital silence) teach it. Returns true when the band changed. */
  update(belowEdgePower: number, aboveEdgePower: number, lineAudio: boolean): boolean {
    if (this.fixedNarrow || !lineAudio) return false;
    this.below = this.below * this.decay + belowEdgePower;
    this.above = this.above * this.decay + aboveEdgePower;
    this.lineFrames++;
    if (this.lineFrames < this.decideAfterFrames || this.below <= 0) return false;
    const ratioDb = 10 * Math.log10(Math.max(1e-30, this.above) / this.below);
    const wide = this.wide ? ratioDb > NARROW_BELOW_DB : ratioDb > WIDE_ABOVE_DB;
    if (wide === this.wide) return false;
    this.wide = wide;
    return true;
  }
}

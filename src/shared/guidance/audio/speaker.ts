import type { AudioConfig } from './config';
import { frameDbfs, SpectralAnalyser, zeroCrossingRate } from './features';
import { LineBandEstimator } from './line-band';
import { NoiseFloorTracker } from './noise-floor';

/** What one side's analysis says about one frame. */
export interface FrameResult {
  /** Start of the frame, ms since the analyser started. */
  startMs: number;
  /** The whole frame's RMS level (what a meter shows; speech spans report this). */
  levelDb: number;
  /** Energy in the band the line carries (see AudioConfig.lineBandwidthHz): what the floor, onset and loudness use. */
  bandLevelDb: number;
  /** Noise floor of the band level (SILENCE_DB before any line audio). */
  floorDb: number;
  /** The floor has seen enough line audio to be trusted. */
  floorSettled: boolean;
  /** The line looks wideband (false: a telephone line, or still learning). */
  wideband: boolean;
  flatness: number;
  zcr: number;
  /** This frame alone looks like speech. */
  speechLike: boolean;
  /** Decided voice activity (after onset and hangover): the speaker is talking. */
  active: boolean;
  /** Set on the frame where activity was decided to start / end. */
  started?: { startMs: number };
  /** `levelDb`: the power mean of the span's speech-like frames (what a meter would call the talker's level). */
  ended?: { startMs: number; endMs: number; levelDb: number };
  /** Loudness: short-term speech level, and the speaker's baseline (undefined while still learning). */
  shortTermDb?: number;
  baselineDb?: number;
  raised: boolean;
  raisedStarted?: { startMs: number; aboveBaselineDb: number; baselineDb: number };
  raisedEnded?: { startMs: number; endMs: number };
}

/**
 * One speaker's voice activity and loudness, frame by frame.
 * Feed consecutive frames of `frameLength` samples.
 */
export class SpeakerAnalyser {
  readonly frameLength: number;
  private readonly config: AudioConfig;
  private readonly spectral: SpectralAnalyser;
  private readonly lineBand: LineBandEstimator;
  private readonly floor: NoiseFloorTracker;
  private frameIndex = 0;

  // VAD state
  private active = false;
  private runFrames = 0;
  private runStartMs = 0;
  private lastSpeechEndMs = 0;
  private speechStartMs = 0;
  private spanPowerSum = 0;
  private spanPowerFrames = 0;

  // Loudness state
  private readonly recentPower: number[] = [];
  private recentPowerSum = 0;
  private readonly shortTermFrames: number;
  private readonly baselineWindow: LevelMedian;
  private readonly baselineMinFrames: number;
  private baseline: number | undefined;
  private raised = false;
  private raisedStartMs = 0;
  private aboveMs = 0;
  private aboveStartMs = 0;
  private belowMs = 0;

  /**
   * `speechLike`, when given, replaces the per-frame speech test (level above
   * the noise floor, tonal): a trained VAD's decision for frame `index`
   * (bench/guidance.bench.ts compares Silero VAD this way). Onset, hangover,
   * loudness and everything downstream stay the same.
   */
  constructor(
    config: AudioConfig,
    sampleRate: number,
    private readonly externalSpeechLike?: (frameIndex: number) => boolean,
  ) {
    this.config = config;
    this.frameLength = Math.max(1, Math.round((sampleRate * config.frameMs) / 1000));
    this.lineBand = new LineBandEstimator({ hintHz: config.lineBandwidthHz, frameMs: config.frameMs });
    this.spectral = new SpectralAnalyser(this.frameLength, sampleRate, this.lineBand.band());
    this.floor = new NoiseFloorTracker(config.frameMs, config.floorBlockMs, config.floorWindowMs, config.floorSettleMs);
    this.shortTermFrames = Math.max(1, Math.round(config.shortTermMs / config.frameMs));
    this.baselineWindow = new LevelMedian(Math.max(1, Math.round(config.baselineWindowMs / config.frameMs)));
    this.baselineMinFrames = Math.max(1, Math.round(config.baselineMinSpeechMs / config.frameMs));
  }

  get isActive(): boolean {
    return this.active;
  }

  /** When the current speech began (meaningful while active). */
  get activeSinceMs(): number {
    return this.speechStartMs;
  }

  /** End of the last speech-like frame (ms): unlike `isActive`, without the hangover. */
  get lastSpeechMs(): number {
    return this.lastSpeechEndMs;
  }

  /** Time (ms) up to which this side has been analysed. */
  get timeMs(): number {
    return this.frameIndex * this.config.frameMs;
  }

  process(frame: Float32Array): FrameResult {
    const c = this.config;
    const index = this.frameIndex;
    const startMs = index * c.frameMs;
    const endMs = startMs + c.frameMs;
    this.frameIndex++;

    const levelDb = frameDbfs(frame);
    const { flatness, bandLevelDb, belowEdgePower, aboveEdgePower } = this.spectral.analyse(frame);
    const lineAudio = bandLevelDb >= c.lineAudioMinDb;
    const wideband = this.lineBand.isWideband;
    if (this.lineBand.update(belowEdgePower, aboveEdgePower, lineAudio)) this.spectral.setBand(this.lineBand.band());
    const floorDb = this.floor.update(bandLevelDb, lineAudio);
    const floorSettled = this.floor.settled;
    const zcr = zeroCrossingRate(frame);

    // An untrusted floor (it has not heard the line yet) decides nothing; the stricter tonality test stands in for it.
    const floorInUse = c.useNoiseFloor && floorSettled;
    const aboveFloor = !floorInUse || bandLevelDb >= floorDb + c.onsetMarginDb;
    const tonal = !c.useFlatness || flatness <= (floorInUse || !c.useNoiseFloor ? c.maxFlatness : c.unsettledMaxFlatness);
    const speechLike = this.externalSpeechLike ? this.externalSpeechLike(index) : bandLevelDb >= c.minSpeechDb && aboveFloor && tonal;

    const result: FrameResult = {
      startMs,
      levelDb,
      bandLevelDb,
      floorDb,
      floorSettled,
      wideband,
      flatness,
      zcr,
      speechLike,
      active: this.active,
      raised: this.raised,
    };

    // Onset and hangover.
    if (speechLike) {
      if (this.runFrames === 0) this.runStartMs = startMs;
      if (this.runFrames === 0 && !this.active) {
        this.spanPowerSum = 0;
        this.spanPowerFrames = 0;
      }
      this.spanPowerSum += 10 ** (levelDb / 10);
      this.spanPowerFrames++;
      this.runFrames++;
      this.lastSpeechEndMs = endMs;
      if (!this.active && this.runFrames * c.frameMs >= c.minSpeechMs) {
        this.active = true;
        this.speechStartMs = this.runStartMs;
        result.started = { startMs: this.runStartMs };
      }
    } else {
      this.runFrames = 0;
      if (this.active && endMs - this.lastSpeechEndMs >= c.hangoverMs) {
        this.active = false;
        result.ended = { startMs: this.speechStartMs, endMs: this.lastSpeechEndMs, levelDb: this.spanLevelDb() };
      }
    }
    result.active = this.active;

    this.loudness(result, speechLike && this.active, endMs);
    return result;
  }

  private loudness(result: FrameResult, speech: boolean, endMs: number): void {
    const c = this.config;
    if (this.baseline !== undefined && result.floorSettled && this.baseline < result.floorDb + c.baselineMinAboveFloorDb) {
      // Learnt from noise taken for speech before the floor knew better: forget it, and any raised voice it made.
      this.baseline = undefined;
      this.baselineWindow.clear();
      if (this.raised) this.endRaised(result, endMs);
      this.aboveMs = 0;
      this.belowMs = 0;
    }
    if (speech) {
      const power = 10 ** (result.bandLevelDb / 10);
      this.recentPower.push(power);
      this.recentPowerSum += power;
      if (this.recentPower.length > this.shortTermFrames) this.recentPowerSum -= this.recentPower.shift()!;
      const shortTermDb = 10 * Math.log10(Math.max(1e-12, this.recentPowerSum / this.recentPower.length));
      result.shortTermDb = shortTermDb;

      if (this.baseline === undefined) {
        // Not before the floor is trusted: until then "speech" may be the street noise of the first seconds.
        if (!result.floorSettled) return this.finishLoudness(result);
        this.baselineWindow.add(shortTermDb);
        if (this.baselineWindow.size >= this.baselineMinFrames) this.baseline = this.baselineWindow.median();
      } else {
        const threshold = this.baseline + c.raisedDb;
        if (shortTermDb >= threshold) {
          if (this.aboveMs === 0) this.aboveStartMs = result.startMs;
          this.aboveMs += c.frameMs;
          this.belowMs = 0;
        } else {
          // The baseline learns only from speech that is not raised, so shouting never becomes "normal".
          if (!this.raised) {
            this.baselineWindow.add(shortTermDb);
            this.baseline = this.baselineWindow.median();
          }
          if (shortTermDb < threshold - c.raisedHysteresisDb) {
            this.belowMs += c.frameMs;
            this.aboveMs = 0;
          }
        }
        if (!this.raised && this.aboveMs >= c.raisedMinMs) {
          this.raised = true;
          this.raisedStartMs = this.aboveStartMs;
          result.raisedStarted = { startMs: this.aboveStartMs, aboveBaselineDb: shortTermDb - this.baseline, baselineDb: this.baseline };
        } else if (this.raised && this.belowMs >= c.raisedMinMs) {
          this.endRaised(result, endMs);
        }
      }
    } else if (this.raised && endMs - this.lastSpeechEndMs >= c.raisedEndSilenceMs) {
      this.endRaised(result, this.lastSpeechEndMs);
    }
    this.finishLoudness(result);
  }

  private finishLoudness(result: FrameResult): void {
    if (this.baseline !== undefined) result.baselineDb = this.baseline;
    result.raised = this.raised;
  }

  private spanLevelDb(): number {
    return this.spanPowerFrames === 0 ? -100 : Math.max(-100, 10 * Math.log10(this.spanPowerSum / this.spanPowerFrames));
  }

  private endRaised(result: FrameResult, endMs: number): void {
    this.raised = false;
    this.aboveMs = 0;
    this.belowMs = 0;
    result.raisedEnded = { startMs: this.raisedStartMs, endMs };
  }

  /** End of stream: close what is open (speech, raised voice). */
  finish(): { ended?: { startMs: number; endMs: number; levelDb: number }; raisedEnded?: { startMs: number; endMs: number } } {
    const out: ReturnType<SpeakerAnalyser['finish']> = {};
    if (this.raised) {
      this.raised = false;
      out.raisedEnded = { startMs: this.raisedStartMs, endMs: this.lastSpeechEndMs };
    }
    if (this.active) {
      this.active = false;
      out.ended = { startMs: this.speechStartMs, endMs: this.lastSpeechEndMs, levelDb: this.spanLevelDb() };
    }
    return out;
  }
}

/**
 * The median of the last `capacity` levels (dB), in O(1) per value: a
 * histogram of 0.25 dB bins over -100..0 dBFS plus a ring of what is in it.
 */
export class LevelMedian {
  private static readonly BIN_DB = 0.25;
  private static readonly BINS = 400;
  private readonly counts = new Uint32Array(LevelMedian.BINS);
  private readonly ring: Uint16Array;
  private next = 0;
  private filled = 0;

  constructor(readonly capacity: number) {
    this.ring = new Uint16Array(capacity);
  }

  get size(): number {
    return this.filled;
  }

  clear(): void {
    this.counts.fill(0);
    this.next = 0;
    this.filled = 0;
  }

  add(levelDb: number): void {
    const bin = Math.min(LevelMedian.BINS - 1, Math.max(0, Math.floor((levelDb + 100) / LevelMedian.BIN_DB)));
    if (this.filled === this.capacity) this.counts[this.ring[this.next]!]!--;
    else this.filled++;
    this.ring[this.next] = bin;
    this.counts[bin]!++;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The median level (the centre of its bin); NaN when empty. */
  median(): number {
    if (this.filled === 0) return Number.NaN;
    const half = this.filled / 2;
    let seen = 0;
    for (let bin = 0; bin < LevelMedian.BINS; bin++) {
      seen += this.counts[bin]!;
      if (seen >= half) return -100 + (bin + 0.5) * LevelMedian.BIN_DB;
    }
    return 0;
  }
}

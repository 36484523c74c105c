import type { AudioConfig } from './config';
import { frameDbfs, SpectralAnalyser, zeroCrossingRate } from './features';
import { NoiseFloorTracker } from './noise-floor';

/** What one side's analysis says about one frame. */
export interface FrameResult {
  /** Start of the frame, ms since the analyser started. */
  startMs: number;
  levelDb: number;
  floorDb: number;
  flatness: number;
  zcr: number;
  /** This frame alone looks like speech. */
  speechLike: boolean;
  /** Decided voice activity (after onset and hangover): the speaker is talking. */
  active: boolean;
  /** Set on the frame where activity was decided to start / end. */
  started?: { startMs: number };
  ended?: { startMs: number; endMs: number };
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
  private readonly floor: NoiseFloorTracker;
  private frameIndex = 0;

  // VAD state
  private active = false;
  private runFrames = 0;
  private runStartMs = 0;
  private lastSpeechEndMs = 0;
  private speechStartMs = 0;

  // Loudness state
  private readonly recentPower: number[] = [];
  private recentPowerSum = 0;
  private readonly shortTermFrames: number;
  private speechFrames = 0;
  private baselineSum = 0;
  private baseline: number | undefined;
  private raised = false;
  private raisedStartMs = 0;
  private aboveMs = 0;
  private aboveStartMs = 0;
  private belowMs = 0;

  constructor(config: AudioConfig, sampleRate: number) {
    this.config = config;
    this.frameLength = Math.max(1, Math.round((sampleRate * config.frameMs) / 1000));
    this.spectral = new SpectralAnalyser(this.frameLength, sampleRate);
    this.floor = new NoiseFloorTracker(config.frameMs, config.floorBlockMs, config.floorWindowMs);
    this.shortTermFrames = Math.max(1, Math.round(config.shortTermMs / config.frameMs));
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
    const startMs = this.frameIndex * c.frameMs;
    const endMs = startMs + c.frameMs;
    this.frameIndex++;

    const levelDb = frameDbfs(frame);
    const floorDb = this.floor.update(levelDb);
    const flatness = this.spectral.flatness(frame);
    const zcr = zeroCrossingRate(frame);

    const aboveFloor = !c.useNoiseFloor || levelDb >= floorDb + c.onsetMarginDb;
    const tonal = !c.useFlatness || flatness <= c.maxFlatness;
    const speechLike = levelDb >= c.minSpeechDb && aboveFloor && tonal;

    const result: FrameResult = { startMs, levelDb, floorDb, flatness, zcr, speechLike, active: this.active, raised: this.raised };

    // Onset and hangover.
    if (speechLike) {
      if (this.runFrames === 0) this.runStartMs = startMs;
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
        result.ended = { startMs: this.speechStartMs, endMs: this.lastSpeechEndMs };
      }
    }
    result.active = this.active;

    this.loudness(result, speechLike && this.active, endMs);
    return result;
  }

  private loudness(result: FrameResult, speech: boolean, endMs: number): void {
    const c = this.config;
    if (speech) {
      const power = 10 ** (result.levelDb / 10);
      this.recentPower.push(power);
      this.recentPowerSum += power;
      if (this.recentPower.length > this.shortTermFrames) this.recentPowerSum -= this.recentPower.shift()!;
      const shortTermDb = 10 * Math.log10(Math.max(1e-12, this.recentPowerSum / this.recentPower.length));
      result.shortTermDb = shortTermDb;
      this.speechFrames++;
      const speechMs = this.speechFrames * c.frameMs;

      if (this.baseline === undefined) {
        this.baselineSum += shortTermDb;
        if (speechMs >= c.baselineMinSpeechMs) this.baseline = this.baselineSum / this.speechFrames;
      } else {
        const threshold = this.baseline + c.raisedDb;
        if (shortTermDb >= threshold) {
          if (this.aboveMs === 0) this.aboveStartMs = result.startMs;
          this.aboveMs += c.frameMs;
          this.belowMs = 0;
        } else {
          // The baseline learns only from speech that is not raised, so shouting never becomes "normal".
          const alpha = c.frameMs / c.baselineTimeConstantMs;
          if (!this.raised) this.baseline += alpha * (shortTermDb - this.baseline);
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
    if (this.baseline !== undefined) result.baselineDb = this.baseline;
    result.raised = this.raised;
  }

  private endRaised(result: FrameResult, endMs: number): void {
    this.raised = false;
    this.aboveMs = 0;
    this.belowMs = 0;
    result.raisedEnded = { startMs: this.raisedStartMs, endMs };
  }

  /** End of stream: close what is open (speech, raised voice). */
  finish(): { ended?: { startMs: number; endMs: number }; raisedEnded?: { startMs: number; endMs: number } } {
    const out: ReturnType<SpeakerAnalyser['finish']> = {};
    if (this.raised) {
      this.raised = false;
      out.raisedEnded = { startMs: this.raisedStartMs, endMs: this.lastSpeechEndMs };
    }
    if (this.active) {
      this.active = false;
      out.ended = { startMs: this.speechStartMs, endMs: this.lastSpeechEndMs };
    }
    return out;
  }
}

/**
 * Every threshold of the audio analysis, in one object. Times are ms of audio;
 * levels are dBFS (RMS). Defaults were tuned on espeak-ng Mandarin at about
 * -28 dBFS speech level, with pink "street" noise 10-15 dB under it (see
 * test/unit/guidance/audio-fixtures.test.ts for the measured figures).
 */
export interface AudioConfig {
  /** Analysis frame length. 20 ms = 960 samples at 48 kHz. */
  frameMs: number;

  // ---- The line ----
  /**
   * The highest frequency the line can carry, from the codec negotiated
   * (`lineBandwidthOfCodec`: 4000 for PCMA/PCMU). Unset: learnt from the
   * spectrum. Flatness and band energy are measured over 150-3400 Hz on a
   * telephone line and 150-4000 Hz on a wideband one.
   */
  lineBandwidthHz?: number;
  /** A frame whose band energy is under this is digital silence (no packets yet, an idle G.711 pattern), not line audio. */
  lineAudioMinDb: number;

  // ---- Adaptive noise floor (minimum statistics) ----
  /** The floor is the quietest frame in this much recent audio... */
  floorWindowMs: number;
  /** ...kept as minima of blocks this long (cheap to slide). */
  floorBlockMs: number;
  /** The floor is trusted once it has seen this much line audio; until then the speaker's baseline is not learnt. */
  floorSettleMs: number;

  // ---- Voice activity ----
  /** Track the noise floor (false = a fixed `minSpeechDb` threshold only, the naive baseline). */
  useNoiseFloor: boolean;
  /** Reject noise-like frames by spectral flatness. */
  useFlatness: boolean;
  /** A speech frame is at least this far above the noise floor... */
  onsetMarginDb: number;
  /** ...and above this absolute level (so hiss in a silent line never counts). */
  minSpeechDb: number;
  /**
   * Frames whose spectral flatness (0 tone .. 1 white noise, 150-4000 Hz) is
   * above this are noise-like. Measured: espeak speech p90 0.11, pink noise
   * p10 0.29. Unvoiced consonants fail it too; the hangover bridges them.
   */
  maxFlatness: number;
  /**
   * Until the floor has settled it cannot tell speech from the line's noise,
   * so a frame must be this tonal instead. Measured (20 ms frames, 150-3400
   * Hz): espeak speech p50 0.02, p90 0.18; pink noise on either path p10 0.29.
   */
  unsettledMaxFlatness: number;
  /** Speech starts after this much consecutive speech-like audio. */
  minSpeechMs: number;
  /** Speech ends after this much audio without a speech-like frame. */
  hangoverMs: number;

  // ---- Loudness against the speaker's own baseline ----
  /** No raised-voice decision before this much speech has set the speaker's baseline. */
  baselineMinSpeechMs: number;
  /**
   * The baseline is the median short-term level of this much of the speaker's
   * recent ordinary speech (speech time; raised speech never teaches it). A
   * median of a window, not a running mean of everything: what arrives
   * through a browser's AGC opens several dB hot after a silence and settles
   * within seconds (measured in the lab: -14 dBFS for the first 2 s, then
   * -22), and the baseline must follow that settling, not remember it.
   */
  baselineWindowMs: number;
  /**
   * A baseline less than this far above the settled noise floor was learnt
   * from noise (street noise taken for speech before the floor knew it): it
   * is forgotten and learnt again from what follows.
   */
  baselineMinAboveFloorDb: number;
  /** The current level is the power mean of this much recent speech. */
  shortTermMs: number;
  /** Raised voice: the current level at least this far above the baseline... */
  raisedDb: number;
  /** ...for this much speech. */
  raisedMinMs: number;
  /** Raised voice ends when the level has been back under (raisedDb - raisedHysteresisDb) for raisedMinMs of speech... */
  raisedHysteresisDb: number;
  /** ...or the speaker has been silent this long. */
  raisedEndSilenceMs: number;

  // ---- Two-sided segmentation ----
  /** Both talking for this long is an overlap (shorter: back-channel "嗯"). */
  overlapMinMs: number;
  /** An interruption: the other side had been talking at least this long when this side started... */
  interruptAfterMs: number;
  /** ...and this side kept talking at least this long. */
  interruptMinMs: number;
  /** Dead air: neither side has spoken for this long. */
  deadAirMs: number;
  /** A monologue: one side has held the floor this long... */
  monologueMs: number;
  /** ...with pauses no longer than this... */
  monologueGapMs: number;
  /** ...and the other side never spoke longer than this at a time. */
  monologueBreakMs: number;
}

export const DEFAULT_AUDIO_CONFIG: Readonly<AudioConfig> = Object.freeze({
  frameMs: 20,
  lineAudioMinDb: -80,
  floorWindowMs: 1500,
  floorBlockMs: 100,
  floorSettleMs: 1000,
  useNoiseFloor: true,
  useFlatness: true,
  onsetMarginDb: 9,
  minSpeechDb: -55,
  maxFlatness: 0.25,
  unsettledMaxFlatness: 0.15,
  minSpeechMs: 60,
  hangoverMs: 300,
  baselineMinSpeechMs: 2000,
  baselineWindowMs: 10_000,
  baselineMinAboveFloorDb: 6,
  shortTermMs: 600,
  raisedDb: 6,
  raisedMinMs: 800,
  raisedHysteresisDb: 2,
  raisedEndSilenceMs: 3000,
  overlapMinMs: 300,
  interruptAfterMs: 500,
  interruptMinMs: 500,
  deadAirMs: 5000,
  monologueMs: 45_000,
  monologueGapMs: 2000,
  monologueBreakMs: 700,
});

export function resolveAudioConfig(overrides: Partial<AudioConfig> = {}): AudioConfig {
  const config = { ...DEFAULT_AUDIO_CONFIG, ...overrides };
  if (!(config.frameMs > 0 && config.frameMs <= 100)) throw new RangeError('frameMs must be in (0, 100]');
  if (!(config.baselineWindowMs >= config.frameMs)) throw new RangeError('baselineWindowMs must be at least frameMs');
  if (!(config.floorBlockMs >= config.frameMs && config.floorWindowMs >= config.floorBlockMs)) {
    throw new RangeError('need frameMs ≤ floorBlockMs ≤ floorWindowMs');
  }
  if (config.lineBandwidthHz !== undefined && !(Number.isFinite(config.lineBandwidthHz) && config.lineBandwidthHz > 0)) {
    throw new RangeError('lineBandwidthHz must be a positive number of Hz (or unset)');
  }
  return config;
}

/**
 * For a received stream that went through the browser's automatic gain control
 * (Chromium's default for getUserMedia): AGC turns a voice raised by 8 dB into
 * about +5 dB, so look for a smaller, steadier rise. Measured on the fixtures:
 * +5 dB (limited) speech detected at +4.9 dB over baseline; calm speech never
 * flagged. Use with `resolveAudioConfig({ ...AGC_AUDIO_PROFILE })`.
 */
export const AGC_AUDIO_PROFILE: Readonly<Partial<AudioConfig>> = Object.freeze({ raisedDb: 4, shortTermMs: 1000 });

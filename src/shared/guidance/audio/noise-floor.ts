import { SILENCE_DB } from './features';

/**
 * Noise floor by minimum statistics: the quietest frame level in the last
 * `windowMs` of line audio. Stationary noise sits near its own minimum, so it
 * never rises far above the floor; speech has gaps between syllables that
 * pull the floor down to whatever is under it. Adapts to a new noise level
 * within `windowMs`.
 *
 * Digital silence (no packets yet at answer, a jitter buffer running dry, a
 * G.711 idle pattern) before the line has been heard says nothing about the
 * line's noise: it is left out, otherwise a floor of -100 dB from the first
 * second of a call would let the street noise that follows pass as "9 dB
 * above the floor". The floor is `settled` once it has seen `settleMs` of real
 * line audio; from then on digital silence counts like any quiet (a clean line
 * between words).
 */
export class NoiseFloorTracker {
  private readonly framesPerBlock: number;
  private readonly blocks: number[] = [];
  private readonly maxBlocks: number;
  private readonly settleFrames: number;
  private blockMin = Number.POSITIVE_INFINITY;
  private framesInBlock = 0;
  private lineFrames = 0;

  constructor(frameMs: number, blockMs: number, windowMs: number, settleMs = windowMs) {
    this.framesPerBlock = Math.max(1, Math.round(blockMs / frameMs));
    this.maxBlocks = Math.max(1, Math.round(windowMs / blockMs));
    this.settleFrames = Math.max(0, Math.round(settleMs / frameMs));
  }

  /** Enough line audio seen for the floor to mean something. */
  get settled(): boolean {
    return this.lineFrames >= this.settleFrames;
  }

  /** Add one frame's level (dBFS) and return the floor including it. `lineAudio` false: digital silence, not added. */
  update(levelDb: number, lineAudio = true): number {
    if (!lineAudio && !this.settled) return this.floor();
    if (lineAudio) this.lineFrames++;
    this.blockMin = Math.min(this.blockMin, levelDb);
    this.framesInBlock++;
    const floor = this.floor();
    if (this.framesInBlock >= this.framesPerBlock) {
      this.blocks.push(this.blockMin);
      if (this.blocks.length > this.maxBlocks) this.blocks.shift();
      this.blockMin = Number.POSITIVE_INFINITY;
      this.framesInBlock = 0;
    }
    return floor;
  }

  /** The floor; SILENCE_DB before any line audio. */
  floor(): number {
    let min = this.blockMin;
    for (const value of this.blocks) if (value < min) min = value;
    return Number.isFinite(min) ? min : SILENCE_DB;
  }
}

/**
 * Noise floor by minimum statistics: the quietest frame level in the last
 * `windowMs`. Stationary noise sits near its own minimum, so it never rises
 * far above the floor; speech has gaps between syllables that pull the floor
 * down to whatever is under it. Adapts to a new noise level within `windowMs`.
 */
export class NoiseFloorTracker {
  private readonly framesPerBlock: number;
  private readonly blocks: number[] = [];
  private readonly maxBlocks: number;
  private blockMin = Number.POSITIVE_INFINITY;
  private framesInBlock = 0;

  constructor(frameMs: number, blockMs: number, windowMs: number) {
    this.framesPerBlock = Math.max(1, Math.round(blockMs / frameMs));
    this.maxBlocks = Math.max(1, Math.round(windowMs / blockMs));
  }

  /** Add one frame's level (dBFS) and return the floor including it. */
  update(levelDb: number): number {
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

  floor(): number {
    let min = this.blockMin;
    for (const value of this.blocks) if (value < min) min = value;
    return min;
  }
}

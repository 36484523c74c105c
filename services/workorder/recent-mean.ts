/**
 * The mean of the last `size` values: the admission's time between places
 * coming free and the pool's connection hold time. Not an exponential
 * average: with group commits those values come in bursts (many near 0, then
 * one as long as a commit), and an average weighting the newest by a fifth
 * jumped with each long one, forecasting waits several times too long and
 * refusing requests that would have made it.
 */
export class RecentMean {
  private readonly values: Float64Array;
  private next = 0;
  private count = 0;
  private sum = 0;

  constructor(size = 64) {
    this.values = new Float64Array(Math.max(1, size));
  }

  add(value: number): void {
    if (this.count === this.values.length) this.sum -= this.values[this.next]!;
    else this.count += 1;
    this.values[this.next] = value;
    this.sum += value;
    this.next = (this.next + 1) % this.values.length;
  }

  /** Null before any value. */
  get mean(): number | null {
    return this.count === 0 ? null : Math.max(0, this.sum / this.count);
  }
}

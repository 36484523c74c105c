/**
 * Group commit: callers `add` items one at a time; one `run` is in flight at
 * a time and takes everything queued meanwhile (at most `maxBatch`), so under
 * load many items share one transaction (one lock hold, one commit, one
 * connection) and an idle queue runs a lone item at once, with no timer.
 * `run` answers one result per item, in order; when it throws, every item of
 * that batch is rejected with the error and the next batch still runs.
 */
export class GroupCommit<T, R> {
  private queue: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly maxBatch: number,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  /** Items waiting for the next batch. */
  get waiting(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const results = await this.run(batch.map((entry) => entry.item));
          if (results.length !== batch.length) throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
          batch.forEach((entry, i) => entry.resolve(results[i] as R));
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

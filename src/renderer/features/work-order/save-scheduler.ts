export interface SaveSchedulerOptions {
  /** Save this long after the last edit… */
  quietMs: number;
  /** …but never later than this after the first unsaved edit (continuous typing). */
  maxDelayMs: number;
}

export const DRAFT_SAVE_TIMING: SaveSchedulerOptions = { quietMs: 200, maxDelayMs: 300 };

/**
 * Decides when to save while someone types: throttle with a trailing save.
 * A pure debounce would never save during continuous typing; with maxDelayMs
 * no edit waits longer than that. Saves run one at a time in order, so a
 * slow reply can never let an older save land after a newer one.
 *
 * `save` must read the latest edits when it runs (not when it was scheduled).
 */
export class SaveScheduler {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstEditAt: number | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly save: () => Promise<void>,
    private readonly options: SaveSchedulerOptions = DRAFT_SAVE_TIMING,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** An edit happened. */
  touch(): void {
    const now = this.now();
    this.firstEditAt ??= now;
    const due = Math.min(now + this.options.quietMs, this.firstEditAt + this.options.maxDelayMs);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), Math.max(0, due - now));
  }

  get hasPending(): boolean {
    return this.timer !== null;
  }

  /** Saves pending edits now; resolves when they and any save in flight are done. */
  flush(): Promise<void> {
    if (this.timer) this.fire();
    return this.chain;
  }

  /** Forgets pending edits (the draft was closed). A save in flight still finishes. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.firstEditAt = null;
  }

  private fire(): void {
    this.cancel();
    // Errors are the save function's business (it shows them); the chain must go on.
    this.chain = this.chain.then(this.save).catch(() => undefined);
  }
}

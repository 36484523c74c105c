/**
 * One polling loop for the desk's background talks with the centre (reference
 * data, dispatch outcomes): a round at a time, `runNow` joins the round in
 * flight instead of starting a second, and the next round is timed from the
 * end of the last one by the caller's rule (poll interval or backoff). Timers
 * are unref'd so a loop never keeps main alive.
 */
export class PollLoop<R> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<R> | null = null;
  private closed = false;

  constructor(
    private readonly round: () => Promise<R>,
    /** Milliseconds to wait after a round that ended this way. */
    private readonly nextDelay: (round: R) => number,
    /** Rounds report their failures as values; a round that throws anyway is retried after this, never in a tight loop. */
    private readonly afterThrowMs = 30_000,
  ) {}

  start(): void {
    this.schedule(0);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs a round now, or joins the one running. */
  runNow(): Promise<R> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runNow().then(
        (round) => this.schedule(this.nextDelay(round)),
        () => this.schedule(this.afterThrowMs),
      );
    }, ms);
    this.timer.unref?.();
  }
}

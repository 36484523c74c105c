import { HttpError } from './http';

export interface AdmissionOptions {
  /** Requests inside the store at once; more wait in line (default 32). */
  maxInFlight?: number;
  /** Longest line; the next one is turned away at once (default 256). */
  maxQueue?: number;
  /** Longest wait in line before a 503 (default 1000 ms): a saturated service says so within about a second. */
  maxWaitMs?: number;
  /**
   * Event-loop lag above which new requests are turned away, once it held for
   * LAG_TICKS measurements in a row (a GC pause or a descheduled process is not
   * saturation); default 500 ms, 0 turns the check off.
   */
  maxLagMs?: number;
  /** Retry-After of a 503, seconds (default 2); the desk adds jitter. */
  retryAfterS?: number;
}

/** Lag measurements in a row above the bound before requests are turned away. */
const LAG_TICKS = 3;

interface Waiter {
  admit: () => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Back-pressure: a bounded number of requests in the store, a bounded line
 * with a bounded wait, and a lag check for the one event loop (SQLite runs on
 * it, so a long line shows up as lag, not as requests in flight). What does
 * not get in within the bound is answered 503 with Retry-After, early and
 * cheaply, instead of timing out at the desk after the work was done.
 */
export class Admission {
  private readonly maxInFlight: number;
  private readonly maxQueue: number;
  private readonly maxWaitMs: number;
  private readonly maxLagMs: number;
  readonly retryAfterS: number;
  private inFlight = 0;
  private readonly line: Waiter[] = [];
  private lag = 0;
  /** Measurements in a row above maxLagMs. */
  private lagged = 0;
  private readonly lagTimer: ReturnType<typeof setInterval> | null;
  /** Requests turned away since start (for the log and the bench). */
  shed = 0;

  constructor(options: AdmissionOptions = {}) {
    this.maxInFlight = options.maxInFlight ?? 32;
    this.maxQueue = options.maxQueue ?? 256;
    this.maxWaitMs = options.maxWaitMs ?? 1_000;
    this.maxLagMs = options.maxLagMs ?? 500;
    this.retryAfterS = options.retryAfterS ?? 2;
    this.lagTimer = this.maxLagMs > 0 ? this.watchLag() : null;
  }

  /** The event loop's current lag estimate (ms): how late a 100 ms timer fired last. */
  get loopLagMs(): number {
    return this.lag;
  }

  get waiting(): number {
    return this.line.length;
  }

  /**
   * Waits for a place in the store, at most maxWaitMs and never past
   * `deadline` (epoch ms); throws a 503 HttpError when it cannot get one.
   * The returned function gives the place back (call it once).
   */
  async enter(deadline: number): Promise<() => void> {
    if (this.maxLagMs > 0 && this.lagged >= LAG_TICKS) throw this.busy('The service is saturated; retry after the pause it asks for.');
    if (this.inFlight < this.maxInFlight && this.line.length === 0) return this.take();
    if (this.line.length >= this.maxQueue) throw this.busy('The service is saturated; retry after the pause it asks for.');
    const waitMs = Math.min(this.maxWaitMs, deadline - Date.now());
    if (waitMs <= 0) throw this.busy('The request would wait past its deadline.');
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const index = this.line.indexOf(waiter);
          if (index >= 0) this.line.splice(index, 1);
          reject(this.busy('The service is saturated; retry after the pause it asks for.'));
        }, waitMs),
      };
      this.line.push(waiter);
    });
    // The place was handed over by release(): inFlight already counts it.
    return this.once();
  }

  close(): void {
    if (this.lagTimer) clearInterval(this.lagTimer);
  }

  private take(): () => void {
    this.inFlight += 1;
    return this.once();
  }

  private once(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.line.shift();
      if (next) next.admit();
      else this.inFlight -= 1;
    };
  }

  private busy(message: string): HttpError {
    this.shed += 1;
    return new HttpError(503, 'busy', message, {}, { 'retry-after': String(this.retryAfterS) });
  }

  private watchLag(): ReturnType<typeof setInterval> {
    const period = 100;
    let expected = performance.now() + period;
    const timer = setInterval(() => {
      const now = performance.now();
      this.lag = Math.max(0, now - expected);
      this.lagged = this.lag > this.maxLagMs ? this.lagged + 1 : 0;
      expected = now + period;
    }, period);
    timer.unref();
    return timer;
  }
}

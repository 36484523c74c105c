import { HttpError } from './http';
import { RecentMean } from './recent-mean';

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
  /**
   * Retry-After of a 503, seconds; default 2. The desk waits it plus up to as much again. A
   * Retry-After forecast from the measured pace drained the storm of 2,000 desks 2x slower
   * (docs/benchmarks.md, 2026-12-03): the pace while the loop refuses a storm is slower than once the
   * desks come back spread out, so it told them to wait too long.
   */
  retryAfterS?: number;
  /**
   * Longest a request may have waited before the service read it (known from
   * its stated deadline) and still be let in; default 1 s (as the line). In a storm that
   * wait is the kernel's accept queue, drained one connection per turn of the
   * loop: turning those away at once is what gets the 503 to a desk within
   * about a second, while it still waits.
   */
  maxUnreadMs?: number;
  /**
   * Admitted requests that begin their work in one turn of the event loop
   * (default: all). A store whose work is synchronous (SQLite) sets 1: Node
   * accepts one new connection per listening socket per turn, so a turn that
   * ran a dozen commits would leave a storm's connections unread in the
   * kernel's queue for seconds, where no 503 can reach them.
   */
  startsPerTurn?: number;
  /**
   * While connections keep being accepted (a storm's backlog in the kernel),
   * requests begin their work at most once this many ms (default 0: no such
   * wait). With synchronous work each start is a turn that lasts a commit; in
   * between, the loop only accepts, reads and answers 503s, so every desk of a
   * storm is read, and refused if need be, within about a second.
   */
  readFirstMs?: number;
  /**
   * Refuse at once a request whose forecast wait in line (places ahead of it ×
   * the measured time between places coming free) is longer than the time it
   * has left (default true). Without it a request waits out its whole bound in
   * line before its 503, and a storm's refused desks learn it only after that.
   */
  forecast?: boolean;
  /** Monotonic ms for the measured pace (default performance.now; tests drive it). */
  clock?: () => number;
}

const LINE_WILL_NOT_CLEAR = 'The line ahead will not clear in the time this request has left; retry after the pause it asks for.';

/** Lag measurements in a row above the bound before requests are turned away. */
const LAG_TICKS = 3;
/** Intervals between places coming free averaged for the pace (recent-mean.ts says why not a smoothed one). */
const PACE_INTERVALS = 64;

interface Waiter {
  admit: () => void;
  /** Answers it 503 now (taken out of the line by the caller). */
  refuse: () => void;
  timer: ReturnType<typeof setTimeout>;
  /** When its wait runs out, on the admission's clock. */
  until: number;
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
  private readonly maxUnreadMs: number;
  private readonly startsPerTurn: number;
  private readonly readFirstMs: number;
  private readonly forecast: boolean;
  private readonly clock: () => number;
  readonly retryAfterS: number;
  private inFlight = 0;
  private readonly line: Waiter[] = [];
  /** Admitted requests waiting for their turn to begin, oldest first. */
  private readonly starting: (() => void)[] = [];
  private startScheduled = false;
  /** Connections accepted since the last check phase (see readFirstMs). */
  private accepted = 0;
  /** When requests last began their work (performance.now()). */
  private lastStartAt = 0;
  private lag = 0;
  /**
   * Smoothed ms between places coming free while requests wait for them: the
   * store's pace when saturated, whatever its kind (a pool of connections, one
   * synchronous SQLite). Null until measured.
   */
  private readonly intervals = new RecentMean(PACE_INTERVALS);
  /** When a place last went to a waiting request (null once the line ran dry). */
  private lastHandoverAt: number | null = null;
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
    this.maxUnreadMs = options.maxUnreadMs ?? 1_000;
    this.startsPerTurn = Math.max(1, options.startsPerTurn ?? Number.POSITIVE_INFINITY);
    this.readFirstMs = Math.max(0, options.readFirstMs ?? 0);
    this.forecast = options.forecast ?? true;
    this.clock = options.clock ?? (() => performance.now());
    this.lagTimer = this.maxLagMs > 0 ? this.watchLag() : null;
  }

  /** The event loop's current lag estimate (ms): how late a 100 ms timer fired last. */
  get loopLagMs(): number {
    return this.lag;
  }

  /** A connection was accepted (call from the server's 'connection' event). */
  noteConnection(): void {
    this.accepted += 1;
  }

  get waiting(): number {
    return this.line.length;
  }

  /**
   * How long a request joining the line now is expected to wait (ms); null
   * unless places are being handed over to waiting requests now (a run of
   * saturation) with a measured pace: a line that just formed in steady
   * traffic waits on its own bound, not on a pace measured in another run.
   */
  get forecastWaitMs(): number | null {
    const pace = this.intervals.mean;
    return pace === null || this.lastHandoverAt === null ? null : (this.line.length + 1) * pace;
  }

  /**
   * Waits for a place in the store, at most maxWaitMs and never past
   * `deadline` (epoch ms); throws a 503 HttpError when it cannot get one.
   * `waitedMs`: how long the request already waited before it was read; one
   * that waited longer than maxUnreadMs unseen (a storm's accept queue) is
   * turned away at once, while its desk still waits.
   * The returned function gives the place back (call it once).
   */
  async enter(deadline: number, waitedMs = 0): Promise<() => void> {
    if (this.maxLagMs > 0 && this.lagged >= LAG_TICKS) throw this.busy('The service is saturated; retry after the pause it asks for.');
    if (waitedMs > this.maxUnreadMs) throw this.busy('The request waited too long to be read; the service is saturated, retry after the pause it asks for.');
    if (deadline <= Date.now()) throw this.busy('The request reached the service after its deadline; nothing was done.');
    if (this.inFlight < this.maxInFlight && this.line.length === 0) return this.afterThisTurn(this.take());
    if (this.line.length >= this.maxQueue) throw this.busy('The service is saturated; retry after the pause it asks for.');
    // The wait unread counts: a request is let in or refused within about maxWaitMs of being sent.
    const waitMs = Math.min(this.maxWaitMs - waitedMs, deadline - Date.now());
    if (waitMs <= 0) throw this.busy('The request would wait past its deadline.');
    // Told now rather than after waiting out the bound: the line ahead will not clear in the time left.
    const expected = this.forecast ? this.forecastWaitMs : null;
    if (expected !== null && expected > waitMs) throw this.busy(LINE_WILL_NOT_CLEAR);
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        refuse: () => {
          clearTimeout(waiter.timer);
          reject(this.busy(LINE_WILL_NOT_CLEAR));
        },
        timer: setTimeout(() => {
          const index = this.line.indexOf(waiter);
          if (index >= 0) this.line.splice(index, 1);
          reject(this.busy('The service is saturated; retry after the pause it asks for.'));
        }, waitMs),
        until: this.clock() + waitMs,
      };
      this.line.push(waiter);
    });
    // The place was handed over by release(): inFlight already counts it.
    return this.afterThisTurn(this.once());
  }

  /**
   * Hands the place over on the loop's next turn, not now, and at most
   * startsPerTurn places a turn. SQLite's work is synchronous: run at once,
   * each request read in this turn would do its whole work (and commit) before
   * the next one was even counted, so in a storm the line never looked long,
   * nothing was turned away and the last requests read waited seconds unseen.
   * Deferred, every request read in this turn is counted first (the excess
   * answered 503 at once); paced, a turn runs one commit, not a dozen, before
   * the loop accepts and reads again.
   */
  private afterThisTurn(release: () => void): Promise<() => void> {
    return new Promise((resolve) => {
      this.starting.push(() => resolve(release));
      this.scheduleStarts();
    });
  }

  /** One check phase of the loop begins up to startsPerTurn requests; the rest wait for the next turn. */
  private scheduleStarts(): void {
    if (this.startScheduled) return;
    this.startScheduled = true;
    setImmediate(() => {
      this.startScheduled = false;
      const accepting = this.accepted > 0;
      this.accepted = 0;
      const now = performance.now();
      // Connections still coming in: read them first, unless work has waited readFirstMs already.
      if (accepting && this.readFirstMs > 0 && now - this.lastStartAt < this.readFirstMs) {
        this.scheduleStarts();
        return;
      }
      this.lastStartAt = now;
      // Each resolved request runs its synchronous work in this turn's microtasks, after this callback.
      for (let started = 0; started < this.startsPerTurn && this.starting.length > 0; started += 1) this.starting.shift()?.();
      if (this.starting.length > 0) this.scheduleStarts();
    });
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
      if (next) {
        this.measurePace();
        next.admit();
        this.refuseHopeless();
      } else {
        this.inFlight -= 1;
        this.lastHandoverAt = null;
      }
    };
  }

  /**
   * At each handover the pace is known better than when the line was joined: a request whose places ahead × the
   * pace are now longer than its time left is answered 503 now, not when its bound runs out. On PostgreSQL in the
   * storm 5 % of the refused waited out the whole second in line (docs/benchmarks.md, 2026-12-04).
   */
  private refuseHopeless(): void {
    const pace = this.forecast ? this.intervals.mean : null;
    if (pace === null || this.line.length === 0) return;
    const now = this.clock();
    let ahead = 0;
    for (const waiter of [...this.line]) {
      if ((ahead + 1) * pace <= waiter.until - now) {
        ahead += 1;
        continue;
      }
      this.line.splice(this.line.indexOf(waiter), 1);
      waiter.refuse();
    }
  }

  /** One more interval between places coming free while the line was not empty. */
  private measurePace(): void {
    const now = this.clock();
    if (this.lastHandoverAt !== null) {
      const interval = now - this.lastHandoverAt;
      this.intervals.add(interval);
    }
    this.lastHandoverAt = now;
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

import type { Pool, PoolClient } from 'pg';
import { RecentMean } from '../../recent-mean';
import { DeadlinePassedError, StoreBusyError } from '../store';

/** Holds averaged for the forecast: about two rounds of a pool of 32. */
const HOLDS_AVERAGED = 64;

/**
 * The pool's connections for requests with a deadline: the wait for one is
 * bounded by what is left of the request's time (and by the pool's own wait),
 * and a request whose forecast wait in the pool's queue (requests queued ahead
 * of it × the mean hold time ÷ connections) is longer than that is refused
 * at once, so a saturated service answers 503 without the request sitting out
 * its time first.
 */
export class PoolGate {
  /** Mean ms a connection is held (connect to release) over the last holds; null until one came back. */
  private readonly holds = new RecentMean(HOLDS_AVERAGED);
  private readonly takenAt = new WeakMap<PoolClient, number>();

  private readonly connections: number;
  private readonly maxWaitMs: number;
  private readonly forecast: boolean;

  constructor(
    private readonly pool: Pool,
    options: { connections: number; maxWaitMs: number; forecast: boolean },
    private readonly asBusy: (error: unknown) => unknown,
  ) {
    this.connections = options.connections;
    this.maxWaitMs = options.maxWaitMs;
    this.forecast = options.forecast;
  }

  /** Forecast wait (ms) for a connection asked for now, or null before a hold was measured. */
  forecastMs(): number | null {
    const holdMs = this.holds.mean;
    if (holdMs === null) return null;
    if (this.pool.idleCount > 0 || this.pool.totalCount < this.connections) return 0;
    return ((this.pool.waitingCount + 1) * holdMs) / this.connections;
  }

  async connect(deadline?: number): Promise<PoolClient> {
    const left = deadline === undefined ? Number.POSITIVE_INFINITY : deadline - Date.now();
    if (left <= 0) throw new DeadlinePassedError();
    const bound = Math.min(left, this.maxWaitMs);
    const forecast = this.forecast ? this.forecastMs() : null;
    if (forecast !== null && forecast > bound) throw new StoreBusyError('The database connections are taken for longer than this request has left.');
    const asked = this.pool.connect();
    let client: PoolClient;
    if (bound >= this.maxWaitMs) {
      // The pool's own connectionTimeoutMillis is the bound.
      try {
        client = await asked;
      } catch (error) {
        throw this.asBusy(error);
      }
    } else {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), bound);
      });
      let got: PoolClient | null;
      try {
        got = await Promise.race([asked, late]);
      } catch (error) {
        throw this.asBusy(error);
      } finally {
        clearTimeout(timer);
      }
      if (got === null) {
        // Whenever the connection comes, it goes straight back: this request has gone.
        asked.then((c) => c.release(), () => undefined);
        throw new StoreBusyError('No database connection came free before the request\'s deadline.');
      }
      client = got;
    }
    this.takenAt.set(client, performance.now());
    return client;
  }

  release(client: PoolClient, broken?: Error): void {
    const taken = this.takenAt.get(client);
    if (taken !== undefined) {
      this.holds.add(performance.now() - taken);
      this.takenAt.delete(client);
    }
    client.release(broken);
  }
}

import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Admission, type AdmissionOptions } from './admission';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from './server-limits';
import { openSqliteStore, SqliteWorkOrderStore } from './store/sqlite/sqlite-store';
import { listenOnSockets } from './listen-sockets';
import type { WorkOrderStore } from './store/store';
import type { FloorOptions } from './floor/routes';
import type { MonitorOptions } from './monitor/routes';
import type { RecordingRoutesOptions } from './recordings/recording-routes';
import { DiskBlobs } from './recordings/recording-blobs';
import type { SignInOptions } from './people/sign-in';
import { trackConnections } from './connections';
import { createRequestServer } from './request-server';
import { serviceRoutes } from './routes';

// The service's public face: its options, and starting and closing it. The server around each request
// (deadline, admission, request log, error mapping) is request-server.ts; which path goes where, routes.ts;
// the work orders' handlers, work-order-handlers.ts.
export { BATCH_MAX_ITEMS } from './work-order-handlers';
export { DEFAULT_CLIENT_TIMEOUT_MS, SERVICE_ID_HEADER } from './request-server';

export const DEFAULT_BODY_LIMIT = 256 * 1024;
/** Connections waiting to be accepted (see listen below). */
const LISTEN_BACKLOG = 4096;
/**
 * Admission on SQLite, whose work runs on the event loop: one request's work a
 * turn, a few at once (they run one after another anyway; the rest wait in the
 * line, bounded by its second), and none while a storm's connections are still
 * being accepted, for up to 50 ms at a time (admission.ts).
 */
export const SQLITE_PACING: AdmissionOptions = { startsPerTurn: 1, maxInFlight: 4, readFirstMs: 50 };

export interface WorkOrderServiceOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1; the service speaks plain HTTP, so put TLS in front of it before exposing it. */
  host?: string;
  /** SQLite file (ignored when `store` is given). */
  databasePath?: string;
  /** A ready store (e.g. PostgreSQL); the service closes it on close(). */
  store?: WorkOrderStore;
  /** The centre's department ids; when given, work orders may only name these. */
  departmentIds?: readonly string[];
  bodyLimitBytes?: number;
  /** Body limit of a batch create (default 16 × bodyLimitBytes). */
  batchBodyLimitBytes?: number;
  now?: () => number;
  /**
   * One line per request (method, path without query, status, ms, queueing);
   * never bodies, tokens or phone numbers. Successful change polls are sampled
   * (see request-log.ts).
   */
  log?: (line: string) => void;
  /** Back-pressure bounds (admission.ts); false: admit everything (tests of other things). */
  admission?: AdmissionOptions | false;
  /** Change-feed retention (default: keep 400 days, pruned hourly); false: keep everything. */
  retention?: RetentionOptions | false;
  /** Connection and timeout limits (server-limits.ts). */
  limits?: Partial<ServerLimits>;
  /**
   * Listening sockets on the port (default 1; Linux shares the port between
   * them): a reconnect storm is read that many times faster (listen-sockets.ts).
   */
  listenSockets?: number;
  /** Sign-in: session length and lock-out (people/sign-in.ts). */
  signIn?: Partial<SignInOptions>;
  /** The live floor's stream limits and event retention (floor/routes.ts). */
  floor?: Partial<FloorOptions>;
  /** Monitor grants: how long one stays good (monitor/routes.ts). */
  monitor?: Partial<MonitorOptions>;
  /** Call recordings (recordings/): default, a folder beside the SQLite file; give S3Blobs for object storage. */
  recordings?: RecordingRoutesOptions;
}

export interface RetentionOptions {
  /** Changes older than this many days are deleted (a desk whose cursor is older gets 410 cursor-expired). */
  changesDays: number;
  /** How often to prune (ms). */
  everyMs?: number;
  /** Rows deleted per team per run (bounds the time one run holds the database). */
  maxRowsPerTeam?: number;
}

export const DEFAULT_RETENTION: Required<RetentionOptions> = { changesDays: 400, everyMs: 60 * 60_000, maxRowsPerTeam: 20_000 };

export interface RunningWorkOrderService {
  url: string;
  /** Replaces the department list work orders may name (undefined: any well-formed id), for the next request on. */
  setDepartmentIds(departmentIds: readonly string[] | undefined): void;
  close(): Promise<void>;
}

export async function startWorkOrderService(options: WorkOrderServiceOptions): Promise<RunningWorkOrderService> {
  let store = options.store;
  if (!store) {
    if (!options.databasePath) throw new Error('startWorkOrderService needs databasePath or store');
    store = openSqliteStore(options.databasePath);
  }
  const ready: WorkOrderStore = store;
  const now = options.now ?? monotonicClock();
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  // SQLite's work blocks the loop (a commit lasts an fsync): it is paced so the loop keeps accepting and refusing.
  const admission =
    options.admission === false
      ? null
      : new Admission({
          // A pool's connections are the places: the admission's line, which it can forecast, is the only queue.
          ...(ready instanceof SqliteWorkOrderStore ? SQLITE_PACING : ready.concurrency ? { maxInFlight: ready.concurrency } : {}),
          ...options.admission,
        });
  const serviceId = await ready.serviceId();
  const retention = options.retention === false ? null : { ...DEFAULT_RETENTION, ...options.retention };
  let pruning: Promise<void> | null = null;
  const pruneTimer = retention
    ? setInterval(() => {
        pruning ??= ready
          .pruneChanges(Date.now() - retention.changesDays * 86_400_000, retention.maxRowsPerTeam)
          .then((removed) => {
            if (removed > 0) options.log?.(`retention: ${removed} changes older than ${retention.changesDays} days deleted`);
          })
          .catch((error: unknown) => options.log?.(`retention failed: ${(error as Error)?.message ?? error}`))
          .finally(() => {
            pruning = null;
          });
      }, retention.everyMs)
    : null;
  pruneTimer?.unref();

  const routes = serviceRoutes(ready, now, {
    departmentIds: options.departmentIds,
    bodyLimit,
    batchBodyLimit: options.batchBodyLimitBytes ?? bodyLimit * 16,
    signIn: options.signIn,
    floor: options.floor,
    monitor: options.monitor,
    // Call recordings (issue 13): on this service's disk beside its database by default, in S3-compatible storage when configured.
    recordings:
      options.recordings ??
      (options.databasePath ? { blobs: new DiskBlobs(join(dirname(options.databasePath), 'recordings')), stagingDir: join(dirname(options.databasePath), 'recordings-staging') } : null),
    log: options.log,
  });
  const limits = { ...DEFAULT_SERVER_LIMITS, ...options.limits };
  const server = createRequestServer({ serviceId, admission, limits, log: options.log, router: routes });

  // A centre's desks reconnect together: with Node's default backlog (511) the
  // rest wait in SYN retries (1 s, 3 s, 7 s...) that the service cannot see or
  // shed, and time out at the desk. The kernel caps it at net.core.somaxconn.
  const connections = trackConnections(server);
  const listening = await listenOnSockets(server, {
    port: options.port,
    host: options.host ?? '127.0.0.1',
    backlog: LISTEN_BACKLOG,
    sockets: options.listenSockets ?? 1,
    maxConnections: limits.maxConnections,
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  let routesClosed: Promise<void> = Promise.resolve();
  return {
    url: `http://${host}:${address.port}`,
    setDepartmentIds: (departmentIds) => routes.setDepartmentIds(departmentIds),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        void listening.close();
        // A connection busy when the close began turns idle later and would then hold the close for the
        // whole keep-alive (65 s, server-limits.ts); one a client left half-way through a request is never
        // idle to Node (closeIdleConnections): swept until the server has closed.
        const sweep = setInterval(() => connections.closeIdle(), 50);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
        connections.closeIdle();
        // Open floor streams would hold server.close() forever.
        routesClosed = routes.close();
      }).then(async () => {
        await routesClosed;
        admission?.close();
        if (pruneTimer) clearInterval(pruneTimer);
        await pruning;
        return ready.close();
      });
      return closing;
    },
  };
}

/** Epoch ms that never repeat or go back in this process, so "newest first" has no ties. */
function monotonicClock(): () => number {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return last;
  };
}

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Admission } from './admission';
import { ClientAbortError, HttpError, sendError } from './http';
import { applyServerLimits, serverOptions, type ServerLimits } from './server-limits';
import { requestLogLine, type RequestLogEntry } from './request-log';
import { requestTiming, SERVICE_TIME_HEADER } from './deadline';
import { DeadlinePassedError, StoreBusyError } from './store/store';

/**
 * How long a client waits when it does not say (X-Request-Timeout-Ms): the
 * desk's request timeout. Past it the client has given up, so the work is not done.
 */
export const DEFAULT_CLIENT_TIMEOUT_MS = 10_000;
/** The longest deadline a client may ask for. */
const MAX_CLIENT_TIMEOUT_MS = 60_000;
/** Header naming this service's database (the desk keys its change cursor by it). */
export const SERVICE_ID_HEADER = 'workorder-service-id';

/** What answers the requests (routes.ts); the server around it times, admits, logs and maps errors. */
export interface RequestRouter {
  /** Answers a request that is not admitted (the health check, long-lived streams); false: not one of them. */
  unadmitted(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** Answers an admitted request; nothing is committed past `deadline` (epoch ms). */
  admitted(req: IncomingMessage, res: ServerResponse, url: URL, deadline: number): Promise<void>;
}

export interface RequestServerOptions {
  serviceId: string;
  /** null: admit everything. */
  admission: Admission | null;
  limits: ServerLimits;
  /** One line per request (request-log.ts) and the failures no answer tells of. */
  log?: (line: string) => void;
  router: RequestRouter;
}

/**
 * The HTTP server (not yet listening): each request's deadline and admission,
 * its line in the request log, and a thrown error turned into its answer.
 */
export function createRequestServer({ serviceId, admission, limits, log, router }: RequestServerOptions): Server {
  let logged = 0;
  // When each connection was accepted: the first request on a new connection was
  // sent about then, so the time until it got its turn is known (in a storm, most
  // of the wait), not only the loop's lag.
  const acceptedAt = new WeakMap<Socket, number>();
  const server = createServer(serverOptions(limits), (req, res) => {
    const started = performance.now();
    const accepted = acceptedAt.get(req.socket);
    acceptedAt.delete(req.socket);
    // How long this request sat unread before its turn: since its connection was
    // accepted (a first request), else at least the loop's lag.
    const lagMs = Math.max(admission?.loopLagMs ?? 0, accepted === undefined ? 0 : started - accepted);
    const timing = { admittedAt: started, unreadMs: 0 };
    res.setHeader(SERVICE_ID_HEADER, serviceId);
    res.setHeader(SERVICE_TIME_HEADER, String(Date.now()));
    res.on('finish', () => {
      if (!log) return;
      const entry: RequestLogEntry = {
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0] ?? '',
        status: res.statusCode,
        ms: performance.now() - started,
        queueMs: timing.admittedAt - started,
        lagMs,
        unreadMs: timing.unreadMs,
      };
      const line = requestLogLine(entry, (logged += 1));
      if (line !== null) log(line);
    });
    handle(req, res, lagMs, timing).catch((error: unknown) => {
      if (error instanceof DeadlinePassedError || error instanceof StoreBusyError) {
        error = new HttpError(503, 'busy', `${error.message} Retry after the pause this answer asks for.`, {}, {
          // The same pause as the admission's own 503s.
          'retry-after': String(admission?.retryAfterS ?? 2),
        });
      }
      if (error instanceof HttpError) {
        if (!res.headersSent) sendError(res, error);
        return;
      }
      if (error instanceof ClientAbortError) {
        // The client went away mid-body: nothing failed here and no one is left to answer.
        log?.(`client aborted: ${req.method ?? ''} ${(req.url ?? '').split('?')[0] ?? ''} after ${error.bytesRead} bytes`);
        res.destroy();
        return;
      }
      log?.(`internal error: ${(error as Error)?.stack ?? String(error)}`);
      if (!res.headersSent) sendError(res, new HttpError(500, 'internal', 'The service failed; nothing was changed.'));
      else res.destroy();
    });
  });
  applyServerLimits(server, limits);
  server.on('connection', (socket: Socket) => {
    acceptedAt.set(socket, performance.now());
    admission?.noteConnection();
  });

  async function handle(req: IncomingMessage, res: ServerResponse, lagMs: number, timing: { admittedAt: number; unreadMs: number }): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://service.invalid');
    if (await router.unadmitted(req, res, url)) return;
    // The time the request already sat in the loop counts against its deadline.
    const { deadline, waitedMs } = requestTiming(req, { now: Date.now(), lagMs, timeoutMs: clientTimeoutMs(req) });
    timing.unreadMs = waitedMs;
    const release = admission ? await admission.enter(deadline, waitedMs) : () => undefined;
    timing.admittedAt = performance.now();
    try {
      await router.admitted(req, res, url, deadline);
    } finally {
      release();
    }
  }

  return server;
}

/** X-Request-Timeout-Ms: how long the client waits for this answer (the desk sends its timeout). */
function clientTimeoutMs(req: IncomingMessage): number {
  const raw = req.headers['x-request-timeout-ms'];
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw.trim())) return DEFAULT_CLIENT_TIMEOUT_MS;
  return Math.min(Number(raw.trim()), MAX_CLIENT_TIMEOUT_MS);
}

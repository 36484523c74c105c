import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';
import {
  ChangeStatusRequestSchema,
  IdempotencyKeySchema,
  WorkOrderIdSchema,
  normalizePhone,
  workOrderSubmitSchema,
} from '../../src/shared/domain/work-order';
import type { ChangesPage, WorkOrderDraft, WorkOrderRecord } from '../../src/shared/domain/work-order';
import { Admission, type AdmissionOptions } from './admission';
import { ClientAbortError, HttpError, readJsonBody, sendError, sendJson } from './http';
import { applyServerLimits, DEFAULT_SERVER_LIMITS, serverOptions, type ServerLimits } from './server-limits';
import { requestLogLine, type RequestLogEntry } from './request-log';
import { requestTiming, SERVICE_TIME_HEADER } from './deadline';
import { openSqliteStore, SqliteWorkOrderStore } from './store/sqlite/sqlite-store';
import { listenOnSockets } from './listen-sockets';
import { DeadlinePassedError, StoreBusyError } from './store/store';
import type { NewWorkOrder, Principal, WorkOrderStore } from './store/store';
import { authenticateBearer } from './people/bearer';
import { peopleRoutes } from './people/routes';
import { floorService, type FloorOptions } from './floor/routes';
import { referenceRoutes } from './reference/routes';
import { monitorRoutes, type MonitorOptions } from './monitor/routes';
import { dispatchRoutes } from './dispatch/routes';
import { reviewRoutes } from './reviews/routes';
import { practiceRoutes } from './practice/routes';
import { recordingRoutes, type RecordingRoutesOptions } from './recordings/recording-routes';
import { DiskBlobs } from './recordings/recording-blobs';
import { REFERENCE_DATASETS } from './reference/datasets';
import type { SignInOptions } from './people/sign-in';
import { trackConnections } from './connections';

export const DEFAULT_BODY_LIMIT = 256 * 1024;
/** Most work orders one `POST /v1/work-orders:batch` may carry. */
export const BATCH_MAX_ITEMS = 100;
const HISTORY_LIMIT = { default: 20, max: 100 };
const CHANGES_LIMIT = { default: 100, max: 500 };
/**
 * How long a client waits when it does not say (X-Request-Timeout-Ms): the
 * desk's request timeout. Past it the client has given up, so the work is not done.
 */
export const DEFAULT_CLIENT_TIMEOUT_MS = 10_000;
/** The longest deadline a client may ask for. */
const MAX_CLIENT_TIMEOUT_MS = 60_000;
/** Connections waiting to be accepted (see listen below). */
const LISTEN_BACKLOG = 4096;
/**
 * Admission on SQLite, whose work runs on the event loop: one request's work a
 * turn, a few at once (they run one after another anyway; the rest wait in the
 * line, bounded by its second), and none while a storm's connections are still
 * being accepted, for up to 50 ms at a time (admission.ts).
 */
export const SQLITE_PACING: AdmissionOptions = { startsPerTurn: 1, maxInFlight: 4, readFirstMs: 50 };
/** Header naming this service's database (the desk keys its change cursor by it). */
export const SERVICE_ID_HEADER = 'workorder-service-id';

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

interface Context {
  store: WorkOrderStore;
  principal: Principal;
  /** Epoch ms after which the client has given up (nothing is committed past it). */
  deadline: number;
  now: () => number;
  bodyLimit: number;
  batchBodyLimit: number;
  createSchema: z.ZodType<{ fields: WorkOrderDraft }>;
}

type Handler = (ctx: Context, req: IncomingMessage, res: ServerResponse, params: string[], query: URLSearchParams) => Promise<void>;

export async function startWorkOrderService(options: WorkOrderServiceOptions): Promise<RunningWorkOrderService> {
  let store = options.store;
  if (!store) {
    if (!options.databasePath) throw new Error('startWorkOrderService needs databasePath or store');
    store = openSqliteStore(options.databasePath);
  }
  const ready: WorkOrderStore = store;
  const now = options.now ?? monotonicClock();
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const batchBodyLimit = options.batchBodyLimitBytes ?? bodyLimit * 16;
  // The same body for create and update; the idempotency key and version travel in headers.
  const schemaFor = (departmentIds: readonly string[] | undefined) =>
    z.object({ fields: workOrderSubmitSchema(departmentIds ? [...departmentIds] : undefined) }).strict();
  let requestSchema = schemaFor(options.departmentIds);
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
  let logged = 0;
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

  const people = peopleRoutes(ready, now, options.signIn);
  const floor = floorService(ready, now, options.floor, options.log);
  const reference = referenceRoutes(ready, now, REFERENCE_DATASETS);
  const monitor = monitorRoutes(ready, now, options.monitor);
  const dispatch = dispatchRoutes(ready, now);
  const reviews = reviewRoutes(ready, now);
  const practice = practiceRoutes(ready, now);
  // Call recordings (issue 13): on this service's disk beside its database by default, in S3-compatible storage when configured.
  const recordingsAt =
    options.recordings ??
    (options.databasePath ? { blobs: new DiskBlobs(join(dirname(options.databasePath), 'recordings')), stagingDir: join(dirname(options.databasePath), 'recordings-staging') } : null);
  const recordings = recordingsAt ? recordingRoutes(ready, now, recordingsAt, options.log) : null;
  const limits = { ...DEFAULT_SERVER_LIMITS, ...options.limits };
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
      if (!options.log) return;
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
      if (line !== null) options.log(line);
    });
    handle(req, res, lagMs, timing).catch((error: unknown) => {
      if (error instanceof DeadlinePassedError || error instanceof StoreBusyError) {
        error = new HttpError(503, 'busy', `${error.message} Retry after the pause this answer asks for.`, {}, {
          // A place in the admission's order of refusals, as for its own 503s.
          'retry-after': String(admission?.retryAfterForRefusal() ?? 2),
        });
      }
      if (error instanceof HttpError) {
        if (!res.headersSent) sendError(res, error);
        return;
      }
      if (error instanceof ClientAbortError) {
        // The client went away mid-body: nothing failed here and no one is left to answer.
        options.log?.(`client aborted: ${req.method ?? ''} ${(req.url ?? '').split('?')[0] ?? ''} after ${error.bytesRead} bytes`);
        res.destroy();
        return;
      }
      options.log?.(`internal error: ${(error as Error)?.stack ?? String(error)}`);
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
    if (url.pathname === '/healthz') {
      if (req.method !== 'GET') throw methodNotAllowed(['GET']);
      await ready.ping();
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    // The floor's event stream stays open: it is bounded by its own limit, not by admission.
    if (await floor.stream(req, res, url.pathname)) return;
    // The time the request already sat in the loop counts against its deadline.
    const { deadline, waitedMs } = requestTiming(req, { now: Date.now(), lagMs, timeoutMs: clientTimeoutMs(req) });
    timing.unreadMs = waitedMs;
    const release = admission ? await admission.enter(deadline, waitedMs) : () => undefined;
    timing.admittedAt = performance.now();
    try {
      // Sign-in, the signed-in person's view, people and teams (people/routes.ts).
      if (await people(req, res, url.pathname)) return;
      if (await floor.routes(req, res, url.pathname)) return;
      // Centre reference data for desks (reference/routes.ts).
      if (await reference(req, res, url.pathname, url.searchParams)) return;
      // Listen / whisper / barge / take over grants and their log (monitor/routes.ts).
      if (await monitor(req, res, url.pathname, url.searchParams)) return;
      // The dispatch catalogue, suggestions' records, outcomes and accuracy (dispatch/routes.ts).
      if (await dispatch(req, res, url.pathname, url.searchParams)) return;
      // Trainees' practice results and the trainer's overview (practice/routes.ts).
      if (await practice(req, res, url.pathname, url.searchParams)) return;
      // The centre's call list, playback log, shared reviews, scorecard templates (reviews/routes.ts).
      if (await reviews(req, res, url.pathname, url.searchParams)) return;
      // Call recordings: resumable upload, playback by role (recordings/recording-routes.ts).
      if (recordings && (await recordings(req, res, url.pathname, url.searchParams))) return;
      const principal = await authenticateBearer(ready, req, now());
      for (const route of ROUTES) {
        const match = route.path.exec(url.pathname);
        if (!match) continue;
        const handler = route.methods[req.method ?? ''];
        if (!handler) throw methodNotAllowed(Object.keys(route.methods));
        await handler(
          { store: ready, principal, deadline, now, bodyLimit, batchBodyLimit, createSchema: requestSchema },
          req,
          res,
          match.slice(1).map(decodePart),
          url.searchParams,
        );
        return;
      }
      throw new HttpError(404, 'not-found', 'No such resource.');
    } finally {
      release();
    }
  }

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
  let floorClosed: Promise<void> = Promise.resolve();
  return {
    url: `http://${host}:${address.port}`,
    setDepartmentIds: (departmentIds) => {
      requestSchema = schemaFor(departmentIds);
    },
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
        floorClosed = floor.close();
      }).then(async () => {
        await floorClosed;
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

/** X-Request-Timeout-Ms: how long the client waits for this answer (the desk sends its timeout). */
function clientTimeoutMs(req: IncomingMessage): number {
  const raw = req.headers['x-request-timeout-ms'];
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw.trim())) return DEFAULT_CLIENT_TIMEOUT_MS;
  return Math.min(Number(raw.trim()), MAX_CLIENT_TIMEOUT_MS);
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}

function methodNotAllowed(allowed: string[]): HttpError {
  return new HttpError(405, 'method-not-allowed', `Use ${allowed.join(', ')}.`, {}, { allow: allowed.join(', ') });
}

function issuesOf(error: z.ZodError): { path: string; message: string; code: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code }));
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new HttpError(422, 'invalid-payload', 'The body does not match the schema; nothing was changed.', { issues: issuesOf(result.error) });
}

function recordHeaders(record: WorkOrderRecord): Record<string, string> {
  return { etag: `"${record.version}"` };
}

/** `If-Match: "3"` (or 3); null when absent. Only one exact version, no lists or `*`. */
function ifMatchVersion(req: IncomingMessage): number | null {
  const header = req.headers['if-match'];
  if (header === undefined) return null;
  const match = /^\s*(?:W\/)?"?([1-9]\d{0,14})"?\s*$/.exec(header);
  if (!match?.[1]) throw new HttpError(400, 'invalid-if-match', 'If-Match must be the version from the ETag, e.g. "3".');
  return Number(match[1]);
}

function workOrderId(params: string[]): string {
  const id = params[0] ?? '';
  // An id that cannot exist is answered like one that belongs to another team.
  if (!WorkOrderIdSchema.safeParse(id).success) throw notFound();
  return id;
}

const notFound = () => new HttpError(404, 'not-found', 'No such work order.');

function intParam(query: URLSearchParams, name: string, limits: { default: number; max: number }): number {
  const raw = query.get(name);
  if (raw === null) return limits.default;
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw new HttpError(400, 'invalid-query', `${name} must be a positive integer.`);
  return Math.min(Number(raw), limits.max);
}

/** The canonical request: the parsed body (schema key order), so formatting does not matter. */
function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

const createWorkOrder: Handler = async (ctx, req, res) => {
  const rawKey = req.headers['idempotency-key'];
  if (rawKey === undefined || rawKey === '') {
    await readJsonBody(req, ctx.bodyLimit).catch(() => undefined);
    throw new HttpError(400, 'missing-idempotency-key', 'Send an Idempotency-Key header (a UUID made with the draft).');
  }
  if (Array.isArray(rawKey) || !IdempotencyKeySchema.safeParse(rawKey).success) {
    throw new HttpError(400, 'invalid-idempotency-key', 'The Idempotency-Key must be a UUID.');
  }
  const idempotencyKey = rawKey.toLowerCase();
  const body = parseOrThrow(ctx.createSchema, await readJsonBody(req, ctx.bodyLimit));
  const outcome = await ctx.store.createWorkOrder({
    id: randomUUID(),
    idempotencyKey,
    requestHash: requestHash(body),
    teamId: ctx.principal.teamId,
    agentId: ctx.principal.agentId,
    fields: body.fields,
    at: ctx.now(),
  }, { deadline: ctx.deadline });
  if (outcome.kind === 'key-reused') {
    throw new HttpError(
      422,
      'idempotency-key-reused',
      'This Idempotency-Key was already used with a different body; nothing was changed. Use a new key for a new work order.',
    );
  }
  const headers = { ...recordHeaders(outcome.record), location: `/v1/work-orders/${outcome.record.id}` };
  sendJson(res, 201, outcome.record, outcome.kind === 'replayed' ? { ...headers, 'idempotent-replayed': 'true' } : headers);
};

/** The batch envelope; each item is checked on its own, so one bad item does not sink the others. */
const BatchEnvelopeSchema = z
  .object({
    items: z
      .array(z.unknown())
      .min(1, { error: 'errors.required' })
      .max(BATCH_MAX_ITEMS, { error: `At most ${BATCH_MAX_ITEMS} items per batch.` }),
  })
  .strict();
const BatchItemShapeSchema = z.object({ idempotencyKey: IdempotencyKeySchema, fields: z.unknown() }).strict();

type BatchItemResult =
  | { status: 201; replayed: boolean; workOrder: WorkOrderRecord }
  | { status: 400 | 422; error: { code: string; message: string; issues?: { path: string; message: string; code: string }[] } };

/**
 * `POST /v1/work-orders:batch`: up to BATCH_MAX_ITEMS creates in one
 * transaction (one commit). Every item carries its own idempotency key and gets
 * exactly the answer the single create would give it (created, replayed,
 * rejected with its issues, key reused), in item order, under 200.
 */
const createWorkOrderBatch: Handler = async (ctx, req, res) => {
  const envelope = parseOrThrow(BatchEnvelopeSchema, await readJsonBody(req, ctx.batchBodyLimit));
  const results: (BatchItemResult | null)[] = [];
  const inputs: NewWorkOrder[] = [];
  const slots: number[] = [];
  envelope.items.forEach((raw, index) => {
    const shape = BatchItemShapeSchema.safeParse(raw);
    if (!shape.success) {
      results.push({
        status: 400,
        error: { code: 'invalid-item', message: 'Each item is { idempotencyKey: UUID, fields }.', issues: issuesOf(shape.error) },
      });
      return;
    }
    // The same body a single create sends, so a key first used there replays here and back.
    const body = ctx.createSchema.safeParse({ fields: shape.data.fields });
    if (!body.success) {
      results.push({
        status: 422,
        error: { code: 'invalid-payload', message: 'The item does not match the schema; it was not created.', issues: issuesOf(body.error) },
      });
      return;
    }
    results.push(null);
    slots.push(index);
    inputs.push({
      id: randomUUID(),
      idempotencyKey: shape.data.idempotencyKey.toLowerCase(),
      requestHash: requestHash(body.data),
      teamId: ctx.principal.teamId,
      agentId: ctx.principal.agentId,
      fields: body.data.fields,
      at: ctx.now(),
    });
  });
  const outcomes = inputs.length > 0 ? await ctx.store.createWorkOrders(inputs, { deadline: ctx.deadline }) : [];
  outcomes.forEach((outcome, n) => {
    const index = slots[n] as number;
    results[index] =
      outcome.kind === 'key-reused'
        ? {
            status: 422,
            error: {
              code: 'idempotency-key-reused',
              message: 'This Idempotency-Key was already used with a different body; it was not created. Use a new key for a new work order.',
            },
          }
        : { status: 201, replayed: outcome.kind === 'replayed', workOrder: outcome.record };
  });
  sendJson(res, 200, { results });
};

const getWorkOrder: Handler = async (ctx, _req, res, params) => {
  const record = await ctx.store.getWorkOrder(ctx.principal.teamId, workOrderId(params));
  if (!record) throw notFound();
  sendJson(res, 200, record, recordHeaders(record));
};

const listWorkOrders: Handler = async (ctx, _req, res, _params, query) => {
  const phone = query.get('phone');
  if (phone === null || phone.trim() === '' || phone.length > 64) {
    throw new HttpError(400, 'invalid-query', 'Give the caller number as ?phone=.');
  }
  const limit = intParam(query, 'limit', HISTORY_LIMIT);
  const workOrders = await ctx.store.listByPhone(ctx.principal.teamId, normalizePhone(phone.trim()), limit, { deadline: ctx.deadline });
  sendJson(res, 200, { workOrders });
};

const updateWorkOrder: Handler = async (ctx, req, res, params) => {
  const id = workOrderId(params);
  const expectedVersion = ifMatchVersion(req);
  if (expectedVersion === null) {
    await readJsonBody(req, ctx.bodyLimit).catch(() => undefined);
    throw new HttpError(428, 'if-match-required', 'Send If-Match with the version you edited (the ETag).');
  }
  const body = parseOrThrow(ctx.createSchema, await readJsonBody(req, ctx.bodyLimit));
  const outcome = await ctx.store.updateWorkOrder({
    teamId: ctx.principal.teamId,
    id,
    expectedVersion,
    fields: body.fields,
    agentId: ctx.principal.agentId,
    at: ctx.now(),
  }, { deadline: ctx.deadline });
  switch (outcome.kind) {
    case 'not-found':
      throw notFound();
    case 'conflict':
      throw new HttpError(409, 'version-conflict', 'The work order changed since you read it; here is the current copy.', {
        current: outcome.current,
      });
    case 'closed':
      throw new HttpError(409, 'work-order-closed', 'A closed work order cannot be edited.', { current: outcome.current });
    case 'updated':
      sendJson(res, 200, outcome.record, recordHeaders(outcome.record));
  }
};

const changeStatus: Handler = async (ctx, req, res, params) => {
  const id = workOrderId(params);
  const expectedVersion = ifMatchVersion(req);
  const raw = await readJsonBody(req, ctx.bodyLimit);
  if (ctx.principal.role !== 'centre') {
    throw new HttpError(403, 'forbidden', 'Only centre tokens change a work order status.');
  }
  const body = parseOrThrow(ChangeStatusRequestSchema, raw);
  const outcome = await ctx.store.changeStatus({
    teamId: ctx.principal.teamId,
    id,
    expectedVersion,
    status: body.status,
    note: body.note,
    agentId: ctx.principal.agentId,
    at: ctx.now(),
  }, { deadline: ctx.deadline });
  switch (outcome.kind) {
    case 'not-found':
      throw notFound();
    case 'conflict':
      throw new HttpError(409, 'version-conflict', 'The work order changed since you read it; here is the current copy.', {
        current: outcome.current,
      });
    case 'invalid-transition':
      throw new HttpError(409, 'invalid-transition', `A ${outcome.current.status} work order cannot become ${body.status}.`, {
        current: outcome.current,
      });
    case 'changed':
      sendJson(res, 200, outcome.record, recordHeaders(outcome.record));
  }
};

const listChanges: Handler = async (ctx, _req, res, _params, query) => {
  let since = query.get('since') ?? '0';
  // A new desk needs only what happens from now on (it has no orders of this
  // service yet): 'head' is the team's newest cursor, without reading the year.
  if (since === 'head') since = String(await ctx.store.headCursor(ctx.principal.teamId));
  else if (/^(0|[1-9]\d{0,14})$/.test(since) && Number(since) < (await ctx.store.feedHorizon(ctx.principal.teamId))) {
    // Retention deleted changes after this cursor: the client would miss them without knowing.
    throw new HttpError(410, 'cursor-expired', 'The feed no longer has the changes after this cursor (retention); start again from since=head.');
  }
  if (!/^(0|[1-9]\d{0,14})$/.test(since)) throw new HttpError(400, 'invalid-cursor', 'since must be a cursor from this feed.');
  const limit = intParam(query, 'limit', CHANGES_LIMIT);
  // One extra row tells whether there is more.
  const rows = await ctx.store.listChanges(ctx.principal.teamId, Number(since), limit + 1, { deadline: ctx.deadline });
  const changes = rows.slice(0, limit);
  const page: ChangesPage = { changes, nextCursor: changes.at(-1)?.cursor ?? since, hasMore: rows.length > limit };
  sendJson(res, 200, page);
};

const UUID_PART = '([^/]+)';
const ROUTES: { path: RegExp; methods: Record<string, Handler> }[] = [
  { path: /^\/v1\/work-orders$/, methods: { POST: createWorkOrder, GET: listWorkOrders } },
  { path: /^\/v1\/work-orders:batch$/, methods: { POST: createWorkOrderBatch } },
  { path: new RegExp(`^/v1/work-orders/${UUID_PART}$`), methods: { GET: getWorkOrder, PUT: updateWorkOrder } },
  { path: new RegExp(`^/v1/work-orders/${UUID_PART}/status$`), methods: { POST: changeStatus } },
  { path: /^\/v1\/changes$/, methods: { GET: listChanges } },
];

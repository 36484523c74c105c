import { z } from 'zod';
import { lazySchema } from '../../shared/base/lazy-schema';
import {
  ChangesPageSchema,
  WorkOrderRecordSchema,
  type ChangesPage,
  type WorkOrderDraft,
  type WorkOrderRecord,
} from '../../shared/domain/work-order';
import { ServiceClock } from './service-clock';

/** How a request to the work-order service ended. */
export type ServiceReply<T> =
  | { kind: 'ok'; status: number; value: T; replayed: boolean }
  /** The service answered with an error body (4xx/5xx). `current` is its copy on a 409. */
  | {
      kind: 'http-error';
      status: number;
      code: string;
      message: string;
      issues: { path: string; message: string }[];
      current: WorkOrderRecord | null;
      /** A 503/429's Retry-After, in ms, when the service asked for a pause. */
      retryAfterMs?: number;
    }
  /** No usable answer: refused, reset, timed out, or a body that is not what the API promises. */
  | { kind: 'network'; message: string };

/** One item's answer in a batch create: what the single create would have answered it. */
export type BatchItemReply =
  | { kind: 'ok'; record: WorkOrderRecord; replayed: boolean }
  | { kind: 'http-error'; status: number; code: string; message: string; issues: { path: string; message: string }[] };

const BatchReplySchema = lazySchema(() => z.object({
  results: z.array(
    z.union([
      z.object({ status: z.literal(201), replayed: z.boolean(), workOrder: WorkOrderRecordSchema }),
      z.object({
        status: z.number().int().min(400).max(599),
        error: z.object({
          code: z.string(),
          message: z.string(),
          issues: z.array(z.object({ path: z.string(), message: z.string() }).passthrough()).optional(),
        }),
      }),
    ]),
  ),
}));

export interface ServiceClientOptions {
  url: string;
  token: string;
  /** Per request (AbortSignal.timeout). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** A 401 said the token was revoked or ran out (the centre's sign-in session ended). */
  onTokenRefused?: (code: 'token_revoked' | 'token_expired', token: string) => void;
}

/** A thin client for the work-order service API (docs/workorder-api.openapi.yaml). */
export class WorkOrderServiceClient {
  readonly url: string;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly onTokenRefused: ServiceClientOptions['onTokenRefused'];
  /** The service's identity (Workorder-Service-Id) from its last answer; null until one came, or from a service without it. */
  serviceId: string | null = null;
  /** The service's clock, for the deadline each request states in it. */
  private readonly clock = new ServiceClock();

  constructor(options: ServiceClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchImpl = options.fetch ?? fetch;
    this.onTokenRefused = options.onTokenRefused;
  }

  create(idempotencyKey: string, fields: WorkOrderDraft, signal?: AbortSignal): Promise<ServiceReply<WorkOrderRecord>> {
    return this.request('POST', '/v1/work-orders', { headers: { 'idempotency-key': idempotencyKey }, body: { fields }, signal }, (v) =>
      WorkOrderRecordSchema.parse(v),
    );
  }

  /**
   * `POST /v1/work-orders:batch`: several creates in one request (one
   * transaction on the service). `ok` carries one reply per item, in order; a
   * 404/405 means the service predates the route (send them one by one).
   */
  createBatch(
    items: readonly { idempotencyKey: string; fields: WorkOrderDraft }[],
    signal?: AbortSignal,
  ): Promise<ServiceReply<BatchItemReply[]>> {
    return this.request('POST', '/v1/work-orders:batch', { body: { items }, signal }, (v) => {
      const { results } = BatchReplySchema.parse(v);
      if (results.length !== items.length) throw new Error('a batch answer must have one result per item');
      return results.map((r): BatchItemReply =>
        'workOrder' in r
          ? { kind: 'ok', record: r.workOrder, replayed: r.replayed }
          : {
              kind: 'http-error',
              status: r.status,
              code: r.error.code,
              message: r.error.message.slice(0, 2000),
              issues: (r.error.issues ?? []).slice(0, 100).map((i) => ({ path: i.path, message: i.message })),
            },
      );
    });
  }

  update(id: string, expectedVersion: number, fields: WorkOrderDraft, signal?: AbortSignal): Promise<ServiceReply<WorkOrderRecord>> {
    return this.request(
      'PUT',
      `/v1/work-orders/${encodeURIComponent(id)}`,
      { headers: { 'if-match': `"${expectedVersion}"` }, body: { fields }, signal },
      (v) => WorkOrderRecordSchema.parse(v),
    );
  }

  get(id: string, signal?: AbortSignal): Promise<ServiceReply<WorkOrderRecord>> {
    return this.request('GET', `/v1/work-orders/${encodeURIComponent(id)}`, { signal }, (v) => WorkOrderRecordSchema.parse(v));
  }

  /** `since` is a cursor, or 'head' for the team's newest (nothing before it). */
  changes(since: string, limit: number, signal?: AbortSignal): Promise<ServiceReply<ChangesPage>> {
    const query = new URLSearchParams({ since, limit: String(limit) });
    return this.request('GET', `/v1/changes?${query}`, { signal }, (v) => ChangesPageSchema.parse(v));
  }

  byPhone(phone: string, limit: number, timeoutMs: number): Promise<ServiceReply<WorkOrderRecord[]>> {
    const query = new URLSearchParams({ phone, limit: String(limit) });
    return this.request('GET', `/v1/work-orders?${query}`, { timeoutMs }, (v) =>
      WorkOrderRecordSchema.array().parse((v as { workOrders?: unknown }).workOrders),
    );
  }

  private async request<T>(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: unknown; signal?: AbortSignal | undefined; timeoutMs?: number },
    parse: (value: unknown) => T,
  ): Promise<ServiceReply<T>> {
    const timeoutMs = init.timeoutMs ?? this.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const sentAt = Date.now();
    const deadline = this.clock.deadlineHeader(sentAt, timeoutMs);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: 'application/json',
      // The service does not start (or commit) what this client will no longer wait for.
      'x-request-timeout-ms': String(timeoutMs),
      ...(deadline !== undefined ? { 'x-request-deadline': deadline } : {}),
      ...init.headers,
    };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let status: number;
    let text: string;
    let replayed: boolean;
    let retryAfterMs: number | undefined;
    try {
      const response = await this.fetchImpl(`${this.url}${path}`, {
        method,
        headers,
        signal,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
      status = response.status;
      this.clock.observe(sentAt, Date.now(), response.headers.get('workorder-service-time'));
      replayed = response.headers.get('idempotent-replayed') === 'true';
      const serviceId = response.headers.get('workorder-service-id');
      if (serviceId && /^[\w-]{1,100}$/.test(serviceId)) this.serviceId = serviceId;
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      text = await response.text();
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      const reason = e.name === 'TimeoutError' ? `timed out after ${init.timeoutMs ?? this.timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
      return { kind: 'network', message: `${method} ${path.split('?')[0]}: ${reason}` };
    }
    let body: unknown;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      return { kind: 'network', message: `${method} ${path.split('?')[0]}: HTTP ${status} with a body that is not JSON` };
    }
    if (status >= 200 && status < 300) {
      try {
        return { kind: 'ok', status, value: parse(body), replayed };
      } catch {
        return { kind: 'network', message: `${method} ${path.split('?')[0]}: HTTP ${status} with an unexpected body` };
      }
    }
    const error = (body as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | null)?.error;
    const issues = Array.isArray(error?.issues)
      ? (error.issues as { path?: unknown; message?: unknown }[]).slice(0, 100).map((i) => ({ path: String(i.path ?? ''), message: String(i.message ?? '') }))
      : [];
    const current = WorkOrderRecordSchema.safeParse((body as { current?: unknown } | null)?.current);
    if (status === 401 && (error?.code === 'token_revoked' || error?.code === 'token_expired')) this.onTokenRefused?.(error.code, this.token);
    return {
      kind: 'http-error',
      status,
      code: typeof error?.code === 'string' ? error.code : `http-${status}`,
      message: typeof error?.message === 'string' ? error.message.slice(0, 2000) : `HTTP ${status}`,
      issues,
      current: current.success ? current.data : null,
      ...(retryAfterMs !== undefined && (status === 503 || status === 429) ? { retryAfterMs } : {}),
    };
  }
}

/** Retry-After as delta-seconds (what the service sends), capped at 10 minutes; undefined when absent or not that form. */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || !/^\s*\d{1,6}\s*$/.test(value)) return undefined;
  return Math.min(600, Number(value)) * 1000;
}

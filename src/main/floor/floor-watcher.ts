import type { ClientRequest, IncomingMessage } from 'node:http';
import { backoffDelay, type BackoffPolicy } from '../../shared/base/backoff';
import {
  FLOOR_EVENTS_PATH,
  FLOOR_PATH,
  FloorAlertEventSchema,
  FloorEventSchema,
  FloorViewSchema,
  type FloorAgent,
  type FloorAlert,
  type FloorView,
} from '../../shared/domain/floor';
import type { FloorConnection, FloorPush, FloorSnapshot } from '../../shared/ipc/contract-floor';
import { tokenRefusalOf, type TokenRefusal } from '../centre/centre-client';
import { centreRequest } from '../centre/centre-request';
import { openSse, SseParser, type SseMessage } from './sse-reader';

export interface FloorWatchTarget {
  centreUrl: string;
  token: string;
}

/** Reconnects: 1 s doubling to 30 s, half of each step random (a floor of leads must not come back in step). */
export const FLOOR_WATCH_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 30_000, jitter: 0.5 };
/** The service comments every 15 s; silence for this long means the stream is dead though the socket looks open. */
export const FLOOR_STREAM_SILENCE_MS = 45_000;
/** Agents a floor holds at most (bounds what a wrong answer could make main keep). */
const MAX_AGENTS = 5_000;
const MAX_ALERTS = 500;

export interface FloorWatcherOptions {
  /** A signed-in lead (or admin): where and with what; null otherwise (then nothing is opened). */
  target(): FloorWatchTarget | null;
  caPem?: () => string | null;
  push(update: FloorPush): void;
  /** A new alert, or one that escalated: the OS notification. */
  onAlert?: (alert: FloorAlert, previous: FloorAlert | null) => void;
  onTokenRefused?: (code: TokenRefusal, token: string) => void;
  onError?: (error: unknown) => void;
  backoff?: BackoffPolicy;
  checkEveryMs?: number;
  silenceMs?: number;
  now?: () => number;
}

/**
 * The lead's side of the live floor: reads GET /v1/floor once, then follows
 * GET /v1/floor/events from its lastEventId; a dropped stream is reopened with
 * the shared backoff and Last-Event-ID (a `reset` event, when retention went
 * past it, reads the floor again). Main keeps the floor it has so a screen that
 * opens later starts from it; every change is pushed to the renderer.
 */
export class FloorWatcher {
  private readonly now: () => number;
  private connection: FloorConnection;
  private view: FloorView | null = null;
  private readonly agents = new Map<string, FloorAgent>();
  private readonly alerts = new Map<string, FloorAlert>();
  private clockOffsetMs = 0;
  private lastEventId: string | null = null;
  private token: string | null = null;
  private retries = 0;
  private timer: NodeJS.Timeout | null = null;
  private silence: NodeJS.Timeout | null = null;
  private live: { request: ClientRequest; response: IncomingMessage } | null = null;
  private running = false;
  private closed = false;

  constructor(private readonly options: FloorWatcherOptions) {
    this.now = options.now ?? Date.now;
    this.connection = { state: 'off', since: this.now() };
  }

  start(): void {
    this.check();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.dropStream();
  }

  snapshot(): FloorSnapshot {
    const view = this.view
      ? { ...this.view, agents: [...this.agents.values()], alerts: [...this.alerts.values()] }
      : null;
    return { connection: this.connection, view, clockOffsetMs: this.clockOffsetMs };
  }

  /** An alert this desk acknowledged: kept at once (the stream's event follows). */
  alertChanged(alert: FloorAlert): void {
    this.keepAlert(alert);
  }

  /** Looks for a lead session now and then; opens the stream when there is one, drops it when it goes. */
  private check(): void {
    if (this.closed) return;
    const target = this.options.target();
    if (!target) {
      if (this.token !== null || this.connection.state !== 'off') this.reset();
    } else if (target.token !== this.token) {
      this.reset();
      this.token = target.token;
      void this.connect(target);
    } else if (!this.running && this.timer === null) {
      void this.connect(target);
    }
    setTimeout(() => this.check(), this.options.checkEveryMs ?? 5_000).unref?.();
  }

  private reset(): void {
    this.dropStream();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.token = null;
    this.view = null;
    this.agents.clear();
    this.alerts.clear();
    this.lastEventId = null;
    this.retries = 0;
    this.setConnection('off');
    this.options.push({ kind: 'snapshot', snapshot: this.snapshot() });
  }

  private setConnection(state: FloorConnection['state']): void {
    if (this.connection.state === state) return;
    this.connection = { state, since: this.now() };
    this.options.push({ kind: 'connection', connection: this.connection });
  }

  private async connect(target: FloorWatchTarget): Promise<void> {
    if (this.running || this.closed) return;
    this.running = true;
    if (this.connection.state !== 'retrying') this.setConnection('connecting');
    try {
      if (this.lastEventId === null) {
        const read = await centreRequest({
          baseUrl: target.centreUrl,
          method: 'GET',
          path: FLOOR_PATH,
          token: target.token,
          timeoutMs: 10_000,
          caPem: this.options.caPem?.() ?? null,
        });
        if (this.stale(target)) return;
        if (read.kind !== 'answer' || read.status !== 200) {
          this.failed(target, read.kind === 'answer' ? read.status : 0, read.kind === 'answer' ? read.body : null, read.kind === 'unreachable' ? read.message : '');
          return;
        }
        const parsed = FloorViewSchema.safeParse(read.body);
        if (!parsed.success) {
          this.failed(target, 0, null, `GET ${FLOOR_PATH}: not a floor (${parsed.error.issues[0]?.message ?? ''})`);
          return;
        }
        this.takeView(parsed.data);
      }
      const opened = await openSse({
        url: target.centreUrl.replace(/\/+$/, '') + FLOOR_EVENTS_PATH,
        token: target.token,
        lastEventId: this.lastEventId,
        caPem: this.options.caPem?.() ?? null,
        connectTimeoutMs: 10_000,
      });
      if (this.stale(target)) {
        if (opened.kind === 'open') opened.request.destroy();
        return;
      }
      if (opened.kind !== 'open') {
        let body: unknown = null;
        try {
          body = opened.kind === 'refused' ? JSON.parse(opened.body) : null;
        } catch {
          body = null;
        }
        this.failed(target, opened.kind === 'refused' ? opened.status : 0, body, opened.kind === 'unreachable' ? opened.message : '');
        return;
      }
      this.follow(target, opened.request, opened.response);
    } catch (error) {
      this.failed(target, 0, null, (error as Error)?.message ?? String(error));
    }
  }

  private stale(target: FloorWatchTarget): boolean {
    if (!this.closed && this.token === target.token) return false;
    this.running = false;
    return true;
  }

  private takeView(view: FloorView): void {
    this.view = view;
    this.clockOffsetMs = view.serverTime === undefined ? 0 : view.serverTime - this.now();
    this.agents.clear();
    for (const agent of view.agents.slice(0, MAX_AGENTS)) this.agents.set(agent.personId, agent);
    this.alerts.clear();
    for (const alert of (view.alerts ?? []).slice(0, MAX_ALERTS)) this.alerts.set(alert.id, alert);
    this.lastEventId = view.lastEventId;
  }

  private follow(target: FloorWatchTarget, request: ClientRequest, response: IncomingMessage): void {
    this.live = { request, response };
    this.retries = 0;
    this.setConnection('live');
    this.options.push({ kind: 'snapshot', snapshot: this.snapshot() });
    const parser = new SseParser(
      (message) => this.message(target, message),
      () => this.heard(),
    );
    this.heard();
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      try {
        parser.push(chunk);
      } catch (error) {
        this.options.onError?.(error);
        request.destroy();
      }
    });
    const ended = () => {
      if (this.live?.request !== request) return;
      this.live = null;
      this.running = false;
      this.retry(target);
    };
    response.on('end', ended);
    response.on('close', ended);
    response.on('error', ended);
  }

  /** Any byte from the stream: it is alive. */
  private heard(): void {
    if (this.silence) clearTimeout(this.silence);
    this.silence = setTimeout(() => {
      this.options.onError?.(new Error(`floor stream silent for ${this.options.silenceMs ?? FLOOR_STREAM_SILENCE_MS} ms; reconnecting`));
      this.live?.request.destroy();
    }, this.options.silenceMs ?? FLOOR_STREAM_SILENCE_MS);
    this.silence.unref?.();
  }

  private message(target: FloorWatchTarget, message: SseMessage): void {
    if (message.event === 'reset') {
      // Retention went past our Last-Event-ID: read the whole floor again.
      this.lastEventId = null;
      this.live?.request.destroy();
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      return;
    }
    if (message.event === 'state') {
      const parsed = FloorEventSchema.safeParse(data);
      if (!parsed.success) return;
      const agent = parsed.data.agent;
      if (this.agents.size < MAX_AGENTS || this.agents.has(agent.personId)) this.agents.set(agent.personId, agent);
      this.lastEventId = parsed.data.id;
      this.options.push({ kind: 'state', agent });
    } else if (message.event === 'alert') {
      const parsed = FloorAlertEventSchema.safeParse(data);
      if (!parsed.success) return;
      this.lastEventId = parsed.data.id;
      this.keepAlert(parsed.data.alert);
    }
    void target;
  }

  private keepAlert(alert: FloorAlert): void {
    const previous = this.alerts.get(alert.id) ?? null;
    // An older picture of the alert never replaces a newer one (an ack seen by reply before its event).
    if (previous && progress(previous) > progress(alert)) return;
    if (this.alerts.size >= MAX_ALERTS && !previous) {
      const oldest = [...this.alerts.values()].sort((a, b) => a.raisedAt - b.raisedAt)[0];
      if (oldest) this.alerts.delete(oldest.id);
    }
    this.alerts.set(alert.id, alert);
    this.options.push({ kind: 'alert', alert });
    this.options.onAlert?.(alert, previous);
  }

  private failed(target: FloorWatchTarget, status: number, body: unknown, message: string): void {
    this.running = false;
    const code = errorCode(body);
    const refusal = tokenRefusalOf(status, code);
    if (refusal) {
      this.options.onTokenRefused?.(refusal, target.token);
      this.reset();
      return;
    }
    if (status === 403) {
      // Not a lead (any more): nothing to watch; the next sign-in looks again.
      this.setConnection('off');
      this.timer = setTimeout(() => {
        this.timer = null;
      }, 60_000);
      return;
    }
    this.options.onError?.(new Error(`floor: ${status ? `HTTP ${status} ${code ?? ''}` : message}`));
    this.retry(target);
  }

  private retry(target: FloorWatchTarget): void {
    if (this.closed || this.token !== target.token) return;
    this.setConnection('retrying');
    const delay = backoffDelay(this.retries, this.options.backoff ?? FLOOR_WATCH_BACKOFF);
    this.retries += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.token === target.token) void this.connect(target);
    }, delay);
    this.timer.unref?.();
  }

  private dropStream(): void {
    if (this.silence) clearTimeout(this.silence);
    this.silence = null;
    const live = this.live;
    this.live = null;
    this.running = false;
    live?.request.destroy();
  }
}

/** How far along an alert is: raised < escalated < acknowledged. */
function progress(alert: FloorAlert): number {
  return (alert.escalatedAt === null ? 0 : 1) + (alert.acknowledgedAt === null ? 0 : 2);
}

function errorCode(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: { code?: unknown } }).error;
  return typeof error?.code === 'string' ? error.code : null;
}

import { z } from 'zod';
import { lazySchema } from '../../shared/base/lazy-schema';
import { backoffDelay, type BackoffPolicy } from '../../shared/base/backoff';
import { RECOVERY_BREAK_REASON, type AgentStateChange, type AgentStatus } from '../../shared/domain/agent-state';
import type { DeskDetail } from '../../shared/ipc/contract-floor';
import type { CallLedgerEvent } from '../../shared/domain/call-log';
import { FLOOR_STATE_PATH, FloorStateReportSchema, type CallPhase, type FloorState, type OverrunKind } from '../../shared/domain/floor';
import type { AgentDesk } from '../agent-state/agent-desk';
import { tokenRefusalOf, type TokenRefusal } from '../centre/centre-client';
import { centreRequest, type CentreHttpReply } from '../centre/centre-request';

/** Where the desk reports to: the signed-in centre and the person's token; null when not signed in. */
export interface FloorTarget {
  centreUrl: string;
  token: string;
}

/** Retries while the centre cannot be reached: 1 s doubling to the heartbeat, half of each step random. */
export const FLOOR_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 30_000, jitter: 0.5 };
/** The whole state again this often without a change, so a lead can tell a silent desk from a quiet one. */
export const FLOOR_HEARTBEAT_MS = 30_000;
/** While not signed in, how often the desk looks for a session (local reads only), so a sign-in shows on the floor at once. */
export const FLOOR_SIGNED_OUT_CHECK_MS = 5_000;
/** When after-call work, a break or a call counts as overrunning (the lead's floor flags it). */
export interface OverrunLimits {
  afterCallMs: number;
  breakMs: number;
  callMs: number;
}
export const DEFAULT_OVERRUN_LIMITS: OverrunLimits = { afterCallMs: 60_000, breakMs: 15 * 60_000, callMs: 15 * 60_000 };

/** Calls tracked at once (a call and its consultation leg, a second ringing call); an `ended` never seen cannot grow it. */
const MAX_CALLS = 8;

export interface FloorReporterOptions {
  /** Read before every request: a sign-out stops the reports, a new sign-in starts them with its token. */
  target(): FloorTarget | null;
  /** The centre's own CA (PEM) for https. */
  caPem?: () => string | null;
  /** The agent state at start (the newest entry of the state log); offline since now without one. */
  initial?: { status: AgentStatus; since: number; breakReason: string | null } | null;
  /** The centre answered 401 token_revoked/token_expired for `token`: the desk's session should end. */
  onTokenRefused?: (code: TokenRefusal, token: string) => void;
  onError?: (error: unknown) => void;
  timeoutMs?: number;
  heartbeatMs?: number;
  signedOutCheckMs?: number;
  backoff?: BackoffPolicy;
  now?: () => number;
  random?: () => number;
  /** Read at every report: after-call work may follow the desk's settings. */
  overrunLimits?: () => OverrunLimits;
}

interface TrackedCall {
  remoteNumber: string;
  startedAt: number;
  answered: boolean;
  consultFor: string | null;
}

/**
 * The desk's side of the live floor: POSTs the desk's whole state to the
 * signed-in centre on every change. At most one request is in flight; changes
 * made meanwhile are coalesced into the next one, which carries the latest
 * state. Without a change the state is posted again every heartbeat. An
 * unreachable centre is retried with the shared backoff (the wait is bounded by
 * the policy's maximum); a revoked or expired token is handed to the centre
 * session and nothing more is sent with it. Practice calls are not reported.
 */
export class FloorReporter {
  private readonly now: () => number;
  private readonly heartbeatMs: number;
  private readonly backoff: BackoffPolicy;
  private agent: { status: AgentStatus; since: number; breakReason: string | null };
  private readonly calls = new Map<string, TrackedCall>();
  /** A change not yet sent (or a heartbeat due). */
  private dirty = true;
  private inFlight = false;
  private retries = 0;
  private timer: NodeJS.Timeout | null = null;
  /** The pending timer is a backoff wait: changes wait for it too. */
  private backingOff = false;
  private refusedToken: string | null = null;
  private lastErrorLogged: string | null = null;
  private closed = false;
  /** The renderer's guidance of the current call (script step, prompts, hold). */
  private detail: DeskDetail | null = null;
  private overrunTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: FloorReporterOptions) {
    this.now = options.now ?? Date.now;
    this.heartbeatMs = options.heartbeatMs ?? FLOOR_HEARTBEAT_MS;
    this.backoff = options.backoff ?? FLOOR_BACKOFF;
    this.agent = options.initial ?? { status: 'offline', since: this.now(), breakReason: null };
  }

  /** Sends the current state when signed in; while signed out, looks for a session every few seconds. */
  start(): void {
    this.pump();
  }

  close(): void {
    this.closed = true;
    this.clearTimer();
    if (this.overrunTimer) clearTimeout(this.overrunTimer);
  }

  /** The renderer's view of the current call changed; a change the floor shows is reported (the draft is not: see FloorDetailPoster). */
  deskDetailChanged(detail: DeskDetail): void {
    const shown = (d: DeskDetail | null) => (d ? JSON.stringify({ ...d, draft: null }) : '');
    const before = shown(this.detail);
    this.detail = detail;
    if (shown(detail) !== before) this.changed();
  }

  /** An agent state transition was recorded. */
  agentChanged(change: AgentStateChange): void {
    this.agent = { status: change.status, since: change.at, breakReason: change.status === 'break' ? change.reason : null };
    this.changed();
  }

  /** A call event reached the call ledger. */
  callEvent(event: CallLedgerEvent): void {
    if (event.type !== 'ended' && event.practice) return;
    if (event.type === 'ended') {
      if (!this.calls.delete(event.id)) return;
    } else {
      const known = this.calls.get(event.id);
      this.calls.set(event.id, {
        remoteNumber: event.remoteNumber,
        startedAt: known?.startedAt ?? event.startedAt,
        answered: event.type === 'answered' || (known?.answered ?? false),
        consultFor: event.consultFor,
      });
      while (this.calls.size > MAX_CALLS) this.calls.delete(this.calls.keys().next().value as string);
    }
    this.changed();
  }

  /** The state as it would be posted now. */
  report(): FloorState {
    const calls = [...this.calls.entries()];
    const primaryEntry = calls.find(([, call]) => call.consultFor === null) ?? calls[0];
    let callPhase: CallPhase = this.agent.status === 'after-call' ? 'after-call' : 'idle';
    let primary: TrackedCall | null = null;
    let callId: string | null = null;
    const detail = this.detail;
    if (primaryEntry) {
      const [id, call] = primaryEntry;
      primary = call;
      callId = id;
      const consulting = calls.some(([, leg]) => leg.consultFor === id);
      callPhase = !call.answered
        ? 'ringing'
        : consulting
          ? 'consulting'
          : detail?.conference
            ? 'conference'
            : detail?.held
              ? 'held'
              : 'talking';
    }
    // The guidance of "this call": while on it, and in its after-call work.
    const guidance = detail && (primary !== null || callPhase === 'after-call') ? detail : null;
    const number = primary?.remoteNumber.trim().slice(0, 40) ?? '';
    return FloorStateReportSchema.parse({
      agentState: this.agent.status,
      since: epoch(this.agent.since),
      breakReason: this.agent.breakReason?.trim().slice(0, 40) ?? null,
      callPhase,
      callStartedAt: primary ? epoch(primary.startedAt) : null,
      callId: reportableCallId(callId),
      callerNumber: number === '' ? null : number,
      scriptStep: guidance?.scriptStep ?? null,
      prompts: guidance?.prompts ?? [],
      promptsHandled: guidance?.promptsHandled.filter((kind) => guidance.prompts.includes(kind)) ?? [],
      voice: primary ? (guidance?.voice ?? null) : null,
      recoveryBreak: this.agent.status === 'break' && this.agent.breakReason === RECOVERY_BREAK_REASON,
      overruns: this.overruns(primary),
      keepAliveMs: Math.min(300_000, Math.max(1_000, this.heartbeatMs)),
    });
  }

  /** What runs past its limit now; the next moment one will is re-reported by a timer. */
  private overruns(primary: TrackedCall | null): OverrunKind[] {
    const limits = this.options.overrunLimits?.() ?? DEFAULT_OVERRUN_LIMITS;
    const now = this.now();
    const running: { kind: OverrunKind; since: number; limit: number }[] = [];
    if (this.agent.status === 'after-call') running.push({ kind: 'after-call', since: this.agent.since, limit: limits.afterCallMs });
    if (this.agent.status === 'break') running.push({ kind: 'break', since: this.agent.since, limit: limits.breakMs });
    if (primary?.answered) running.push({ kind: 'call', since: primary.startedAt, limit: limits.callMs });
    const over = running.filter((r) => now - r.since > r.limit).map((r) => r.kind);
    const next = running.map((r) => r.since + r.limit + 1 - now).filter((ms) => ms > 0);
    if (this.overrunTimer) clearTimeout(this.overrunTimer);
    this.overrunTimer = null;
    if (next.length > 0 && !this.closed) {
      this.overrunTimer = setTimeout(() => this.changed(), Math.min(...next, 2_147_000_000));
      this.overrunTimer.unref?.();
    }
    return over;
  }

  private changed(): void {
    this.dirty = true;
    this.pump();
  }

  private pump(): void {
    if (this.closed || this.inFlight || this.backingOff) return;
    const target = this.options.target();
    if (!target || target.token === this.refusedToken) {
      // Not signed in (or the token was refused): nothing is sent; look again shortly or at the next change.
      this.dirty = true;
      this.schedule(this.options.signedOutCheckMs ?? FLOOR_SIGNED_OUT_CHECK_MS, false);
      return;
    }
    if (!this.dirty) return;
    void this.send(target);
  }

  private async send(target: FloorTarget): Promise<void> {
    this.clearTimer();
    this.inFlight = true;
    this.dirty = false;
    let reply: CentreHttpReply;
    try {
      reply = await centreRequest({
        baseUrl: target.centreUrl,
        method: 'POST',
        path: FLOOR_STATE_PATH,
        token: target.token,
        body: this.report(),
        timeoutMs: this.options.timeoutMs ?? 10_000,
        caPem: this.options.caPem?.() ?? null,
      });
    } catch (error) {
      reply = { kind: 'unreachable', message: (error as Error)?.message ?? String(error) };
    }
    this.inFlight = false;
    if (this.closed) return;
    if (this.options.target()?.token !== target.token) {
      // Signed out or in again meanwhile: the next report (if any) starts afresh with the new session.
      this.retries = 0;
      this.dirty = true;
      this.pump();
      return;
    }
    if (reply.kind === 'answer' && reply.status >= 200 && reply.status < 300) {
      this.retries = 0;
      this.lastErrorLogged = null;
      if (this.dirty) this.pump();
      else this.schedule(this.heartbeatMs, false);
      return;
    }
    if (reply.kind === 'answer') {
      const code = errorCodeOf(reply.body);
      const refusal = tokenRefusalOf(reply.status, code);
      if (refusal) {
        this.refusedToken = target.token;
        this.retries = 0;
        this.options.onTokenRefused?.(refusal, target.token);
        this.pump();
        return;
      }
      const transient = reply.status >= 500 || reply.status === 408 || reply.status === 429;
      if (!transient) {
        // The centre will say the same again (a person without the agent role, an older centre): try at heartbeat pace.
        this.logOnce(`POST ${FLOOR_STATE_PATH}: HTTP ${reply.status} (${code ?? 'no error code'})`);
        this.retries = 0;
        this.dirty = true;
        this.schedule(this.heartbeatMs, false);
        return;
      }
    }
    this.dirty = true;
    const delay = backoffDelay(this.retries, this.backoff, this.options.random);
    this.retries += 1;
    const asked = reply.kind === 'answer' && reply.retryAfterSeconds !== null ? Math.min(reply.retryAfterSeconds * 1000, this.backoff.maxMs) : 0;
    this.schedule(Math.max(delay, asked), true);
  }

  private schedule(ms: number, backingOff: boolean): void {
    this.clearTimer();
    this.backingOff = backingOff;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.backingOff = false;
      // A heartbeat re-posts the same state; a backoff wait ends with the latest.
      this.dirty = true;
      this.pump();
    }, ms);
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.backingOff = false;
  }

  private logOnce(message: string): void {
    if (this.lastErrorLogged === message) return;
    this.lastErrorLogged = message;
    this.options.onError?.(new Error(message));
  }
}

/**
 * Feeds every recorded agent state transition to `listener` as well (the
 * state log is the one place main hears of them).
 */
export function onAgentStateRecorded(desk: AgentDesk, listener: (change: AgentStateChange) => void): void {
  const log = desk.log;
  const record = log.record.bind(log);
  log.record = (change) => {
    record(change);
    listener(change);
  };
}

/** A cut-down id would name another call, so one the report cannot carry whole is left out. */
function reportableCallId(id: string | null): string | null {
  return id !== null && id.length > 0 && id.length <= 100 && id.trim() === id ? id : null;
}

function epoch(ms: number): number {
  return Math.max(0, Math.round(ms));
}

const ErrorBodySchema = lazySchema(() => z.object({ error: z.object({ code: z.string().max(100) }).passthrough() }).passthrough());

function errorCodeOf(body: unknown): string | null {
  const parsed = ErrorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.error.code : null;
}

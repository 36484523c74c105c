import { WorkOrderDraftSchema, workOrderSubmitSchema, type WorkOrderDraft, type WorkOrderRecord } from '../../shared/domain/work-order';
import { backoffDelay as sharedBackoffDelay, OUTBOX_BACKOFF, type BackoffPolicy } from '../../shared/base/backoff';
import type { Attention } from '../../shared/domain/work-order-sync';
import { issuesOf } from '../../shared/ipc/envelope';
import type { OutboxItem, OutboxResult, WorkOrdersRepo } from './repo';
import type { ServiceReply, WorkOrderServiceClient } from './service-client';
import { retryAfterDelay } from './retry-after';

/** Time and timers, injectable for tests. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    timer.unref?.();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type BackoffOptions = Pick<BackoffPolicy, 'baseMs' | 'maxMs'>;

export const DEFAULT_BACKOFF: BackoffOptions = OUTBOX_BACKOFF;

/** Delay before attempt `attempts` (1 = the first retry), with the outbox's "equal jitter". */
export function backoffDelay(attempts: number, backoff: BackoffOptions, random: () => number): number {
  return sharedBackoffDelay(attempts - 1, { ...backoff, jitter: OUTBOX_BACKOFF.jitter }, () => 1 - random());
}

export interface SyncTarget {
  /**
   * Names the service when it does not report its identity ('embedded' or its
   * URL); a service that does (Workorder-Service-Id) has its cursor kept under
   * `service:<id>`, which survives an address change.
   */
  key: string;
  client: WorkOrderServiceClient;
}

export interface OutboxOptions {
  repo: WorkOrdersRepo;
  clock?: Clock;
  random?: () => number;
  backoff?: BackoffOptions;
  /** Requests on the wire at once. */
  concurrency?: number;
  /**
   * New work orders sent together in one `POST /v1/work-orders:batch` (default
   * 100; 1 sends each on its own). A service without the route (404/405) gets
   * single creates from then on.
   */
  batchSize?: number;
  /** Poll GET /v1/changes this often (0: only when asked). */
  pollChangesMs?: number;
  /** Work orders whose row changed (sync state, server status). */
  onChanged?: (ids: string[]) => void;
  /** Reachability changed (offline since / last synced). */
  onConnectivity?: () => void;
  /** Unexpected failures (a bug or a storage error), for the log. */
  onError?: (error: unknown) => void;
}

/** The service's limit per batch (services/workorder BATCH_MAX_ITEMS). */
const BATCH_MAX = 100;
/** GETs at once when refreshing the replayed items of a batch. */
const REFRESH_PARALLEL = 8;

const isCreate = (item: OutboxItem) => item.serverId === null || item.serverVersion === null;

const RETRYABLE_STATUS = (status: number) => status === 408 || status === 429 || status >= 500;
/**
 * The centre ended the signed-in session (issue 10): the desk signs out, and the
 * work order waits for the next sign-in instead of needing the agent's attention.
 */
const SESSION_ENDED = (reply: { status: number; code: string }) =>
  reply.status === 401 && (reply.code === 'token_revoked' || reply.code === 'token_expired');

function canonical(fields: WorkOrderDraft): string {
  return JSON.stringify(WorkOrderDraftSchema.parse(fields));
}

/**
 * The outbox: sends queued work orders to the service, one idempotency key per
 * work order, with retries (exponential backoff + jitter) on network errors,
 * timeouts and 5xx, and without retries on what the service refuses. Results
 * are written to the store in batches; a crash between a send and its write
 * leaves the row `sending`, which goes back to `queued` on start, and the
 * idempotency key (create) or the version check (edit) makes the resend harmless.
 */
export class OutboxWorker {
  private readonly repo: WorkOrdersRepo;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly backoff: BackoffOptions;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly pollChangesMs: number;
  /** The current target answered 404/405 to the batch route. */
  private batchUnsupported = false;

  private target: SyncTarget | null = null;
  private generation = 0;
  private abort = new AbortController();
  private running = false;
  private inFlight = 0;
  private buffer: OutboxItem[] = [];
  private results: OutboxResult[] = [];
  private flushScheduled = false;
  private wakeTimer: unknown = null;
  private wakeAt: number | null = null;
  private pollTimer: unknown = null;
  private polling: Promise<void> | null = null;
  /** The change cursor's key for the current target, once the service named itself. */
  private resolvedKey: { target: SyncTarget; key: string } | null = null;
  private idleWaiters: (() => void)[] = [];

  /** Set on the first failed attempt to reach the service, cleared by any answer. */
  offlineSince: number | null = null;
  lastSyncedAt: number | null = null;
  lastError: string | null = null;

  constructor(private readonly options: OutboxOptions) {
    this.repo = options.repo;
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.batchSize = Math.max(1, Math.min(BATCH_MAX, options.batchSize ?? BATCH_MAX));
    this.pollChangesMs = options.pollChangesMs ?? 15_000;
  }

  get targetKey(): string | null {
    return this.target?.key ?? null;
  }

  /** Starts (or restarts) sending to `target`; null pauses. Whatever was on the wire is sent again. */
  setTarget(target: SyncTarget | null): void {
    this.halt();
    this.target = target;
    this.batchUnsupported = false;
    this.offlineSince = null;
    this.lastError = null;
    this.options.onConnectivity?.();
    if (target && this.running) this.resume();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.target) this.resume();
  }

  stop(): void {
    this.running = false;
    this.halt();
    this.resolveIdle();
  }

  /** Something was queued: send now. */
  kick(): void {
    if (!this.running || !this.target) return;
    this.pump();
  }

  /** Resolves when nothing is queued or on the wire (for tests and the bench). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Reads the service's change feed now (status changes come back to the list). */
  pollChanges(): Promise<void> {
    if (!this.target || !this.running) return Promise.resolve();
    this.polling ??= this.readChanges(this.target, this.generation).finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  // ------------------------------------------------------------------------

  private resume(): void {
    this.repo.requeueSending();
    const target = this.target;
    const generation = this.generation;
    // The change cursor is settled before anything is sent: a desk new to the
    // service starts at its head, and that head must come before this desk's
    // first create, or a status change to it could fall before the cursor.
    void (target ? this.cursorKey(target, generation) : Promise.resolve(null))
      .catch((error: unknown) => this.options.onError?.(error))
      .then(() => {
        if (generation !== this.generation) return;
        this.pump();
        if (this.pollChangesMs > 0) this.schedulePoll(0);
      });
  }

  private halt(): void {
    this.generation += 1;
    this.abort.abort();
    this.abort = new AbortController();
    this.buffer = [];
    this.results = [];
    this.inFlight = 0;
    if (this.wakeTimer !== null) this.clock.clearTimeout(this.wakeTimer);
    if (this.pollTimer !== null) this.clock.clearTimeout(this.pollTimer);
    this.wakeTimer = null;
    this.wakeAt = null;
    this.pollTimer = null;
    try {
      this.repo.requeueSending();
    } catch {
      // the database is already closed: the next start requeues
    }
  }

  private isIdle(): boolean {
    if (this.inFlight > 0 || this.buffer.length > 0 || this.results.length > 0) return false;
    try {
      return this.repo.counts().waiting === 0;
    } catch {
      return true;
    }
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private pump(): void {
    const target = this.target;
    if (!this.running || !target) return;
    const generation = this.generation;
    try {
      while (this.inFlight < this.concurrency) {
        if (this.buffer.length === 0) {
          this.buffer = this.repo.claimDue(this.clock.now(), this.concurrency * (this.batching() ? this.batchSize : 4));
        }
        const batch = this.takeBatch();
        const item = batch.length === 1 ? batch[0] : undefined;
        if (batch.length === 0) break;
        this.inFlight += 1;
        const sent: Promise<OutboxResult[] | 'singles'> = item
          ? this.sendOne(item, target, this.abort.signal).then((result) => [result])
          : this.sendBatch(batch, target, this.abort.signal);
        void sent
          .catch((error: unknown): OutboxResult[] => {
            this.options.onError?.(error);
            const message = String((error as Error)?.message ?? error);
            return batch.map((b) => ({ kind: 'retry', id: b.id, error: message, nextAttemptAt: this.retryAt(b.attempts) }));
          })
          .then((results) => {
            if (generation !== this.generation) return;
            this.inFlight -= 1;
            if (results === 'singles') {
              // Sent again one by one (still claimed, so nobody else takes them).
              this.buffer.unshift(...batch.map((b) => ({ ...b, single: true })));
              this.pump();
              return;
            }
            this.results.push(...results);
            this.scheduleFlush();
          });
      }
    } catch (error) {
      this.options.onError?.(error);
    }
    if (this.inFlight === 0 && this.buffer.length === 0) this.scheduleWake();
  }

  private batching(): boolean {
    return this.batchSize > 1 && !this.batchUnsupported;
  }

  /** The next request's work orders: up to batchSize new ones together, or one (an edit, or a single create). */
  private takeBatch(): (OutboxItem & { single?: boolean })[] {
    const first = this.buffer[0] as (OutboxItem & { single?: boolean }) | undefined;
    if (!first) return [];
    if (!this.batching() || first.single || !isCreate(first)) return [this.buffer.shift() as OutboxItem];
    const batch: OutboxItem[] = [];
    const rest: OutboxItem[] = [];
    for (const item of this.buffer) {
      if (batch.length < this.batchSize && isCreate(item) && !(item as { single?: boolean }).single) batch.push(item);
      else rest.push(item);
    }
    this.buffer = rest;
    return batch;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // Completions that land together are written in one transaction.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.results.length === 0) return;
    const results = this.results;
    this.results = [];
    let changed: string[];
    try {
      changed = this.repo.applyResults(results);
    } catch (error) {
      this.options.onError?.(error);
      return;
    }
    if (changed.length > 0) this.options.onChanged?.(changed);
    this.pump();
    if (this.idleWaiters.length > 0 && this.isIdle()) this.resolveIdle();
  }

  private scheduleWake(): void {
    let due: number | null;
    try {
      due = this.repo.nextDueAt();
    } catch {
      return;
    }
    if (due === null) {
      if (this.idleWaiters.length > 0 && this.isIdle()) this.resolveIdle();
      return;
    }
    if (this.wakeTimer !== null && this.wakeAt !== null && this.wakeAt <= due) return;
    if (this.wakeTimer !== null) this.clock.clearTimeout(this.wakeTimer);
    this.wakeAt = due;
    this.wakeTimer = this.clock.setTimeout(() => {
      this.wakeTimer = null;
      this.wakeAt = null;
      this.pump();
    }, Math.max(0, due - this.clock.now()));
  }

  private schedulePoll(delay: number): void {
    if (this.pollTimer !== null) this.clock.clearTimeout(this.pollTimer);
    this.pollTimer = this.clock.setTimeout(() => {
      this.pollTimer = null;
      void this.pollChanges().finally(() => {
        if (this.running && this.target && this.pollTimer === null) this.schedulePoll(this.pollChangesMs);
      });
    }, delay);
  }

  /**
   * When to try again: the backoff, or when the service asked for a pause
   * (503/429 Retry-After) that pause plus up to as much again, 1–60 s
   * (retry-after.ts). The service's pause replaces the backoff: it says when it
   * expects room for this desk, and the attempts a desk counted while the
   * service was down (minutes of backoff) would otherwise bring it back long
   * after that.
   */
  private retryAt(attempts: number, retryAfterMs?: number): number {
    if (retryAfterMs === undefined) return this.clock.now() + backoffDelay(attempts, this.backoff, this.random);
    return this.clock.now() + retryAfterDelay(retryAfterMs, this.random);
  }

  private reached(ok: boolean, error?: string): void {
    const before = this.offlineSince;
    if (ok) {
      this.offlineSince = null;
      this.lastError = null;
    } else {
      this.offlineSince ??= this.clock.now();
      this.lastError = error ?? null;
    }
    if (before !== this.offlineSince) this.options.onConnectivity?.();
  }

  private async sendOne(item: OutboxItem, target: SyncTarget, signal: AbortSignal): Promise<OutboxResult> {
    const parsed = workOrderSubmitSchema().safeParse(item.fields);
    if (!parsed.success) {
      return this.attention(item, 'rejected', 'The work order is incomplete.', issuesOf(parsed.error), null);
    }
    const fields = parsed.data;
    const client = target.client;
    let serverVersion = item.serverVersion;
    // A PUT may be retried at once, a few times, when only the status moved on the service.
    for (let round = 0; round < 3; round += 1) {
      const reply =
        item.serverId === null || serverVersion === null
          ? await client.create(item.idempotencyKey, fields, signal)
          : await client.update(item.serverId, serverVersion, fields, signal);
      if (reply.kind === 'ok') {
        this.reached(true);
        this.lastSyncedAt = this.clock.now();
        let record = reply.value;
        if (reply.replayed) record = await this.refresh(client, record, signal);
        return { kind: 'synced', id: item.id, record };
      }
      if (reply.kind === 'network') {
        this.reached(false, reply.message);
        return { kind: 'retry', id: item.id, error: reply.message, nextAttemptAt: this.retryAt(item.attempts) };
      }
      if (RETRYABLE_STATUS(reply.status) || SESSION_ENDED(reply)) {
        const message = `HTTP ${reply.status} ${reply.code}: ${reply.message}`;
        this.reached(false, message);
        return { kind: 'retry', id: item.id, error: message, nextAttemptAt: this.retryAt(item.attempts, reply.retryAfterMs) };
      }
      this.reached(true);
      if (reply.status === 409 && reply.current) {
        const current = reply.current;
        // Our own edit, applied by an earlier attempt whose answer was lost.
        if (canonical(current.fields) === canonical(fields)) return { kind: 'synced', id: item.id, record: current };
        // Only the status (or nothing we edited) changed on the service: send over the new version.
        if (reply.code === 'version-conflict' && item.serverFields && canonical(current.fields) === canonical(item.serverFields)) {
          serverVersion = current.version;
          continue;
        }
        return this.attention(item, 'conflict', reply.message, [], current);
      }
      if (reply.status === 401 || reply.status === 403) {
        return this.attention(item, 'unauthorized', reply.message, [], null);
      }
      return this.attention(item, 'rejected', reply.message, reply.issues, null);
    }
    return { kind: 'retry', id: item.id, error: 'The work order keeps changing on the service', nextAttemptAt: this.retryAt(item.attempts) };
  }

  /**
   * New work orders in one `POST /v1/work-orders:batch`; each item's answer is
   * handled as the single create's would be. 'singles' when the service has no
   * batch route (404/405, remembered for this target) or refuses the batch as a
   * whole for a reason a single create would not have (e.g. 413): the caller
   * sends them one by one.
   */
  private async sendBatch(items: OutboxItem[], target: SyncTarget, signal: AbortSignal): Promise<OutboxResult[] | 'singles'> {
    const results: OutboxResult[] = [];
    const valid: { item: OutboxItem; fields: WorkOrderDraft }[] = [];
    const schema = workOrderSubmitSchema();
    for (const item of items) {
      const parsed = schema.safeParse(item.fields);
      if (parsed.success) valid.push({ item, fields: parsed.data });
      else results.push(this.attention(item, 'rejected', 'The work order is incomplete.', issuesOf(parsed.error), null));
    }
    if (valid.length === 0) return results;
    const client = target.client;
    const reply = await client.createBatch(
      valid.map((v) => ({ idempotencyKey: v.item.idempotencyKey, fields: v.fields })),
      signal,
    );
    const retryAll = (message: string, retryAfterMs?: number) =>
      valid.map(({ item }): OutboxResult => ({
        kind: 'retry',
        id: item.id,
        error: message,
        nextAttemptAt: this.retryAt(item.attempts, retryAfterMs),
      }));
    if (reply.kind === 'network') {
      this.reached(false, reply.message);
      return [...results, ...retryAll(reply.message)];
    }
    if (reply.kind === 'http-error') {
      if (RETRYABLE_STATUS(reply.status) || SESSION_ENDED(reply)) {
        const message = `HTTP ${reply.status} ${reply.code}: ${reply.message}`;
        this.reached(false, message);
        return [...results, ...retryAll(message, reply.retryAfterMs)];
      }
      this.reached(true);
      if (reply.status === 401 || reply.status === 403) {
        return [...results, ...valid.map(({ item }) => this.attention(item, 'unauthorized', reply.message, [], null))];
      }
      if (reply.status === 404 || reply.status === 405) this.batchUnsupported = true;
      return 'singles';
    }
    this.reached(true);
    this.lastSyncedAt = this.clock.now();
    const replayed: { item: OutboxItem; record: WorkOrderRecord; index: number }[] = [];
    reply.value.forEach((answer, index) => {
      const item = (valid[index] as { item: OutboxItem }).item;
      if (answer.kind === 'ok') {
        if (answer.replayed) replayed.push({ item, record: answer.record, index: results.length });
        results.push({ kind: 'synced', id: item.id, record: answer.record });
      } else if (RETRYABLE_STATUS(answer.status) || SESSION_ENDED(answer)) {
        const message = `HTTP ${answer.status} ${answer.code}: ${answer.message}`;
        results.push({ kind: 'retry', id: item.id, error: message, nextAttemptAt: this.retryAt(item.attempts) });
      } else if (answer.status === 401 || answer.status === 403) {
        results.push(this.attention(item, 'unauthorized', answer.message, [], null));
      } else {
        results.push(this.attention(item, 'rejected', answer.message, answer.issues, null));
      }
    });
    // Replayed answers are first responses: fetch the current copies, a few at a time.
    let next = 0;
    const worker = async () => {
      while (next < replayed.length && !signal.aborted) {
        const entry = replayed[next++] as (typeof replayed)[number];
        results[entry.index] = { kind: 'synced', id: entry.item.id, record: await this.refresh(client, entry.record, signal) };
      }
    };
    await Promise.all(Array.from({ length: Math.min(REFRESH_PARALLEL, replayed.length) }, worker));
    return results;
  }

  /** A replayed create answers with the first response; the status may have moved since. */
  private async refresh(client: WorkOrderServiceClient, record: WorkOrderRecord, signal: AbortSignal): Promise<WorkOrderRecord> {
    const fresh: ServiceReply<WorkOrderRecord> = await client.get(record.id, signal);
    return fresh.kind === 'ok' ? fresh.value : record;
  }

  private attention(
    item: OutboxItem,
    reason: Attention['reason'],
    message: string,
    issues: Attention['issues'],
    current: WorkOrderRecord | null,
  ): OutboxResult {
    const attention: Attention = {
      reason,
      message: message.slice(0, 2000),
      issues: issues.slice(0, 100),
      serverFields: current ? current.fields : null,
      serverVersion: current ? current.version : null,
    };
    return { kind: 'attention', id: item.id, attention, error: `${reason}: ${message}`.slice(0, 2000) };
  }

  /**
   * Where this target's change cursor is kept. Asks the service for its head
   * once per target: the answer names the service (its cursor key) and, for a
   * desk new to it, is where to start (the desk has none of its orders yet, so
   * the year before is of no use to it). A cursor kept under the address by an
   * older desk moves over. A service that knows no 'head' keeps the address key.
   */
  private async cursorKey(target: SyncTarget, generation: number): Promise<string | null> {
    if (this.resolvedKey?.target === target) return this.resolvedKey.key;
    const reply = await target.client.changes('head', 1, this.abort.signal);
    if (generation !== this.generation) return null;
    if (reply.kind === 'network' || (reply.kind === 'http-error' && RETRYABLE_STATUS(reply.status))) {
      this.reached(false, reply.kind === 'network' ? reply.message : `HTTP ${reply.status}`);
      return null;
    }
    const id = target.client.serviceId;
    let key = target.key;
    if (reply.kind === 'ok' && id !== null) {
      key = `service:${id}`;
      if (!this.repo.hasCursor(key)) {
        const start = this.repo.hasCursor(target.key) ? this.repo.cursor(target.key) : reply.value.nextCursor;
        this.repo.applyChanges(key, [], start);
      }
    }
    this.resolvedKey = { target, key };
    return key;
  }

  private async readChanges(target: SyncTarget, generation: number): Promise<void> {
    const key = await this.cursorKey(target, generation);
    if (key === null) return;
    for (let page = 0; page < 50; page += 1) {
      if (generation !== this.generation) return;
      const since = this.repo.cursor(key);
      const reply = await target.client.changes(since, 500, this.abort.signal);
      if (generation !== this.generation) return;
      if (reply.kind === 'http-error' && reply.status === 410 && reply.code === 'cursor-expired') {
        // Retention deleted what came after this cursor: start again at the head (the
        // service's copies of this desk's orders are read again on the next screen pop).
        const head = await target.client.changes('head', 1, this.abort.signal);
        if (generation !== this.generation || head.kind !== 'ok') return;
        this.repo.applyChanges(key, [], head.value.nextCursor);
        continue;
      }
      if (reply.kind !== 'ok') {
        if (reply.kind === 'network' || RETRYABLE_STATUS(reply.status)) {
          this.reached(false, reply.kind === 'network' ? reply.message : `HTTP ${reply.status}`);
        }
        return;
      }
      this.reached(true);
      const changed = this.repo.applyChanges(key, reply.value.changes, reply.value.nextCursor);
      if (changed.length > 0) this.options.onChanged?.(changed);
      if (!reply.value.hasMore) return;
    }
  }
}

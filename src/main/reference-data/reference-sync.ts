import type Database from 'better-sqlite3';
import { z } from 'zod';
import { lazySchema } from '../../shared/base/lazy-schema';
import { backoffDelay, type BackoffPolicy } from '../../shared/base/backoff';
import { REFERENCE_PATH, ReferenceHeadsSchema, ReferencePageSchema, type ReferenceHead } from '../../shared/reference-data/protocol';
import { tokenRefusalOf, type TokenRefusal } from '../centre/centre-client';
import { centreRequest, type CentreHttpReply } from '../centre/centre-request';
import { PollLoop } from '../centre/poll-loop';
import { DatasetCopy, type ReferenceDatasetBinding, type ReferenceDatasetHandle } from './dataset-copy';

/** How often the desk asks the centre whether a dataset moved: a publication reaches every desk within this (plus one round). */
export const REFERENCE_POLL_MS = 20_000;
/** Retries while the centre cannot be reached, up to the poll interval. */
export const REFERENCE_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: REFERENCE_POLL_MS, jitter: 0.5 };
/**
 * Items asked per page. A page is stored in one transaction on main, with the dataset's hook (the
 * knowledge index takes ~0.35 ms an article): 200 keeps each under ~100 ms, so a first copy never freezes the desk.
 */
const PAGE_ITEMS = 200;
/** Pages read per dataset per round: a first copy of 40,000 items takes one round, a bigger one the next. */
const MAX_PAGES_PER_ROUND = 200;

export interface ReferenceTarget {
  centreUrl: string;
  token: string;
}

export interface ReferenceSyncOptions {
  db: Database.Database;
  /** Read before every round: nothing is asked while signed out. */
  target(): ReferenceTarget | null;
  caPem?: () => string | null;
  onTokenRefused?: (code: TokenRefusal, token: string) => void;
  onError?: (error: unknown) => void;
  pollMs?: number;
  timeoutMs?: number;
  backoff?: BackoffPolicy;
  now?: () => number;
  random?: () => number;
}

/** The outcome of one round, for the status line and tests. */
export type ReferenceRound =
  | { kind: 'signed-out' }
  | { kind: 'synced'; changed: string[] }
  | { kind: 'unreachable'; message: string }
  | { kind: 'refused'; status: number; code: string | null };

const ErrorCodeSchema = lazySchema(() => z.object({ error: z.object({ code: z.string() }).passthrough() }).passthrough());

/**
 * Keeps the desk's copy of the centre's reference data: every poll interval it
 * asks `GET /v1/reference` where each dataset stands and reads the changes
 * after its own cursor, page by page, each page stored with its cursor in one
 * transaction (a dropped link resumes where it stopped). Features read their
 * copy through a typed handle, offline included. One round at a time.
 */
export class ReferenceDataSync {
  private readonly copies = new Map<string, DatasetCopy<unknown>>();
  private readonly now: () => number;
  private readonly pollMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly loop: PollLoop<ReferenceRound>;
  private retries = 0;
  private refusedToken: string | null = null;
  private lastError: string | null = null;

  constructor(private readonly options: ReferenceSyncOptions) {
    this.now = options.now ?? Date.now;
    this.pollMs = options.pollMs ?? REFERENCE_POLL_MS;
    this.backoff = options.backoff ?? { ...REFERENCE_BACKOFF, maxMs: this.pollMs };
    this.loop = new PollLoop(() => this.round(), (round) => this.delayAfter(round), this.pollMs);
  }

  /** Registers a feature's dataset (before start); the handle reads the desk's copy. */
  register<T>(binding: ReferenceDatasetBinding<T>): ReferenceDatasetHandle<T> {
    const name = binding.dataset.name;
    if (this.copies.has(name)) throw new Error(`reference dataset ${name} registered twice`);
    const copy = new DatasetCopy<T>(this.options.db, binding, (error) => this.options.onError?.(error));
    this.copies.set(name, copy as DatasetCopy<unknown>);
    return copy;
  }

  start(): void {
    this.loop.start();
  }

  close(): void {
    this.loop.close();
  }

  /** Runs a round now (or joins the one running), e.g. right after a sign-in. */
  syncNow(): Promise<ReferenceRound> {
    return this.loop.runNow();
  }

  /** Backs off while the centre cannot answer; otherwise the poll interval. */
  private delayAfter(round: ReferenceRound): number {
    if (round.kind === 'unreachable' || (round.kind === 'refused' && round.status >= 500)) {
      const delay = backoffDelay(this.retries, this.backoff, this.options.random);
      this.retries += 1;
      return delay;
    }
    this.retries = 0;
    return this.pollMs;
  }

  private async round(): Promise<ReferenceRound> {
    const target = this.options.target();
    if (!target || target.token === this.refusedToken || this.copies.size === 0) return { kind: 'signed-out' };
    try {
      const heads = await this.get(target, REFERENCE_PATH, ReferenceHeadsSchema);
      if (heads.kind !== 'ok') return heads.round;
      const changed: string[] = [];
      for (const head of heads.value.datasets) {
        const copy = this.copies.get(head.dataset);
        if (!copy) continue;
        const outcome = await this.follow(target, copy, heads.value.serviceId, head);
        if (outcome === 'changed') changed.push(head.dataset);
        else if (outcome !== 'unchanged') return outcome;
      }
      this.lastError = null;
      return { kind: 'synced', changed };
    } catch (error) {
      this.report(error);
      return { kind: 'unreachable', message: (error as Error)?.message ?? String(error) };
    }
  }

  /** Brings one dataset's copy to the centre's head. */
  private async follow(
    target: ReferenceTarget,
    copy: DatasetCopy<unknown>,
    serviceId: string,
    head: ReferenceHead,
  ): Promise<'changed' | 'unchanged' | ReferenceRound> {
    let state = copy.state();
    if (state && state.serviceId !== serviceId) {
      // Another centre's database: its cursors mean nothing here.
      copy.reset();
      state = null;
    }
    let cursor = state?.cursor ?? '0';
    if (state && cursor === head.cursor) {
      copy.checked(this.now());
      return 'unchanged';
    }
    if (!state && head.cursor === '0') return 'unchanged';
    for (let page = 0; page < MAX_PAGES_PER_ROUND; page += 1) {
      const reply = await this.get(target, `${REFERENCE_PATH}/${encodeURIComponent(copy.name)}?since=${cursor}&limit=${PAGE_ITEMS}`, ReferencePageSchema);
      if (reply.kind !== 'ok') return reply.round;
      copy.apply(serviceId, reply.value.version, reply.value.changes, reply.value.nextCursor, this.now());
      cursor = reply.value.nextCursor;
      if (!reply.value.hasMore) break;
    }
    return 'changed';
  }

  private async get<T>(target: ReferenceTarget, path: string, schema: z.ZodType<T>): Promise<{ kind: 'ok'; value: T } | { kind: 'failed'; round: ReferenceRound }> {
    const reply: CentreHttpReply = await centreRequest({
      baseUrl: target.centreUrl,
      method: 'GET',
      path,
      token: target.token,
      timeoutMs: this.options.timeoutMs ?? 15_000,
      caPem: this.options.caPem?.() ?? null,
    });
    if (reply.kind === 'unreachable') {
      this.report(new Error(reply.message));
      return { kind: 'failed', round: { kind: 'unreachable', message: reply.message } };
    }
    if (reply.status === 200) {
      const parsed = schema.safeParse(reply.body);
      if (parsed.success) return { kind: 'ok', value: parsed.data };
      this.report(new Error(`GET ${path}: the answer does not match the reference protocol`));
      return { kind: 'failed', round: { kind: 'refused', status: reply.status, code: 'invalid-answer' } };
    }
    const code = ErrorCodeSchema.safeParse(reply.body).data?.error.code ?? null;
    const refusal = tokenRefusalOf(reply.status, code);
    if (refusal) {
      this.refusedToken = target.token;
      this.options.onTokenRefused?.(refusal, target.token);
    } else {
      this.report(new Error(`GET ${path}: HTTP ${reply.status} (${code ?? 'no error code'})`));
    }
    return { kind: 'failed', round: { kind: 'refused', status: reply.status, code } };
  }

  /** Reports an error once until the next success (a desk offline for hours does not fill the log). */
  private report(error: unknown): void {
    const message = (error as Error)?.message ?? String(error);
    if (message === this.lastError) return;
    this.lastError = message;
    this.options.onError?.(error);
  }
}

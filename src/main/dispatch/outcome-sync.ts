import type Database from 'better-sqlite3';
import { z } from 'zod';
import { lazySchema } from '../../shared/base/lazy-schema';
import { DISPATCH_OUTCOMES_PATH, DISPATCH_RECORDS_PATH, DispatchOutcomePageSchema } from '../../shared/dispatch/wire';
import { tokenRefusalOf, type TokenRefusal } from '../centre/centre-client';
import { centreRequest } from '../centre/centre-request';
import { PollLoop } from '../centre/poll-loop';
import { SettingsTable } from '../store/settings-table';
import type { ReferenceTarget } from '../reference-data/reference-sync';
import type { DispatchLog } from './dispatch-log';

/** How often the desk reports its choices and reads outcomes back (outcomes come days later; this is plenty). */
export const DISPATCH_OUTCOMES_POLL_MS = 30_000;
const RECORDS_PER_ROUND = 50;
const OUTCOME_PAGES_PER_ROUND = 20;
/** Where this desk stands in its team's outcome feed, per centre address. */
const CURSOR_KEY = 'dispatch.outcomesCursor';
const CursorSchema = lazySchema(() => z.object({ centreUrl: z.string(), seq: z.number().int().nonnegative() }));
const ErrorCodeSchema = lazySchema(() => z.object({ error: z.object({ code: z.string() }).passthrough() }).passthrough());

export interface DispatchOutcomeSyncOptions {
  db: Database.Database;
  log: DispatchLog;
  /** Read before every round: nothing is sent while signed out. */
  target(): ReferenceTarget | null;
  caPem?: () => string | null;
  onTokenRefused?: (code: TokenRefusal, token: string) => void;
  /** New outcomes reached the desk (what it learned changed). */
  onOutcomes?: (count: number) => void;
  onError?: (error: unknown) => void;
  pollMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

export type DispatchRound = { kind: 'signed-out' } | { kind: 'done'; reported: number; outcomes: number } | { kind: 'failed'; message: string };

/**
 * Sends the centre what the desk suggested and the agent chose for each synced
 * work order (POST /v1/dispatch/records), and reads the team's outcomes back
 * (GET /v1/dispatch/outcomes?since=) into the desk's log, where learning reads
 * them. One round at a time; a failed round is tried again at the next poll.
 */
export class DispatchOutcomeSync {
  private readonly table: SettingsTable;
  private readonly now: () => number;
  private readonly loop: PollLoop<DispatchRound>;

  constructor(private readonly options: DispatchOutcomeSyncOptions) {
    this.table = new SettingsTable(options.db);
    this.now = options.now ?? Date.now;
    const pollMs = options.pollMs ?? DISPATCH_OUTCOMES_POLL_MS;
    this.loop = new PollLoop(() => this.round(), () => pollMs, pollMs);
  }

  start(): void {
    this.loop.start();
  }

  close(): void {
    this.loop.close();
  }

  syncNow(): Promise<DispatchRound> {
    return this.loop.runNow();
  }

  private async round(): Promise<DispatchRound> {
    const target = this.options.target();
    if (!target) return { kind: 'signed-out' };
    try {
      let reported = 0;
      for (const { workOrderId, record } of this.options.log.unreported(RECORDS_PER_ROUND)) {
        const reply = await this.request(target, 'POST', DISPATCH_RECORDS_PATH, record);
        if (reply.status === 422) {
          // The centre will never take this one (e.g. a department it no longer knows): do not send it forever.
          this.options.log.markReported(workOrderId, this.now());
          continue;
        }
        if (reply.status !== 200) return this.failed(target, reply.status, reply.body, DISPATCH_RECORDS_PATH);
        this.options.log.markReported(workOrderId, this.now());
        reported += 1;
      }
      const stored = CursorSchema.safeParse(this.table.read(CURSOR_KEY));
      let seq = stored.success && stored.data.centreUrl === target.centreUrl ? stored.data.seq : 0;
      let outcomes = 0;
      for (let page = 0; page < OUTCOME_PAGES_PER_ROUND; page += 1) {
        const reply = await this.request(target, 'GET', `${DISPATCH_OUTCOMES_PATH}?since=${seq}`);
        if (reply.status !== 200) return this.failed(target, reply.status, reply.body, DISPATCH_OUTCOMES_PATH);
        const parsed = DispatchOutcomePageSchema.safeParse(reply.body);
        if (!parsed.success) return { kind: 'failed', message: 'the outcomes answer does not match the protocol' };
        this.options.db.transaction(() => {
          for (const outcome of parsed.data.outcomes) if (this.options.log.applyOutcome(outcome)) outcomes += 1;
          this.table.write(CURSOR_KEY, { centreUrl: target.centreUrl, seq: parsed.data.nextSeq });
        })();
        seq = parsed.data.nextSeq;
        if (!parsed.data.hasMore) break;
      }
      if (outcomes > 0) this.options.onOutcomes?.(outcomes);
      return { kind: 'done', reported, outcomes };
    } catch (error) {
      this.options.onError?.(error);
      return { kind: 'failed', message: (error as Error)?.message ?? String(error) };
    }
  }

  private async request(target: ReferenceTarget, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const reply = await centreRequest({
      baseUrl: target.centreUrl,
      method,
      path,
      token: target.token,
      timeoutMs: this.options.timeoutMs ?? 15_000,
      caPem: this.options.caPem?.() ?? null,
      ...(body !== undefined ? { body } : {}),
    });
    if (reply.kind === 'unreachable') throw new Error(reply.message);
    return { status: reply.status, body: reply.body };
  }

  private failed(target: ReferenceTarget, status: number, body: unknown, path: string): DispatchRound {
    const code = ErrorCodeSchema.safeParse(body).data?.error.code ?? null;
    const refusal = tokenRefusalOf(status, code);
    if (refusal) this.options.onTokenRefused?.(refusal, target.token);
    const message = `${path}: HTTP ${status} (${code ?? 'no error code'})`;
    this.options.onError?.(new Error(message));
    return { kind: 'failed', message };
  }
}

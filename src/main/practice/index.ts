import type Database from 'better-sqlite3';
import { fail } from '../../shared/ipc/envelope';
import type { practiceInvokeContract } from '../../shared/ipc/contract-practice';
import { PRACTICE_OVERVIEW_PATH, PracticeOverviewSchema } from '../../shared/practice/result';
import { tokenRefusalOf, type TokenRefusal } from '../centre/centre-client';
import { centreRequest } from '../centre/centre-request';
import type { Handlers } from '../ipc/router';
import { CallScoring } from '../scorecard/call-scoring';
import { ScoreStore } from '../scorecard/score-store';
import type { CallsRepo } from '../store/calls-repo';
import { TimelineRepo } from '../timeline/timeline-repo';
import { NotAPracticeCall, PracticeResults } from './practice-results';
import { PracticeUploader, type PracticeTarget } from './practice-uploader';

export { PracticeResults, NotAPracticeCall, practiceSync, signalCounts } from './practice-results';
export { PracticeUploader, type PracticeTarget } from './practice-uploader';

export type PracticeHandlers = Pick<Handlers, keyof typeof practiceInvokeContract>;

export interface PracticeDeskOptions {
  db: Database.Database;
  calls: CallsRepo;
  /** The desk's agent (工号) now, as scores name them. */
  agent: () => string;
  /** The signed-in centre, its token and the signed-in 工号; null while signed out. */
  target: () => PracticeTarget | null;
  caPem?: () => string | null;
  onTokenRefused?: (code: TokenRefusal, token: string) => void;
  onError?: (error: unknown) => void;
  /** How often results left unsent (signed out, centre down) are tried again; default 30 s. */
  retryEveryMs?: number;
}

/**
 * Practice results on the desk (issue 14): each finished practice call scored
 * and kept, then sent to the signed-in centre once; and the trainer's
 * overview of their trainees, read from the centre.
 */
export function createPracticeDesk(options: PracticeDeskOptions) {
  const timeline = new TimelineRepo(options.db);
  const scoring = new CallScoring({ db: options.db, calls: options.calls, timeline, store: new ScoreStore(options.db), agent: options.agent });
  const results = new PracticeResults({ db: options.db, calls: options.calls, timeline, scoring, agent: options.agent });
  const uploader = new PracticeUploader({
    db: options.db,
    target: options.target,
    ...(options.caPem ? { caPem: options.caPem } : {}),
    ...(options.onTokenRefused ? { onTokenRefused: options.onTokenRefused } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  let timer: ReturnType<typeof setInterval> | null = null;

  const handlers: PracticeHandlers = {
    'practice:finished': (finished) => {
      try {
        const recorded = results.record(finished);
        uploader.kick();
        return recorded;
      } catch (error) {
        if (error instanceof NotAPracticeCall) return fail('not-found', error.message);
        throw error;
      }
    },
    'practice:history': ({ limit }) => results.history(options.agent(), options.target()?.agent ?? null, limit),
    'practice:overview': async () => {
      const target = options.target();
      if (!target) return { outcome: 'refused' as const, reason: 'signed-out', status: 0 };
      const reply = await centreRequest({ baseUrl: target.centreUrl, method: 'GET', path: PRACTICE_OVERVIEW_PATH, token: target.token, timeoutMs: 10_000, caPem: options.caPem?.() ?? null });
      if (reply.kind === 'unreachable') return { outcome: 'refused' as const, reason: 'unreachable', status: 0 };
      if (reply.status !== 200) {
        const code = (reply.body as { error?: { code?: unknown } } | null | undefined)?.error?.code;
        const refusal = tokenRefusalOf(reply.status, code);
        if (refusal) options.onTokenRefused?.(refusal, target.token);
        return { outcome: 'refused' as const, reason: typeof code === 'string' ? code.slice(0, 64) : 'bad-reply', status: reply.status };
      }
      const overview = PracticeOverviewSchema.safeParse(reply.body);
      return overview.success ? { outcome: 'ok' as const, overview: overview.data } : { outcome: 'refused' as const, reason: 'bad-reply', status: reply.status };
    },
  };

  return {
    handlers,
    results,
    uploader,
    start: () => {
      uploader.kick();
      timer = setInterval(() => uploader.kick(), options.retryEveryMs ?? 30_000);
      timer.unref?.();
    },
    close: () => {
      if (timer) clearInterval(timer);
      uploader.close();
    },
  };
}

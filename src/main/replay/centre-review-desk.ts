import { recordingAudioPath } from '../../shared/recording/recording-upload';
import { CENTRE_CALLS_PATH, CentreCallPageSchema } from '../../shared/review/centre-review';
import { CentreCallSearchSchema, type CentreUnavailable, type centreReviewInvokeContract } from '../../shared/ipc/contract-centre-review';
import type { reviewInvokeContract } from '../../shared/ipc/contract-review';
import type { TokenRefusal } from '../centre/centre-client';
import { centreRequest } from '../centre/centre-request';
import type { Handlers } from '../ipc/router';
import { fetchRange } from './centre-bytes';
import { CentreCallReporter, type CentreTarget, type CentreCallReporterOptions } from './centre-call-reporter';
import { ReviewBundles, type ReviewBundlesDeps } from './review-bundles';
import { centreSharedReviewHandlers } from './centre-shared-reviews';
import { ScoreStore } from '../scorecard/score-store';

type Channel = keyof typeof centreReviewInvokeContract;
type ReviewChannel = keyof typeof reviewInvokeContract;

/** Range size of a recording fetch: an hour's call (~15 MB) in 15 requests, each short enough to retry. */
export const FETCH_PART_BYTES = 1024 * 1024;
/** How often pending reports are tried without a new call (after a sign-in, a network back). */
const RETRY_EVERY_MS = 60_000;
/** The centre's template is looked at every this many report rounds (10 minutes). */
const TEMPLATE_EVERY_ROUNDS = 10;
/** The largest recording fetched whole into memory (a 24 h call is ~350 MB: refused rather than held). */
const MAX_FETCH_BYTES = 64 * 1024 * 1024;

export interface CentreReviewDeskOptions extends CentreCallReporterOptions {
  target: () => CentreTarget | null;
  /** Review bundles (export, import, read-only replay): the call log, its audio, the desk key's cipher, who exports. */
  bundles: Omit<ReviewBundlesDeps, 'db'>;
}

export interface CentreReviewDesk {
  reporter: CentreCallReporter;
  handlers: Pick<Handlers, Channel>;
  /** The replay's scoring handlers, each reporting the call again once its score changed. */
  wrapScoring(review: Pick<Handlers, ReviewChannel>): Pick<Handlers, ReviewChannel>;
  /**
   * Uses the centre's latest version of this desk's scorecard template when it differs from the one in use
   * (the centre's versions are the ones scores name); 'unavailable' when signed out or the centre is not there.
   */
  syncTemplate(): Promise<'adopted' | 'current' | 'unavailable'>;
  /** Sends what is pending now and every minute after (reports kept while signed out or offline); follows the centre's template. */
  start(): void;
  close(): void;
}

/**
 * The desk's side of case review at the centre: reports this desk's calls to
 * the centre's call list, searches that list for a trainer, and fetches a
 * recording that is not on this desk from the centre in byte ranges (kept in
 * memory for the replay, never written to disk in plain).
 */
export function createCentreReviewDesk(options: CentreReviewDeskOptions): CentreReviewDesk {
  const reporter = new CentreCallReporter(options);
  const bundles = new ReviewBundles({ db: options.db, ...options.bundles });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const refused = (status: number, body: unknown, token: string): CentreUnavailable => {
    const code = (body as { error?: { code?: unknown } } | null | undefined)?.error?.code;
    if (status === 401 && (code === 'token_revoked' || code === 'token_expired')) options.onTokenRefused?.(code as TokenRefusal, token);
    return { state: 'refused', status, code: typeof code === 'string' ? code : null };
  };

  const scores = new ScoreStore(options.db);
  const shared = centreSharedReviewHandlers({ ...options, scores });
  const handlers: Pick<Handlers, Channel> = {
    ...shared,
    'replay:centreCalls': async (input) => {
      const target = options.target();
      if (!target) return { state: 'signed-out' as const };
      const query = CentreCallSearchSchema.parse(input);
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value === undefined) continue;
        if (key === 'prompts') {
          if ((value as string[]).length > 0) params.set(key, (value as string[]).join(','));
        } else params.set(key, String(value));
      }
      const reply = await centreRequest({ baseUrl: target.centreUrl, method: 'GET', path: `${CENTRE_CALLS_PATH}?${params}`, token: target.token, timeoutMs, caPem: options.caPem?.() ?? null });
      if (reply.kind === 'unreachable') return { state: 'unreachable' as const, message: reply.message };
      if (reply.status !== 200) return refused(reply.status, reply.body, target.token);
      return { state: 'ok' as const, page: CentreCallPageSchema.parse(reply.body) };
    },
    'replay:centreAudio': async ({ recordingId }) => {
      const target = options.target();
      if (!target) return { state: 'signed-out' as const };
      const parts: Buffer[] = [];
      let offset = 0;
      let total: number | null = null;
      // Bounded by the size the first answer gives (and MAX_FETCH_BYTES).
      for (let n = 0; n < MAX_FETCH_BYTES / FETCH_PART_BYTES + 1; n++) {
        const reply = await fetchRange({ baseUrl: target.centreUrl, path: recordingAudioPath(recordingId), token: target.token, start: offset, end: offset + FETCH_PART_BYTES - 1, timeoutMs, caPem: options.caPem?.() ?? null });
        if (reply.kind === 'unreachable') return { state: 'unreachable' as const, message: reply.message };
        if (reply.kind === 'refused') return refused(reply.status, { error: { code: reply.code } }, target.token);
        total ??= reply.total;
        if (total !== null && total > MAX_FETCH_BYTES) return { state: 'refused' as const, status: 413, code: 'recording-too-large' };
        parts.push(reply.bytes);
        offset += reply.bytes.length;
        if (reply.status === 200 || reply.bytes.length === 0 || (total !== null && offset >= total)) break;
      }
      return { state: 'ok' as const, mime: 'audio/webm', base64: Buffer.concat(parts).toString('base64') };
    },
    'review:exportBundle': ({ callId, masked }) => {
      const file = bundles.exportCall(callId, { masked });
      return file ? { state: 'ok' as const, ...file } : { state: 'not-found' as const };
    },
    'review:importBundle': ({ text }) => bundles.importText(text),
    'review:imported': () => bundles.list(),
    'review:openImported': ({ id }) => {
      const review = bundles.open(id);
      return review ? { state: 'ok' as const, review } : { state: 'not-found' as const };
    },
    'review:importedAudio': ({ id }) => {
      const audio = bundles.audio(id);
      return audio ? { state: 'ok' as const, mime: audio.mime, base64: audio.data.toString('base64') } : { state: 'not-found' as const };
    },
  };

  const agent = () => options.target()?.agent ?? '';
  let timer: ReturnType<typeof setInterval> | null = null;
  let rounds = 0;
  const syncTemplate = async (): Promise<'adopted' | 'current' | 'unavailable'> => {
    const reply = await shared['scorecards:centreTemplates']({});
    if (!('state' in reply) || reply.state !== 'ok') return 'unavailable';
    const local = scores.template();
    const latest = reply.templates.find((stored) => stored.template.id === local.id)?.template;
    if (!latest || JSON.stringify(latest) === JSON.stringify(local)) return 'current';
    scores.adoptTemplate(latest, Date.now());
    return 'adopted';
  };
  const followTemplate = () => void syncTemplate().catch((error: unknown) => options.onError?.(error));
  return {
    reporter,
    handlers,
    wrapScoring: (review) => ({
      ...review,
      'scorecards:score': async (input) => {
        const result = await review['scorecards:score'](input);
        reporter.enqueue(input.callId, agent());
        return result;
      },
      'scorecards:override': async (input) => {
        const result = await review['scorecards:override'](input);
        reporter.enqueue(input.callId, agent());
        return result;
      },
    }),
    syncTemplate,
    start: () => {
      reporter.kick();
      followTemplate();
      timer ??= setInterval(() => {
        reporter.kick();
        if ((rounds = (rounds + 1) % TEMPLATE_EVERY_ROUNDS) === 0) followTemplate();
      }, RETRY_EVERY_MS);
      timer.unref?.();
    },
    close: () => {
      if (timer) clearInterval(timer);
      reporter.close();
    },
  };
}

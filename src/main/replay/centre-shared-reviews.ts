import { SCORECARD_TEMPLATES_PATH, SHARED_REVIEWS_PATH, reviewPath, reviewSharePath } from '../../shared/review/centre-review';
import type { CentreUnavailable, centreSharedReviewContract } from '../../shared/ipc/contract-centre-review';
import type { TokenRefusal } from '../centre/centre-client';
import type { Handlers } from '../ipc/router';
import { centreJson, type JsonReply } from './centre-bytes';
import type { CentreTarget } from './centre-call-reporter';
import type { ScoreStore } from '../scorecard/score-store';

type Channel = keyof typeof centreSharedReviewContract;

export interface CentreSharedReviewsOptions {
  /** This desk's scorecard template store (a published template is adopted as it is). */
  scores: Pick<ScoreStore, 'adoptTemplate'>;
  target: () => CentreTarget | null;
  caPem?: () => string | null;
  onTokenRefused?: (code: TokenRefusal, token: string) => void;
  timeoutMs?: number;
}

/**
 * Reviews kept at the centre, from the desk: a trainer reads and saves a
 * call's annotations and scorecard there and shares them with the agent; the
 * agent reads the reviews shared with them; trainers publish scorecard
 * templates as new versions. Each answer says when the centre is not there.
 */
export function centreSharedReviewHandlers(options: CentreSharedReviewsOptions): Pick<Handlers, Channel> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  type Call = { reply: JsonReply; token: string } | { unavailable: CentreUnavailable };
  const call = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers?: Record<string, string>): Promise<Call> => {
    const target = options.target();
    if (!target) return { unavailable: { state: 'signed-out' } };
    const reply = await centreJson({ baseUrl: target.centreUrl, method, path, token: target.token, body, headers, timeoutMs, caPem: options.caPem?.() ?? null });
    if (reply.kind === 'unreachable') return { unavailable: { state: 'unreachable', message: reply.message } };
    return { reply, token: target.token };
  };
  const refused = (reply: JsonReply & { kind: 'answer' }, token: string): CentreUnavailable => {
    const code = (reply.body as { error?: { code?: unknown } } | null | undefined)?.error?.code;
    if (reply.status === 401 && (code === 'token_revoked' || code === 'token_expired')) options.onTokenRefused?.(code, token);
    return { state: 'refused', status: reply.status, code: typeof code === 'string' ? code : null };
  };
  const answer = (result: Call) => ('unavailable' in result ? null : (result.reply as JsonReply & { kind: 'answer' }));

  return {
    'scorecards:adoptTemplate': (template) => options.scores.adoptTemplate(template, Date.now()),
    'review:centreReview': async ({ callId }) => {
      const result = await call('GET', reviewPath(callId));
      const reply = answer(result);
      if (!reply) return (result as { unavailable: CentreUnavailable }).unavailable;
      if (reply.status === 404 && (reply.body as { error?: { code?: string } })?.error?.code === 'no-review') return { state: 'none' as const };
      if (reply.status !== 200) return refused(reply, (result as { token: string }).token);
      const { call: centreCall, review } = reply.body as never;
      return { state: 'ok' as const, call: centreCall, review };
    },
    'review:saveCentreReview': async ({ callId, version, annotations, scorecard }) => {
      const result = await call('PUT', reviewPath(callId), { annotations, scorecard }, version === null ? {} : { 'if-match': `"${version}"` });
      const reply = answer(result);
      if (!reply) return (result as { unavailable: CentreUnavailable }).unavailable;
      if (reply.status === 409) return { state: 'conflict' as const, current: (reply.body as { current: never }).current };
      if (reply.status !== 200) return refused(reply, (result as { token: string }).token);
      return { state: 'ok' as const, review: reply.body as never };
    },
    'review:shareCentreReview': async ({ callId, shared }) => {
      const result = await call('POST', reviewSharePath(callId), { shared });
      const reply = answer(result);
      if (!reply) return (result as { unavailable: CentreUnavailable }).unavailable;
      if (reply.status !== 200) return refused(reply, (result as { token: string }).token);
      return { state: 'ok' as const, review: reply.body as never };
    },
    'review:sharedWithMe': async () => {
      const result = await call('GET', SHARED_REVIEWS_PATH);
      const reply = answer(result);
      if (!reply) return (result as { unavailable: CentreUnavailable }).unavailable;
      if (reply.status !== 200) return refused(reply, (result as { token: string }).token);
      return { state: 'ok' as const, reviews: (reply.body as { reviews: never }).reviews };
    },
    'scorecards:centreTemplates': async () => {
      const result = await call('GET', SCORECARD_TEMPLATES_PATH);
      const reply = answer(result);
      if (!reply) return (result as { unavailable: CentreUnavailable }).unavailable;
      if (reply.status !== 200) return refused(reply, (result as { token: string }).token);
      const { templates, versions } = reply.body as never;
      return { state: 'ok' as const, templates, versions };
    },
    'scorecards:publishTemplate': async (template) => {
      const result = await call('POST', SCORECARD_TEMPLATES_PATH, template);
      const reply = answer(result);
      if (!reply) return (result as { unavailable: CentreUnavailable }).unavailable;
      if (reply.status === 409) return { state: 'conflict' as const, current: (reply.body as { current: never }).current };
      if (reply.status !== 201) return refused(reply, (result as { token: string }).token);
      return { state: 'ok' as const, template: (reply.body as { template: never }).template };
    },
  };
}


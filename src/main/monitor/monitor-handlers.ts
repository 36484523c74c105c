import type { z } from 'zod';
import {
  GrantReplySchema,
  MONITOR_END_PATH,
  MONITOR_GRANTS_PATH,
  MONITOR_KEY_PATH,
  MONITOR_REDEEM_PATH,
  RedeemReplySchema,
} from '../../shared/domain/monitor';
import type { monitorInvokeContract } from '../../shared/ipc/contract-monitor';
import { tokenRefusalOf, type TokenRefusal } from '../centre/centre-client';
import { centreRequest, type CentreHttpReply } from '../centre/centre-request';
import type { Handlers } from '../ipc/router';

type MonitorChannel = keyof typeof monitorInvokeContract;
export type MonitorHandlers = Pick<Handlers, MonitorChannel>;

/** A grant is worth nothing after its 30 s: a slow centre is given up on well before. */
const TIMEOUT_MS = 5_000;

export interface MonitorHandlerDeps {
  /** The signed-in centre and the person's token; null when signed out. */
  target(): { centreUrl: string; token: string } | null;
  caPem?(): string | null;
  onTokenRefused?(code: TokenRefusal, token: string): void;
}

type Refused = { outcome: 'refused'; reason: string; status: number };

/** The monitor channels: each a request to the centre with the desk's token, its answer put in the contract's words. */
export function createMonitorHandlers(deps: MonitorHandlerDeps): MonitorHandlers {
  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ reply: CentreHttpReply } | Refused> {
    const target = deps.target();
    if (!target) return { outcome: 'refused', reason: 'signed-out', status: 0 };
    const reply = await centreRequest({ baseUrl: target.centreUrl, method, path, token: target.token, body, timeoutMs: TIMEOUT_MS, caPem: deps.caPem?.() ?? null });
    if (reply.kind === 'answer' && reply.status === 401) {
      const code = (reply.body as { error?: { code?: unknown } } | null)?.error?.code;
      const refusal = tokenRefusalOf(reply.status, code);
      if (refusal) deps.onTokenRefused?.(refusal, target.token);
    }
    return { reply };
  }

  const refusal = (reply: CentreHttpReply): Refused => {
    if (reply.kind === 'unreachable') return { outcome: 'refused', reason: 'unreachable', status: 0 };
    const body = reply.body as { reason?: unknown; error?: { code?: unknown } } | null | undefined;
    const reason = typeof body?.reason === 'string' ? body.reason : typeof body?.error?.code === 'string' ? body.error.code : 'bad-reply';
    return { outcome: 'refused', reason: reason.slice(0, 64), status: reply.status };
  };

  function parsed<T>(reply: CentreHttpReply, ok: number, schema: z.ZodType<T>): T | Refused {
    if (reply.kind !== 'answer' || reply.status !== ok) return refusal(reply);
    const result = schema.safeParse(reply.body);
    return result.success ? result.data : { outcome: 'refused', reason: 'bad-reply', status: reply.status };
  }

  return {
    'monitor:grant': async (request) => {
      const sent = await call('POST', MONITOR_GRANTS_PATH, request);
      if (!('reply' in sent)) return sent;
      const result = parsed(sent.reply, 201, GrantReplySchema);
      return 'outcome' in result ? result : { outcome: 'granted', ...result };
    },
    'monitor:redeem': async (request) => {
      const sent = await call('POST', MONITOR_REDEEM_PATH, request);
      if (!('reply' in sent)) return sent;
      const result = parsed(sent.reply, 200, RedeemReplySchema);
      return 'outcome' in result ? result : { outcome: 'accepted', ...result };
    },
    'monitor:publicKey': async () => {
      const sent = await call('GET', MONITOR_KEY_PATH);
      if (!('reply' in sent)) return sent;
      const reply = sent.reply;
      if (reply.kind !== 'answer' || reply.status !== 200) return refusal(reply);
      const body = reply.body as { kid?: unknown; alg?: unknown; jwk?: unknown } | null;
      if (typeof body?.kid !== 'string' || typeof body.alg !== 'string' || typeof body.jwk !== 'object' || body.jwk === null) {
        return { outcome: 'refused', reason: 'bad-reply', status: reply.status };
      }
      return { outcome: 'ok', kid: body.kid, alg: body.alg, jwk: body.jwk as Record<string, unknown> };
    },
    'monitor:end': async (request) => {
      await call('POST', MONITOR_END_PATH, request).catch(() => undefined);
      return { done: true };
    },
  };
}

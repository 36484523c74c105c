import {
  AlertAckReplySchema,
  FLOOR_ALERTS_PATH,
  FLOOR_DETAIL_PATH,
  FloorAlertSchema,
  FloorDetailSchema,
  type FloorAlert,
} from '../../shared/domain/floor';
import type { DeskDetail, FloorSnapshot } from '../../shared/ipc/contract-floor';
import { fail } from '../../shared/ipc/envelope';
import { z } from 'zod';
import { lazySchema } from '../../shared/base/lazy-schema';
import { centreRequest, type CentreHttpReply } from '../centre/centre-request';
import type { Handlers } from '../ipc/router';
import type { FloorTarget } from './floor-reporter';

type FloorChannel = 'floor:snapshot' | 'floor:deskDetail' | 'floor:raiseEmergency' | 'floor:alertStatus' | 'floor:ackAlert' | 'floor:agentDetail';
export type FloorHandlers = Pick<Handlers, FloorChannel>;

export interface FloorHandlerDeps {
  target(): FloorTarget | null;
  caPem(): string | null;
  snapshot(): FloorSnapshot;
  deskDetail(detail: DeskDetail): void;
  /** This desk acknowledged an alert: the floor shows it at once. */
  alertTaken(alert: FloorAlert): void;
}

const AlertReplySchema = lazySchema(() => z.object({ alert: FloorAlertSchema }));
const DetailReplySchema = lazySchema(() => z.object({ detail: FloorDetailSchema.nullable() }));
/** An emergency must not wait long for the centre before the SIP MESSAGE fallback goes. */
const RAISE_TIMEOUT_MS = 3_000;

/** The floor's IPC: main speaks to the centre; the renderer gets parsed answers or a clear failure. */
export function createFloorHandlers(deps: FloorHandlerDeps): FloorHandlers {
  const ask = async (method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = 10_000): Promise<CentreHttpReply | null> => {
    const target = deps.target();
    if (!target) return null;
    return centreRequest({ baseUrl: target.centreUrl, method, path, token: target.token, body, timeoutMs, caPem: deps.caPem() });
  };
  type Answer<T> = { ok: true; value: T } | { ok: false; message: string; envelope: ReturnType<typeof fail> };
  const refused = (code: 'internal' | 'not-found', message: string) => ({ ok: false as const, message, envelope: fail(code, message) });
  const answer = <T>(reply: CentreHttpReply | null, schema: z.ZodType<T>, what: string): Answer<T> => {
    if (!reply) return refused('internal', 'Not signed in to a centre.');
    if (reply.kind === 'unreachable') return refused('internal', `${what}: ${reply.message}`);
    if (reply.status === 404) return refused('not-found', `${what}: not found`);
    if (reply.status === 403) return refused('not-found', `${what}: not allowed`);
    const parsed = schema.safeParse(reply.body);
    if (reply.status >= 300 || !parsed.success) return refused('internal', `${what}: HTTP ${reply.status}`);
    return { ok: true, value: parsed.data };
  };
  return {
    'floor:snapshot': () => deps.snapshot(),
    'floor:deskDetail': (detail) => {
      deps.deskDetail(detail);
      return { done: true } as const;
    },
    'floor:raiseEmergency': async (raise) => {
      const reply = await ask('POST', FLOOR_ALERTS_PATH, raise, RAISE_TIMEOUT_MS);
      const result = answer(reply, AlertReplySchema, 'raise');
      if (!result.ok) return { outcome: 'unreachable' as const, message: result.message };
      return { outcome: 'posted' as const, alert: result.value.alert };
    },
    'floor:alertStatus': async ({ id }) => {
      const result = answer(await ask('GET', `${FLOOR_ALERTS_PATH}/${id}`), AlertReplySchema, 'alert');
      if (!result.ok) return result.envelope;
      return { alert: result.value.alert };
    },
    'floor:ackAlert': async ({ id }) => {
      const result = answer(await ask('POST', `${FLOOR_ALERTS_PATH}/${id}/ack`), AlertAckReplySchema, 'acknowledge');
      if (!result.ok) return result.envelope;
      deps.alertTaken(result.value.alert);
      return result.value;
    },
    'floor:agentDetail': async ({ personId }) => {
      const result = answer(await ask('GET', `${FLOOR_DETAIL_PATH}/${personId}`), DetailReplySchema, 'detail');
      if (!result.ok) return result.envelope;
      return result.value;
    },
  };
}

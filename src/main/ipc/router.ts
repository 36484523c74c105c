import { fail, issuesOf, ok, type Envelope } from '../../shared/ipc/envelope';
import {
  invokeContract,
  isInvokeChannel,
  type InvokeChannel,
  type ParsedRequestOf,
  type ReplyOf,
} from '../../shared/ipc/contract';
import type { IpcSender } from './sender-policy';

/** A handler may return a value or an envelope (to answer with a specific error). */
export type Handlers = {
  [C in InvokeChannel]: (request: ParsedRequestOf<C>) => ReplyOf<C> | Envelope<ReplyOf<C>> | Promise<ReplyOf<C> | Envelope<ReplyOf<C>>>;
};

export interface IpcRouter {
  handle(sender: IpcSender, channel: string, payload: unknown): Promise<Envelope<unknown>>;
}

export interface RouterOptions {
  isTrustedSender: (sender: IpcSender) => boolean;
  onError?: (channel: string, error: unknown) => void;
}

const isEnvelope = (value: unknown): value is Envelope<unknown> =>
  typeof value === 'object' && value !== null && 'ok' in value && typeof (value as { ok: unknown }).ok === 'boolean';

/**
 * The single way into main: check the sender, parse the payload with the
 * contract's schema, run the handler, answer with an envelope. Handlers never
 * see unparsed input, and a throw never crosses IPC as a raw exception.
 */
export function createIpcRouter(handlers: Handlers, options: RouterOptions): IpcRouter {
  return {
    async handle(sender, channel, payload) {
      if (!options.isTrustedSender(sender)) return fail('untrusted-sender', `Refused ${channel} from ${sender.frameUrl ?? 'a closed frame'}`);
      if (!isInvokeChannel(channel)) return fail('unknown-channel', `No such channel: ${channel}`);
      const parsed = invokeContract[channel].request.safeParse(payload);
      if (!parsed.success) return fail('invalid-payload', `Invalid request for ${channel}`, issuesOf(parsed.error));
      try {
        const handler = handlers[channel] as (request: unknown) => unknown;
        const result = await handler(parsed.data);
        return isEnvelope(result) ? result : ok(result);
      } catch (error) {
        options.onError?.(channel, error);
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'string' && code.startsWith('SQLITE_')) return fail('storage-failed', `Could not save: ${code}`);
        return fail('internal', `${channel} failed: ${(error as Error).message}`);
      }
    },
  };
}

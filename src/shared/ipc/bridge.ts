import type { Envelope } from './envelope';
// Types only from the contract: its values would bring every zod schema into the preload and renderer.
import type { EventChannel, EventPayloadOf, InvokeChannel, ReplyOf, RequestOf } from './contract';

type Namespace<C> = C extends `${infer N}:${string}` ? N : never;

/** `bridge.settings.get({})` for channel `settings:get`, and so on for every channel of the contract. */
export type HotlineBridge = {
  [N in Namespace<InvokeChannel>]: {
    [C in InvokeChannel as C extends `${N}:${infer M}` ? M : never]: (request: RequestOf<C>) => Promise<Envelope<ReplyOf<C>>>;
  };
} & {
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void;
};

/**
 * What the preload (or the test harness) exposes on `window`: two functions and
 * nothing else. Main answers only the contract's channels, from its own
 * origin's main frame, after parsing every request with the contract's schema.
 */
export interface RawBridge {
  invoke(channel: string, request: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

/** A channel name's shape: `namespace:method`. Anything else never leaves the page. */
export const CHANNEL_NAME = /^[a-zA-Z]{1,40}:[a-zA-Z]{1,40}$/;

export function checkChannelName(channel: unknown): string {
  if (typeof channel !== 'string' || !CHANNEL_NAME.test(channel)) throw new Error(`Not an IPC channel name: ${String(channel)}`);
  return channel;
}

/**
 * The typed API over the raw bridge: `bridge.workOrders.save(request)` invokes
 * `workOrders:save`. The channel names are written once, in the contract; the
 * renderer carries neither a copy of them nor the contract's schemas.
 */
export function buildBridge(raw: RawBridge): HotlineBridge {
  const namespaces = new Map<string, Record<string, (request: unknown) => Promise<unknown>>>();
  const namespace = (name: string) => {
    let methods = namespaces.get(name);
    if (!methods) {
      methods = new Proxy({} as Record<string, (request: unknown) => Promise<unknown>>, {
        get: (_target, method) => (typeof method === 'string' ? (request: unknown) => raw.invoke(checkChannelName(`${name}:${method}`), request) : undefined),
      });
      namespaces.set(name, methods);
    }
    return methods;
  };
  const on = (event: string, listener: (payload: unknown) => void) => raw.on(checkChannelName(event), listener);
  return new Proxy({} as HotlineBridge, {
    get: (_target, key) => {
      if (key === 'on') return on;
      // Not a thenable: awaiting the bridge must not look for a `then` namespace.
      if (typeof key !== 'string' || key === 'then') return undefined;
      return namespace(key);
    },
  });
}

/** The name the raw bridge is exposed under on `window`. */
export const BRIDGE_GLOBAL = 'hotline';

import type { Envelope } from './envelope';
// Types only from the contract: its values would bring every zod schema into the preload and renderer.
import type { EventChannel, EventPayloadOf, InvokeChannel, ReplyOf, RequestOf } from './contract';
import { EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES } from './channels';

type Namespace<C> = C extends `${infer N}:${string}` ? N : never;

/** `bridge.settings.get({})` for channel `settings:get`, and so on for every channel. */
export type HotlineBridge = {
  [N in Namespace<InvokeChannel>]: {
    [C in InvokeChannel as C extends `${N}:${infer M}` ? M : never]: (
      request: RequestOf<C>,
    ) => Promise<Envelope<ReplyOf<C>>>;
  };
} & {
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void;
};

export type InvokeTransport = (channel: InvokeChannel, request: unknown) => Promise<unknown>;
export type SubscribeTransport = (channel: EventChannel, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the renderer-facing API from the contract. The preload passes Electron's
 * ipcRenderer; the end-to-end harness passes a Playwright binding. Nothing else differs.
 */
export function buildBridge(invoke: InvokeTransport, subscribe: SubscribeTransport): HotlineBridge {
  const api: Record<string, Record<string, (request: unknown) => Promise<unknown>>> = {};
  for (const channel of INVOKE_CHANNEL_NAMES) {
    const [namespace, method] = channel.split(':') as [string, string];
    api[namespace] ??= {};
    api[namespace][method] = (request: unknown) => invoke(channel, request);
  }
  const on = (event: EventChannel, listener: (payload: unknown) => void): (() => void) => {
    if (!(EVENT_CHANNEL_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown event channel: ${event}`);
    return subscribe(event, listener);
  };
  return Object.assign(api, { on }) as unknown as HotlineBridge;
}

/** The name the bridge is exposed under on `window`. */
export const BRIDGE_GLOBAL = 'hotline';

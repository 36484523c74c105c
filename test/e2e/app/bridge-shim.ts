// Runs in the page before the renderer, in place of Electron's preload (the
// Electron binary cannot be downloaded on the test machines). It exposes the
// very same raw bridge (invoke, on, with the same channel-name check); only the
// transport is a Playwright binding into the test's Node process instead of ipcRenderer.
import { BRIDGE_GLOBAL, checkChannelName, type RawBridge } from '../../../src/shared/ipc/bridge';
import { withStartPrefetch } from '../../../src/shared/ipc/start-prefetch';

type Listener = (payload: unknown) => void;
interface ShimWindow {
  __hotlineInvoke(channel: string, request: unknown): Promise<unknown>;
  __hotlineDispatch(channel: string, payload: unknown): void;
}

const shimWindow = window as unknown as ShimWindow & Record<string, unknown>;
const listeners = new Map<string, Set<Listener>>();

shimWindow.__hotlineDispatch = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

const raw: RawBridge = {
  invoke: (channel, request) => shimWindow.__hotlineInvoke(checkChannelName(channel), request),
  on: (channel, listener) => {
    const name = checkChannelName(channel);
    const set = listeners.get(name) ?? new Set<Listener>();
    listeners.set(name, set);
    set.add(listener);
    return () => set.delete(listener);
  },
};
// As the preload does: the start's requests go out before the page's script runs (not from a new tab's about:blank).
shimWindow[BRIDGE_GLOBAL] = Object.freeze(location.protocol === 'about:' ? raw : withStartPrefetch(raw));

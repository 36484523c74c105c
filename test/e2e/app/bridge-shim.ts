// Runs in the page before the renderer, in place of Electron's preload (the
// Electron binary cannot be downloaded on the test machines). It builds the
// very same bridge from the contract; only the transport is a Playwright
// binding into the test's Node process instead of ipcRenderer.
import { BRIDGE_GLOBAL, buildBridge } from '../../../src/shared/ipc/bridge';

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

shimWindow[BRIDGE_GLOBAL] = Object.freeze(
  buildBridge(
    (channel, request) => shimWindow.__hotlineInvoke(channel, request),
    (channel, listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  ),
);

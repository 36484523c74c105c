// Sandboxed preload: exposes two functions, invoke and on, for channels shaped
// `namespace:method`. The page never sees ipcRenderer itself; main registers a
// handler only for the contract's channels and checks the sender and every
// payload (src/main/ipc/router.ts).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, checkChannelName, type RawBridge } from '../shared/ipc/bridge';
import { withStartPrefetch } from '../shared/ipc/start-prefetch';

const raw: RawBridge = {
  invoke: (channel, request) => ipcRenderer.invoke(checkChannelName(channel), request),
  on: (channel, listener) => {
    const name = checkChannelName(channel);
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(name, handler);
    return () => ipcRenderer.removeListener(name, handler);
  },
};

// The start's requests go out now, while the page's script downloads (shared/ipc/start-prefetch.ts).
contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, withStartPrefetch(raw));

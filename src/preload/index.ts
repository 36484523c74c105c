// Sandboxed preload: exposes one object of named functions built from the IPC
// contract. The page never sees ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, buildBridge } from '../shared/ipc/bridge';

const bridge = buildBridge(
  (channel, request) => ipcRenderer.invoke(channel, request),
  (channel, listener) => {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => ipcRenderer.removeListener(channel, handler);
  },
);

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);

import { ipcMain, type WebContents } from 'electron';
import { INVOKE_CHANNELS, type EventChannel, type EventPayloadOf } from '../../shared/ipc/contract';
import type { IpcRouter } from '../ipc/router';

/** Connects every contract channel to the router; the router does the checking. */
export function exposeRouter(router: IpcRouter): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      router.handle(
        {
          frameUrl: event.senderFrame?.url ?? null,
          isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
        },
        channel,
        payload,
      ),
    );
  }
}

export function sendEvent<E extends EventChannel>(contents: WebContents, event: E, payload: EventPayloadOf<E>): void {
  contents.send(event, payload);
}

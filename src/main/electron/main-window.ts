import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { hardenWindow } from './harden';
import { sendEvent } from './ipc-transport';
import { APP_ORIGIN } from '../app-origin';

/** How long a closing window waits for the renderer to save pending edits. */
const FLUSH_TIMEOUT_MS = 2000;

export interface MainWindow {
  window: BrowserWindow;
  /** The renderer reported that pending edits are saved. */
  flushed(): void;
}

export function createMainWindow(preloadPath: string): MainWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    title: 'Hotline Desk',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // The ringtone must sound on the very first call, before the agent has clicked anything.
      autoplayPolicy: 'no-user-gesture-required',
      // The code cache written on the first start after an install or update, not the second (Chromium's heat
      // check): the second start then deserialises the first chunk instead of compiling it (−225 ms to registered
      // between those two kinds of start in the lab). Still lazy: eager compilation held 1.2 MB more heap in a call.
      v8CacheOptions: 'bypassHeatCheck',
    },
  });
  hardenWindow(window, APP_ORIGIN);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);

  // Closing waits (bounded) for the renderer to flush the ticket draft.
  let releaseClose: (() => void) | null = null;
  let closing = false;
  window.on('close', (event) => {
    // A second close (another click, app.quit) while waiting must not skip the save either.
    event.preventDefault();
    if (closing) return;
    closing = true;
    const timer = setTimeout(() => releaseClose?.(), FLUSH_TIMEOUT_MS);
    releaseClose = () => {
      clearTimeout(timer);
      releaseClose = null;
      if (!window.isDestroyed()) window.destroy();
    };
    sendEvent(window.webContents, 'lifecycle:flushRequest', {});
  });

  return { window, flushed: () => releaseClose?.() };
}

export const preloadPathFrom = (mainDir: string): string => join(mainDir, '..', 'preload', 'index.js');

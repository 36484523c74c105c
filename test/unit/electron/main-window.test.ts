// The `electron` module is replaced by a fake (./fake-electron) because the
// Electron binary cannot be downloaded or run here. The fake BrowserWindow
// follows Electron's documented close()/destroy() behaviour: 'close' can be
// prevented, destroy() closes without a 'close' event, and a destroyed window throws.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../../../src/main/app-origin';
import { createMainWindow, type MainWindow } from '../../../src/main/electron/main-window';
import type { FakeBrowserWindow } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const PRELOAD = '/opt/hotline-desk/resources/app.asar/dist/preload/index.js';

describe('main window', () => {
  let main: MainWindow;
  let window: FakeBrowserWindow;
  beforeEach(() => {
    main = createMainWindow(PRELOAD);
    window = main.window as unknown as FakeBrowserWindow;
  });

  it('is created isolated and sandboxed, with our preload', () => {
    expect(window.options.webPreferences).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('writes the code cache from the first start after an update, compiling lazily', () => {
    expect(window.options.webPreferences).toMatchObject({ v8CacheOptions: 'bypassHeatCheck' });
  });

  it('loads our app page, hardened, and shows once ready', () => {
    expect(window.loadedUrls).toEqual([`${APP_ORIGIN}/index.html`]);
    expect(window.webContents.windowOpen('https://example.com/')).toEqual({ action: 'deny' });
    expect(window.isVisible()).toBe(false);
    window.emit('ready-to-show');
    expect(window.isVisible()).toBe(true);
  });

  describe('closing', () => {
    it('asks the renderer to save pending edits and closes when it has', () => {
      window.close();
      expect(window.isDestroyed()).toBe(false);
      expect(window.webContents.sent).toEqual([{ channel: 'lifecycle:flushRequest', args: [{}] }]);
      main.flushed();
      expect(window.isDestroyed()).toBe(true);
      expect(() => main.flushed()).not.toThrow(); // A late answer finds nothing to release.
    });

    it('a second close while waiting still waits for the renderer', () => {
      window.close();
      window.close();
      expect(window.isDestroyed()).toBe(false);
      main.flushed();
      expect(window.isDestroyed()).toBe(true);
    });

    it('ignores a flush report when no close is pending', () => {
      main.flushed();
      expect(window.isDestroyed()).toBe(false);
    });

    describe('when the renderer never answers', () => {
      beforeEach(() => vi.useFakeTimers());
      afterEach(() => vi.useRealTimers());

      it('closes after 2 s anyway', () => {
        window.close();
        vi.advanceTimersByTime(1999);
        expect(window.isDestroyed()).toBe(false);
        vi.advanceTimersByTime(1);
        expect(window.isDestroyed()).toBe(true);
        expect(() => main.flushed()).not.toThrow();
      });

      it('does not throw when the window was destroyed some other way meanwhile', () => {
        window.close();
        window.destroy();
        expect(() => vi.advanceTimersByTime(2000)).not.toThrow();
      });
    });
  });
});

// The Electron entry: the only main-process file that needs the Electron binary.
// Everything it wires together (store, router, handlers) lives in src/main and
// runs in plain Node for tests.
import { app, dialog, session } from 'electron';
import log from 'electron-log/main';
import { join } from 'node:path';
import { createAppCore, type AppCore } from '../app-core';
import { StoreOpenError } from '../store/database';
import { quarantineDatabase } from '../store/quarantine';
import { scheduleIntegrityCheck } from '../store/integrity-check';
import { APP_ORIGIN } from '../app-origin';
import { RENDERER_JS_FLAGS } from '../renderer-v8-flags';
import { RendererCsp } from '../renderer-csp';
import { SettingsRepo } from '../store/settings-repo';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { restrictPermissions } from './harden';
import { trustCustomCa } from './custom-ca-verify';
import { exposeRouter, sendEvent } from './ipc-transport';
import { createMainWindow, preloadPathFrom, type MainWindow } from './main-window';
import { createSafeStorageCipher } from './safe-storage-cipher';
import type { PackState } from '../../shared/ipc/contract-guidance';
import { createGlobalShortcuts } from './shortcuts';
import { focusForIncomingCall, showFloorNotice } from './notifications';

log.initialize();
registerAppScheme();
// Renderer processes start with these V8 flags (why: src/main/renderer-v8-flags.ts).
app.commandLine.appendSwitch('js-flags', RENDERER_JS_FLAGS);

if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: MainWindow | null = null;
/** The database's full check starts a minute into the run (after the window, the renderer and registering), between calls. */
const INTEGRITY_CHECK_AFTER_MS = 60_000;
const shortcuts = createGlobalShortcuts(() => mainWindow?.window.webContents ?? null);

function openCore(databasePath: string): AppCore | null {
  const options = {
    databasePath,
    cipher: createSafeStorageCipher(),
    trustedOrigins: [APP_ORIGIN],
    onFlushed: () => mainWindow?.flushed(),
    onError: (channel: string, error: unknown) => log.error(`IPC ${channel} failed`, error),
    packsDir: join(app.getPath('userData'), 'script-packs'),
    onPackChanged: (state: PackState) => {
      const contents = mainWindow?.window.webContents;
      if (contents && !contents.isDestroyed()) sendEvent(contents, 'guidance:packChanged', state);
    },
    agentDesk: { applyShortcuts: shortcuts.apply, focusWindow: () => focusForIncomingCall(mainWindow?.window) },
    floor: { notify: (notice: { title: string; body: string }) => showFloorNotice(notice, () => mainWindow?.window) },
  };
  try {
    return createAppCore(options);
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    if (error.kind === 'corrupt') {
      const movedTo = quarantineDatabase(databasePath);
      log.error('Database damaged, moved aside', movedTo, error);
      dialog.showErrorBox(
        '数据库已损坏 / Database damaged',
        `本地数据库无法读取，已另存为：\n${movedTo}\n应用将以新数据库启动。\n\nThe local database could not be read. It was kept as the file above and the app starts with a new one.`,
      );
      return createAppCore(options);
    }
    log.error('Database refused', error);
    dialog.showErrorBox('无法打开数据库 / Cannot open the database', error.message);
    return null;
  }
}

void app.whenReady().then(() => {
  const databasePath = join(app.getPath('userData'), 'hotline-desk.sqlite');
  const core = openCore(databasePath);
  if (!core) {
    app.quit();
    return;
  }
  restrictPermissions(session.defaultSession, APP_ORIGIN);
  trustCustomCa(session.defaultSession, () => core.phoneSettings.readCustomCa(), (host) => log.info('TLS: accepted by the custom CA', host));
  const settings = new SettingsRepo(core.db);
  const csp = new RendererCsp(() => [
    settings.read().settings?.account.wsServer ?? '',
    ...(core.phoneSettings.readPreferences()?.backupServers ?? []),
  ]);
  serveRenderer(join(__dirname, '..', 'renderer'), () => csp.header(), core.replayAudio);
  exposeRouter({
    handle: async (sender, channel, payload) => {
      const reply = await core.router.handle(sender, channel, payload);
      // The page may connect only to the servers it was served with: load it again to reach new ones.
      if (reply.ok && (channel === 'settings:save' || channel === 'phone:savePreferences' || channel === 'centre:signIn') && csp.changedSinceServed()) {
        setImmediate(() => mainWindow?.window.webContents.reload());
      }
      return reply;
    },
  });
  // Work-order sync state and per-order changes (issue 5) go to the window as they happen.
  core.events.on((event, payload) => {
    const contents = mainWindow?.window.webContents;
    if (contents && !contents.isDestroyed()) sendEvent(contents, event, payload);
  });
  mainWindow = createMainWindow(preloadPathFrom(__dirname));
  const stopIntegrityCheck = scheduleIntegrityCheck({
    databasePath,
    workerFile: join(__dirname, 'integrity-worker.js'),
    afterMs: INTEGRITY_CHECK_AFTER_MS,
    busy: () => core.callInProgress(),
    onDamaged: (problem) => {
      log.error('Database damaged (background check)', problem);
      const window = mainWindow?.window;
      const message = {
        type: 'warning' as const,
        title: '数据库损坏 / Database damaged',
        message:
          '本地数据库检查发现损坏。请尽快联系技术支持；下次启动时应用会把它另存并新建数据库。\n\nThe local database failed its check. Please contact support; at the next start the app keeps it aside and starts with a new one.',
        detail: problem,
      };
      void (window && !window.isDestroyed() ? dialog.showMessageBox(window, message) : dialog.showMessageBox(message));
    },
    onUnchecked: (problem) => log.warn('Database check not done', problem),
  });

  app.on('second-instance', () => {
    const window = mainWindow?.window;
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    stopIntegrityCheck();
    shortcuts.clear();
    core.close();
  });
});

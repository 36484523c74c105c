import type Database from 'better-sqlite3';
import { openDatabase } from './store/database';
import { SettingsRepo } from './store/settings-repo';
import { CallsRepo } from './store/calls-repo';
import { DraftsRepo } from './store/drafts-repo';
import { SecretStore } from './secrets/secret-store';
import type { SecretCipher } from './secrets/secret-cipher';
import { createHandlers } from './ipc/handlers';
import { createIpcRouter, type IpcRouter } from './ipc/router';
import { createSenderPolicy } from './ipc/sender-policy';

export interface AppCoreOptions {
  databasePath: string;
  cipher: SecretCipher;
  /** Origins whose main frames may call IPC (the app's own pages). */
  trustedOrigins: readonly string[];
  onFlushed?: () => void;
  onError?: (channel: string, error: unknown) => void;
}

export interface AppCore {
  db: Database.Database;
  router: IpcRouter;
  close(): void;
}

/**
 * Everything main does, without Electron: the Electron entry and the
 * end-to-end harness both build exactly this and differ only in transport.
 */
export function createAppCore(options: AppCoreOptions): AppCore {
  const db = openDatabase(options.databasePath);
  const handlers = createHandlers({
    settings: new SettingsRepo(db),
    secrets: new SecretStore(db, options.cipher),
    calls: new CallsRepo(db),
    drafts: new DraftsRepo(db),
    onFlushed: () => options.onFlushed?.(),
  });
  const router = createIpcRouter(handlers, {
    isTrustedSender: createSenderPolicy(options.trustedOrigins),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  return {
    db,
    router,
    close: () => db.close(),
  };
}

import { join } from 'node:path';
import { createAppCore, type AppCore, type AppCoreOptions } from '../../src/main/app-core';
import type { IpcSender } from '../../src/main/ipc/sender-policy';
import type { SecretCipher } from '../../src/main/secrets/secret-cipher';
import { createTestCipher } from './test-cipher';

export const TEST_ORIGIN = 'http://localhost';
export const APP_SENDER: IpcSender = { frameUrl: `${TEST_ORIGIN}/app/index.html`, isMainFrame: true };

/** What a test may add to the core: the Electron-only hooks (window focus, global shortcuts), the safeStorage stand-in (to reopen a desk with its key). */
export type TestCoreOptions = Partial<Pick<AppCoreOptions, 'agentDesk' | 'cipher' | 'floor'>>;

/** The real main-process core on a database in `dir`, as the Electron entry builds it. */
export function openTestCore(dir: string, cipher: SecretCipher = createTestCipher(), options: TestCoreOptions = {}): AppCore {
  return createAppCore({ databasePath: join(dir, 'hotline-desk.sqlite'), cipher, trustedOrigins: [TEST_ORIGIN], ...options });
}

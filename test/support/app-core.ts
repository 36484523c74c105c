import { join } from 'node:path';
import { createAppCore, type AppCore } from '../../src/main/app-core';
import type { IpcSender } from '../../src/main/ipc/sender-policy';
import type { SecretCipher } from '../../src/main/secrets/secret-cipher';
import { createTestCipher } from './test-cipher';

export const TEST_ORIGIN = 'http://localhost';
export const APP_SENDER: IpcSender = { frameUrl: `${TEST_ORIGIN}/app/index.html`, isMainFrame: true };

/** The real main-process core on a database in `dir`, as the Electron entry builds it. */
export function openTestCore(dir: string, cipher: SecretCipher = createTestCipher()): AppCore {
  return createAppCore({ databasePath: join(dir, 'hotline-desk.sqlite'), cipher, trustedOrigins: [TEST_ORIGIN] });
}

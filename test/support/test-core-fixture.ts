import { afterEach, beforeEach } from 'vitest';
import type { AppCore } from '../../src/main/app-core';
import type { SecretCipher } from '../../src/main/secrets/secret-cipher';
import { APP_SENDER, openTestCore } from './app-core';
import { makeTempDir } from './temp-dir';

export interface TestCoreFixture {
  /** The core open now (a new one for each test, on a database of its own). */
  readonly core: AppCore;
  /** The folder that holds its database. */
  readonly dir: string;
  /** An IPC request from our app's main frame. */
  call(channel: string, payload: unknown): ReturnType<AppCore['router']['handle']>;
  /** Quits: closes the core, leaving the files to inspect. */
  close(): Promise<void>;
  /** Starts again on the same database (closing the open core first), as a restart does. */
  open(cipher?: SecretCipher): Promise<AppCore>;
}

/** Call inside a `describe`: each test gets the real main-process core on a fresh temp folder, closed and removed after it. */
export function useTestCore(): TestCoreFixture {
  let dir: ReturnType<typeof makeTempDir> | null = null;
  let core: AppCore | null = null;
  const required = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`No test core ${what}: use the fixture inside a test`);
    return value;
  };
  const close = async () => {
    const open = core;
    core = null;
    await open?.close();
  };

  beforeEach(() => {
    dir = makeTempDir();
    core = openTestCore(dir.path);
  });
  afterEach(async () => {
    await close();
    dir?.remove();
    dir = null;
  });

  return {
    get core() {
      return required(core, 'is open');
    },
    get dir() {
      return required(dir, 'folder').path;
    },
    call: (channel, payload) => required(core, 'is open').router.handle(APP_SENDER, channel, payload),
    close,
    open: async (cipher) => {
      await close();
      core = openTestCore(required(dir, 'folder').path, cipher);
      return core;
    },
  };
}

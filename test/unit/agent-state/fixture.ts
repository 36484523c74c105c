import { join } from 'node:path';
import { createAppCore, type AppCore } from '../../../src/main/app-core';
import type { ShortcutAction, ShortcutMap } from '../../../src/shared/domain/agent-state';
import { APP_SENDER, TEST_ORIGIN } from '../../support/app-core';
import { createTestCipher } from '../../support/test-cipher';
import { makeTempDir } from '../../support/temp-dir';

export interface AgentCore {
  core: AppCore;
  call(channel: string, payload: unknown): ReturnType<AppCore['router']['handle']>;
  /** Every shortcut map main asked the OS to register. */
  applied: ShortcutMap[];
  /** Actions the fake OS refuses on the next apply. */
  refuse: ShortcutAction[];
  focused: number;
  close(): void;
}

/** The real core on a temp database, with fake Electron hooks that record what main asked for. */
export function openAgentCore(): AgentCore {
  const dir = makeTempDir();
  const h = {
    applied: [] as ShortcutMap[],
    refuse: [] as ShortcutAction[],
    focused: 0,
  };
  const core = createAppCore({
    databasePath: join(dir.path, 'hotline-desk.sqlite'),
    cipher: createTestCipher(),
    trustedOrigins: [TEST_ORIGIN],
    agentDesk: {
      applyShortcuts: (map) => {
        h.applied.push(map);
        return [...h.refuse];
      },
      focusWindow: () => {
        h.focused++;
      },
    },
  });
  return Object.assign(h, {
    core,
    call: (channel: string, payload: unknown) => core.router.handle(APP_SENDER, channel, payload),
    close: () => {
      core.close();
      dir.remove();
    },
  });
}

import { globalShortcut, type WebContents } from 'electron';
import { SHORTCUT_ACTIONS, type ShortcutAction, type ShortcutMap } from '../../shared/domain/agent-state';
import { sendEvent } from './ipc-transport';

/**
 * Global shortcuts for the phone (answer, hang up, mute, hold) that work while
 * the agent is typing in another application. Each press becomes a
 * `shortcuts:pressed` event; the renderer decides what it means.
 */
export function createGlobalShortcuts(target: () => WebContents | null): {
  apply(shortcuts: ShortcutMap): ShortcutAction[];
  clear(): void;
} {
  let registered: string[] = [];
  const clear = () => {
    for (const accelerator of registered) globalShortcut.unregister(accelerator);
    registered = [];
  };
  return {
    apply(shortcuts) {
      clear();
      const refused: ShortcutAction[] = [];
      for (const action of SHORTCUT_ACTIONS) {
        const accelerator = shortcuts[action];
        if (!accelerator) continue;
        let ok: boolean;
        try {
          // false (or a throw for a malformed accelerator) when another app holds the combination.
          ok = globalShortcut.register(accelerator, () => {
            const contents = target();
            if (contents && !contents.isDestroyed()) sendEvent(contents, 'shortcuts:pressed', { action });
          });
        } catch {
          ok = false;
        }
        if (ok) registered.push(accelerator);
        else refused.push(action);
      }
      return refused;
    },
    clear,
  };
}

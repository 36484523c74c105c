import { useEffect } from 'react';
import { SHORTCUT_ACTIONS } from '../../shared/domain/agent-state';
import { matchesAccelerator } from '../format/accelerator';
import { useAgentStateStore } from '../features/agent-state';
import { useSettingsStore } from '../features/settings';
import { runShortcut } from './agent-desk-coordinator';

/**
 * The desk's keys inside the window. The phone's shortcuts are global in
 * Electron (they work from other programs, and then the page never sees the
 * key); where the OS refused one, or outside Electron, the page handles the
 * same keys. Escape closes the settings.
 */
export function useDeskKeyboard(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && useSettingsStore.getState().formOpen) {
        useSettingsStore.getState().closeForm();
        return;
      }
      const shortcuts = useAgentStateStore.getState().settings.shortcuts;
      for (const action of SHORTCUT_ACTIONS) {
        if (matchesAccelerator(event, shortcuts[action])) {
          event.preventDefault();
          runShortcut(action);
          return;
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

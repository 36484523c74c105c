import type Database from 'better-sqlite3';
import type { AgentDeskSettings, AgentDeskView, ShortcutAction, ShortcutMap } from '../../shared/domain/agent-state';
import { AgentDeskSettingsRepo } from './agent-desk-settings-repo';
import { AgentStateLogRepo } from './agent-state-log-repo';

/** What only the Electron entry can do; plain Node (tests, the e2e harness) runs without it. */
export interface AgentDeskHooks {
  /** Replaces the global shortcuts; returns the actions whose key combination the OS refused. */
  applyShortcuts(shortcuts: ShortcutMap): ShortcutAction[];
  /** Shows, restores and focuses the main window. */
  focusWindow(): void;
}

const NO_HOOKS: AgentDeskHooks = { applyShortcuts: () => [], focusWindow: () => undefined };

export interface AgentDesk {
  log: AgentStateLogRepo;
  view(): AgentDeskView;
  save(settings: AgentDeskSettings): AgentDeskView;
  focusWindow(): void;
}

/**
 * The main-process side of agent states, devices and alerts: the state log, the
 * desk settings, and the global shortcuts (registered at once from the stored
 * settings, so they work before the renderer has finished loading).
 */
export function createAgentDesk(db: Database.Database, hooks: AgentDeskHooks = NO_HOOKS): AgentDesk {
  const settingsRepo = new AgentDeskSettingsRepo(db);
  let conflicts = hooks.applyShortcuts(settingsRepo.read().shortcuts);
  const view = (): AgentDeskView => ({ settings: settingsRepo.read(), shortcutConflicts: conflicts });
  return {
    log: new AgentStateLogRepo(db),
    view,
    save(settings) {
      const before = settingsRepo.read().shortcuts;
      settingsRepo.write(settings);
      if (JSON.stringify(before) !== JSON.stringify(settings.shortcuts)) conflicts = hooks.applyShortcuts(settings.shortcuts);
      return view();
    },
    focusWindow: () => hooks.focusWindow(),
  };
}

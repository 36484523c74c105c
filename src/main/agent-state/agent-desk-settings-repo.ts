import type Database from 'better-sqlite3';
import { SettingsTable } from '../store/settings-table';
import { readAgentDeskSettings, type AgentDeskSettings } from '../../shared/domain/agent-state';

const KEY = 'agentDesk';

/** The desk settings, one JSON value in the key/value settings table, re-validated field by field when read. */
export class AgentDeskSettingsRepo {
  private readonly table: SettingsTable;

  constructor(db: Database.Database) {
    this.table = new SettingsTable(db);
  }

  read(): AgentDeskSettings {
    return readAgentDeskSettings(this.table.read(KEY));
  }

  write(settings: AgentDeskSettings): void {
    this.table.write(KEY, settings);
  }
}

import type Database from 'better-sqlite3';
import { readAgentDeskSettings, type AgentDeskSettings } from '../../shared/domain/agent-state';

const KEY = 'agentDesk';

/** The desk settings, one JSON value in the key/value settings table, re-validated field by field when read. */
export class AgentDeskSettingsRepo {
  constructor(private readonly db: Database.Database) {}

  read(): AgentDeskSettings {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    let stored: unknown;
    try {
      stored = row ? JSON.parse(row.value) : undefined;
    } catch {
      stored = undefined;
    }
    return readAgentDeskSettings(stored);
  }

  write(settings: AgentDeskSettings): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(KEY, JSON.stringify(settings));
  }
}

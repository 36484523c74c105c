import type Database from 'better-sqlite3';

/**
 * The key/value `settings` table: one JSON value per key. Reads hand back
 * `unknown` (undefined when missing or not JSON) so every owner re-validates
 * its own value with its schema; nothing trusts what is on disk.
 */
export class SettingsTable {
  constructor(private readonly db: Database.Database) {}

  read(key: string): unknown {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) return undefined;
    try {
      return JSON.parse(row.value);
    } catch {
      return undefined;
    }
  }

  write(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }

  remove(key: string): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }
}

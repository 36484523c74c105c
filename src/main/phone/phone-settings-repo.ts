import type Database from 'better-sqlite3';
import { PhonePreferencesSchema, type PhonePreferencesData } from '../../shared/domain/phone-preferences';

const PREFERENCES = 'phonePreferences';
const CUSTOM_CA = 'tlsCustomCa';

/** Phone preferences and the custom CA PEM, JSON values in the settings table, re-validated when read. */
export class PhoneSettingsRepo {
  constructor(private readonly db: Database.Database) {}

  readPreferences(): PhonePreferencesData | null {
    const parsed = PhonePreferencesSchema.safeParse(this.value(PREFERENCES));
    return parsed.success ? parsed.data : null;
  }

  writePreferences(preferences: PhonePreferencesData): void {
    this.put(PREFERENCES, preferences);
  }

  /** The stored CA certificate (PEM), or null. */
  readCustomCa(): string | null {
    const value = this.value(CUSTOM_CA);
    return typeof value === 'string' ? value : null;
  }

  writeCustomCa(pem: string | null): void {
    if (pem === null) this.db.prepare('DELETE FROM settings WHERE key = ?').run(CUSTOM_CA);
    else this.put(CUSTOM_CA, pem);
  }

  private value(key: string): unknown {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) return undefined;
    try {
      return JSON.parse(row.value);
    } catch {
      return undefined;
    }
  }

  private put(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }
}

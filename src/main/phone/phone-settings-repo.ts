import type Database from 'better-sqlite3';
import { SettingsTable } from '../store/settings-table';
import { PhonePreferencesSchema, type PhonePreferencesData } from '../../shared/domain/phone-preferences';

const PREFERENCES = 'phonePreferences';
const CUSTOM_CA = 'tlsCustomCa';

/** Phone preferences and the custom CA PEM, JSON values in the settings table, re-validated when read. */
export class PhoneSettingsRepo {
  private readonly table: SettingsTable;

  constructor(db: Database.Database) {
    this.table = new SettingsTable(db);
  }

  readPreferences(): PhonePreferencesData | null {
    const parsed = PhonePreferencesSchema.safeParse(this.table.read(PREFERENCES));
    return parsed.success ? parsed.data : null;
  }

  writePreferences(preferences: PhonePreferencesData): void {
    this.table.write(PREFERENCES, preferences);
  }

  /** The stored CA certificate (PEM), or null. */
  readCustomCa(): string | null {
    const value = this.table.read(CUSTOM_CA);
    return typeof value === 'string' ? value : null;
  }

  writeCustomCa(pem: string | null): void {
    if (pem === null) this.table.remove(CUSTOM_CA);
    else this.table.write(CUSTOM_CA, pem);
  }
}

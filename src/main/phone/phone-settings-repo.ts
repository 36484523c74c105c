import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { SettingsTable } from '../store/settings-table';
import { PhonePreferencesSchema, type PhonePreferencesData } from '../../shared/domain/phone-preferences';

const PREFERENCES = 'phonePreferences';
const CUSTOM_CA = 'tlsCustomCa';
const SIP_INSTANCE = 'sipInstanceId';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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

  /**
   * This installation's SIP instance id (RFC 5626 `+sip.instance`): made once,
   * then the same on every start, so a registrar replaces the binding the
   * previous run left behind instead of keeping both.
   */
  sipInstanceId(): string {
    const stored = this.table.read(SIP_INSTANCE);
    if (typeof stored === 'string' && UUID.test(stored)) return stored;
    const made = randomUUID();
    this.table.write(SIP_INSTANCE, made);
    return made;
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

import type Database from 'better-sqlite3';
import { SettingsTable } from '../store/settings-table';
import { GuidanceSettingsSchema, type GuidanceSettings } from '../../shared/ipc/contract-guidance';

const KEY = 'guidance';
const DEFAULTS: GuidanceSettings = { teamLeadUri: '' };

/** Live-guidance settings, one JSON value in the settings table, re-validated when read. */
export class GuidanceSettingsRepo {
  private readonly table: SettingsTable;

  constructor(db: Database.Database) {
    this.table = new SettingsTable(db);
  }

  read(): GuidanceSettings {
    const parsed = GuidanceSettingsSchema.safeParse(this.table.read(KEY));
    return parsed.success ? parsed.data : DEFAULTS;
  }

  write(settings: GuidanceSettings): GuidanceSettings {
    this.table.write(KEY, settings);
    return this.read();
  }
}

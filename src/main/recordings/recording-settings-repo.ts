import type Database from 'better-sqlite3';
import { DEFAULT_RECORDING_SETTINGS, RecordingSettingsSchema, type RecordingSettings } from '../../shared/recording/recording';
import { SettingsTable } from '../store/settings-table';

const KEY = 'recordings';

/** Record all / none / on demand, and how many days recordings are kept. */
export class RecordingSettingsRepo {
  private readonly table: SettingsTable;

  constructor(db: Database.Database) {
    this.table = new SettingsTable(db);
  }

  read(): RecordingSettings {
    const parsed = RecordingSettingsSchema.safeParse(this.table.read(KEY));
    return parsed.success ? parsed.data : DEFAULT_RECORDING_SETTINGS;
  }

  write(next: RecordingSettings): RecordingSettings {
    this.table.write(KEY, next);
    return next;
  }
}

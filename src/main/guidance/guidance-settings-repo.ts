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

/** Earlier answered calls from the same number, and the newest of their work-order summaries. */
export function callerHistory(db: Database.Database, callId: string, number: string): { previousCalls: number; lastSummary: string } {
  if (number.trim() === '') return { previousCalls: 0, lastSummary: '' };
  const previousCalls = db
    .prepare('SELECT count(*) FROM calls WHERE remote_number = ? AND id != ? AND answered_at IS NOT NULL')
    .pluck()
    .get(number, callId) as number;
  const lastSummary =
    (db
      .prepare(
        `SELECT json_extract(w.fields, '$.summary') AS summary FROM work_orders w JOIN calls c ON c.id = w.call_id
         WHERE c.remote_number = ? AND c.id != ? AND json_extract(w.fields, '$.summary') != ''
         ORDER BY c.started_at DESC LIMIT 1`,
      )
      .pluck()
      .get(number, callId) as string | undefined) ?? '';
  return { previousCalls, lastSummary };
}

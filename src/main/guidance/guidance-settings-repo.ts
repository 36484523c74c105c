import type Database from 'better-sqlite3';
import { GuidanceSettingsSchema, type GuidanceSettings } from '../../shared/ipc/contract-guidance';

const KEY = 'guidance';
const DEFAULTS: GuidanceSettings = { teamLeadUri: '' };

/** Live-guidance settings, one JSON value in the settings table, re-validated when read. */
export class GuidanceSettingsRepo {
  constructor(private readonly db: Database.Database) {}

  read(): GuidanceSettings {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return DEFAULTS;
    try {
      const parsed = GuidanceSettingsSchema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : DEFAULTS;
    } catch {
      return DEFAULTS;
    }
  }

  write(settings: GuidanceSettings): GuidanceSettings {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(KEY, JSON.stringify(settings));
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

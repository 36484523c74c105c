import type Database from 'better-sqlite3';
import type { MonitorLogEntry, MonitorSettings } from '../../../src/shared/domain/monitor';
import { GRANT_COLUMNS, KEY_PAIR_SQL, LOG_COLUMNS, SETTINGS_SQL, grantFromRow, grantValues, logFromRow, logValues, settingsFromRow } from './monitor-store';
import type { GrantRow, IssuedGrant, LogRow, MonitorStore, StoredKeyPair } from './monitor-store';

/** Monitor grants and log on the embedded SQLite store (one instance). */
export class SqliteMonitorStore implements MonitorStore {
  constructor(private readonly db: Database.Database) {}

  async keyPair(create: () => Promise<StoredKeyPair>): Promise<StoredKeyPair> {
    const read = () =>
      this.db.prepare(KEY_PAIR_SQL).get() as StoredKeyPair | undefined;
    const existing = read();
    if (existing) return existing;
    const made = await create();
    this.db
      .prepare('INSERT INTO monitor_keys (id, kid, private_jwk, public_jwk, created_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(made.kid, made.privateJwk, made.publicJwk, Date.now());
    return read() as StoredKeyPair;
  }

  async recordGrant(g: IssuedGrant): Promise<void> {
    this.db.prepare(`INSERT INTO monitor_grants (${GRANT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(...grantValues(g));
  }

  async redeem(jti: string, at: number): Promise<'redeemed' | 'replayed' | 'unknown'> {
    const changed = this.db.prepare('UPDATE monitor_grants SET redeemed_at = ? WHERE jti = ? AND redeemed_at IS NULL').run(at, jti).changes;
    if (changed === 1) return 'redeemed';
    return this.db.prepare('SELECT 1 FROM monitor_grants WHERE jti = ?').get(jti) ? 'replayed' : 'unknown';
  }

  async grant(jti: string): Promise<IssuedGrant | null> {
    const row = this.db.prepare(`SELECT ${GRANT_COLUMNS} FROM monitor_grants WHERE jti = ?`).get(jti) as GrantRow | undefined;
    return row ? grantFromRow(row) : null;
  }

  async log(entry: MonitorLogEntry): Promise<void> {
    this.db.prepare(`INSERT INTO monitor_log (${LOG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`).run(...logValues(entry));
  }

  async listLog(teamIds: readonly string[], limit: number): Promise<MonitorLogEntry[]> {
    if (teamIds.length === 0) return [];
    const marks = teamIds.map(() => '?').join(', ');
    const rows = this.db
      .prepare(`SELECT ${LOG_COLUMNS} FROM monitor_log WHERE team_id IN (${marks}) ORDER BY at DESC, id DESC LIMIT ?`)
      .all(...teamIds, limit) as LogRow[];
    return rows.map(logFromRow);
  }

  async settings(): Promise<MonitorSettings> {
    return settingsFromRow(this.db.prepare(SETTINGS_SQL).get() as { body: string } | undefined);
  }

  async saveSettings(settings: MonitorSettings, at: number): Promise<void> {
    this.db
      .prepare('INSERT INTO monitor_settings (id, body, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at')
      .run(JSON.stringify(settings), at);
  }
}

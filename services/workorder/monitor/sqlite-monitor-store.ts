import type Database from 'better-sqlite3';
import type { MonitorLogEntry, MonitorSettings } from '../../../src/shared/domain/monitor';
import { MonitorSettingsSchema } from '../../../src/shared/domain/monitor';
import {
  DEFAULT_MONITOR_SETTINGS,
  GRANT_COLUMNS,
  grantFromRow,
  LOG_COLUMNS,
  logFromRow,
  logValues,
  monitorTables,
  type GrantRow,
  type IssuedGrant,
  type LogRow,
  type MonitorStore,
  type StoredKeyPair,
} from './monitor-store';

/** Monitor grants and log on the embedded SQLite store (one instance). */
export class SqliteMonitorStore implements MonitorStore {
  private ready = false;

  constructor(private readonly db: Database.Database) {}

  private get conn(): Database.Database {
    if (!this.ready) {
      this.db.exec(monitorTables('INTEGER', ' STRICT'));
      this.ready = true;
    }
    return this.db;
  }

  async keyPair(create: () => Promise<StoredKeyPair>): Promise<StoredKeyPair> {
    const read = () =>
      this.conn.prepare('SELECT kid, private_jwk AS privateJwk, public_jwk AS publicJwk FROM monitor_keys WHERE id = 1').get() as StoredKeyPair | undefined;
    const existing = read();
    if (existing) return existing;
    const made = await create();
    this.conn
      .prepare('INSERT INTO monitor_keys (id, kid, private_jwk, public_jwk, created_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(made.kid, made.privateJwk, made.publicJwk, Date.now());
    return read() as StoredKeyPair;
  }

  async recordGrant(g: IssuedGrant): Promise<void> {
    this.conn
      .prepare(`INSERT INTO monitor_grants (${GRANT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(g.jti, g.teamId, g.leadPersonId, g.agentPersonId, g.callId, g.mode, g.issuedAt, g.expiresAt);
  }

  async redeem(jti: string, at: number): Promise<'redeemed' | 'replayed' | 'unknown'> {
    const changed = this.conn.prepare('UPDATE monitor_grants SET redeemed_at = ? WHERE jti = ? AND redeemed_at IS NULL').run(at, jti).changes;
    if (changed === 1) return 'redeemed';
    return this.conn.prepare('SELECT 1 FROM monitor_grants WHERE jti = ?').get(jti) ? 'replayed' : 'unknown';
  }

  async grant(jti: string): Promise<IssuedGrant | null> {
    const row = this.conn.prepare(`SELECT ${GRANT_COLUMNS} FROM monitor_grants WHERE jti = ?`).get(jti) as GrantRow | undefined;
    return row ? grantFromRow(row) : null;
  }

  async log(entry: MonitorLogEntry): Promise<void> {
    this.conn.prepare(`INSERT INTO monitor_log (${LOG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`).run(...logValues(entry));
  }

  async listLog(teamIds: readonly string[], limit: number): Promise<MonitorLogEntry[]> {
    if (teamIds.length === 0) return [];
    const marks = teamIds.map(() => '?').join(', ');
    const rows = this.conn
      .prepare(`SELECT ${LOG_COLUMNS} FROM monitor_log WHERE team_id IN (${marks}) ORDER BY at DESC, id DESC LIMIT ?`)
      .all(...teamIds, limit) as LogRow[];
    return rows.map(logFromRow);
  }

  async settings(): Promise<MonitorSettings> {
    const row = this.conn.prepare('SELECT body FROM monitor_settings WHERE id = 1').get() as { body: string } | undefined;
    if (!row) return DEFAULT_MONITOR_SETTINGS;
    const parsed = MonitorSettingsSchema.safeParse(JSON.parse(row.body));
    return parsed.success ? parsed.data : DEFAULT_MONITOR_SETTINGS;
  }

  async saveSettings(settings: MonitorSettings, at: number): Promise<void> {
    this.conn
      .prepare('INSERT INTO monitor_settings (id, body, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at')
      .run(JSON.stringify(settings), at);
  }
}

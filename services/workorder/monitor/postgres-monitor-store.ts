import type { MonitorLogEntry, MonitorSettings } from '../../../src/shared/domain/monitor';
import { GRANT_COLUMNS, KEY_PAIR_SQL, LOG_COLUMNS, SETTINGS_SQL, grantFromRow, grantValues, logFromRow, logValues, settingsFromRow } from './monitor-store';
import type { GrantRow, IssuedGrant, LogRow, MonitorStore, StoredKeyPair } from './monitor-store';
import { PostgresPartStore } from '../store/rows';

/** Monitor grants and log on PostgreSQL, shared by every instance. */
export class PostgresMonitorStore extends PostgresPartStore implements MonitorStore {
  async keyPair(create: () => Promise<StoredKeyPair>): Promise<StoredKeyPair> {
    const read = async () =>
      (await this.query<StoredKeyPair>(KEY_PAIR_SQL)).rows[0];
    const existing = await read();
    if (existing) return existing;
    const made = await create();
    await this.query(
      'INSERT INTO monitor_keys (id, kid, private_jwk, public_jwk, created_at) VALUES (1, $1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
      [made.kid, made.privateJwk, made.publicJwk, Date.now()],
    );
    // Another instance may have won the insert: everyone signs with the stored pair.
    return (await read()) as StoredKeyPair;
  }

  async recordGrant(g: IssuedGrant): Promise<void> {
    await this.query(`INSERT INTO monitor_grants (${GRANT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, grantValues(g));
  }

  async redeem(jti: string, at: number): Promise<'redeemed' | 'replayed' | 'unknown'> {
    const updated = await this.query('UPDATE monitor_grants SET redeemed_at = $1 WHERE jti = $2 AND redeemed_at IS NULL', [at, jti]);
    if (updated.rowCount === 1) return 'redeemed';
    const known = await this.query('SELECT 1 FROM monitor_grants WHERE jti = $1', [jti]);
    return known.rowCount === 1 ? 'replayed' : 'unknown';
  }

  async grant(jti: string): Promise<IssuedGrant | null> {
    const row = (await this.query<GrantRow>(`SELECT ${GRANT_COLUMNS} FROM monitor_grants WHERE jti = $1`, [jti])).rows[0];
    return row ? grantFromRow(row) : null;
  }

  async log(entry: MonitorLogEntry): Promise<void> {
    await this.query(`INSERT INTO monitor_log (${LOG_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`, logValues(entry));
  }

  async listLog(teamIds: readonly string[], limit: number): Promise<MonitorLogEntry[]> {
    if (teamIds.length === 0) return [];
    const rows = await this.query<LogRow>(
      `SELECT ${LOG_COLUMNS} FROM monitor_log WHERE team_id = ANY($1) ORDER BY at DESC, id DESC LIMIT $2`,
      [[...teamIds], limit],
    );
    return rows.rows.map(logFromRow);
  }

  async settings(): Promise<MonitorSettings> {
    return settingsFromRow((await this.query<{ body: string }>(SETTINGS_SQL)).rows[0]);
  }

  async saveSettings(settings: MonitorSettings, at: number): Promise<void> {
    await this.query(
      'INSERT INTO monitor_settings (id, body, updated_at) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at',
      [JSON.stringify(settings), at],
    );
  }
}

import type { MonitorLogEntry, MonitorMode, MonitorSettings } from '../../../src/shared/domain/monitor';
import { MonitorSettingsSchema } from '../../../src/shared/domain/monitor';

/** The service's signing key: generated once, kept in the database, so every instance signs with it. */
export interface StoredKeyPair {
  kid: string;
  /** JWKs as JSON text. */
  privateJwk: string;
  publicJwk: string;
}

export interface IssuedGrant {
  jti: string;
  teamId: string;
  leadPersonId: string;
  agentPersonId: string;
  callId: string;
  mode: MonitorMode;
  issuedAt: number;
  expiresAt: number;
}

/**
 * Monitor grants and their central log (issue 12), on SQLite and PostgreSQL.
 * Single use lives here: `redeem` marks a grant used in one statement, so two
 * redeems of the same jti (on two instances) cannot both win.
 */
export interface MonitorStore {
  /** The key pair; `create` makes one when there is none (the first writer wins). */
  keyPair(create: () => Promise<StoredKeyPair>): Promise<StoredKeyPair>;
  recordGrant(grant: IssuedGrant): Promise<void>;
  /** 'redeemed' the first time, 'replayed' after, 'unknown' for a jti never issued here. */
  redeem(jti: string, at: number): Promise<'redeemed' | 'replayed' | 'unknown'>;
  grant(jti: string): Promise<IssuedGrant | null>;
  /** Appends; an entry whose id is already there is left as it is (an end both desks report is logged once). */
  log(entry: MonitorLogEntry): Promise<void>;
  /** Newest first, of these teams. */
  listLog(teamIds: readonly string[], limit: number): Promise<MonitorLogEntry[]>;
  settings(): Promise<MonitorSettings>;
  saveSettings(settings: MonitorSettings, at: number): Promise<void>;
}

/** Silent monitoring is the norm: the agent is not shown a lead listening unless the centre says so. */
export const DEFAULT_MONITOR_SETTINGS: MonitorSettings = { showListenToAgent: false };

export interface GrantRow {
  jti: string;
  team_id: string;
  lead_person_id: string;
  agent_person_id: string;
  call_id: string;
  mode: string;
  issued_at: number | string;
  expires_at: number | string;
}

export function grantFromRow(row: GrantRow): IssuedGrant {
  return {
    jti: row.jti,
    teamId: row.team_id,
    leadPersonId: row.lead_person_id,
    agentPersonId: row.agent_person_id,
    callId: row.call_id,
    mode: row.mode as MonitorMode,
    issuedAt: Number(row.issued_at),
    expiresAt: Number(row.expires_at),
  };
}

export interface LogRow {
  id: string;
  at: number | string;
  kind: string;
  team_id: string;
  lead_person_id: string | null;
  agent_person_id: string;
  call_id: string;
  mode: string | null;
  jti: string | null;
  reason: string | null;
}

export function logFromRow(row: LogRow): MonitorLogEntry {
  return {
    id: row.id,
    at: Number(row.at),
    kind: row.kind as MonitorLogEntry['kind'],
    teamId: row.team_id,
    leadPersonId: row.lead_person_id,
    agentPersonId: row.agent_person_id,
    callId: row.call_id,
    mode: row.mode as MonitorLogEntry['mode'],
    jti: row.jti,
    reason: row.reason as MonitorLogEntry['reason'],
  };
}

export const LOG_COLUMNS = 'id, at, kind, team_id, lead_person_id, agent_person_id, call_id, mode, jti, reason';
export const GRANT_COLUMNS = 'jti, team_id, lead_person_id, agent_person_id, call_id, mode, issued_at, expires_at';

export const grantValues = (g: IssuedGrant): unknown[] => [g.jti, g.teamId, g.leadPersonId, g.agentPersonId, g.callId, g.mode, g.issuedAt, g.expiresAt];

/** The stored key pair, named as StoredKeyPair. */
export const KEY_PAIR_SQL = 'SELECT kid, private_jwk AS "privateJwk", public_jwk AS "publicJwk" FROM monitor_keys WHERE id = 1';

export const SETTINGS_SQL = 'SELECT body FROM monitor_settings WHERE id = 1';

/** The centre's monitor settings; the defaults when none were saved or the saved ones no longer parse. */
export function settingsFromRow(row: { body: string } | undefined): MonitorSettings {
  if (!row) return DEFAULT_MONITOR_SETTINGS;
  const parsed = MonitorSettingsSchema.safeParse(JSON.parse(row.body));
  return parsed.success ? parsed.data : DEFAULT_MONITOR_SETTINGS;
}

export function logValues(e: MonitorLogEntry): unknown[] {
  return [e.id, e.at, e.kind, e.teamId, e.leadPersonId, e.agentPersonId, e.callId, e.mode, e.jti, e.reason];
}

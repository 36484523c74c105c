import { z } from 'zod';
import { PersonRoleSchema } from '../../../src/shared/domain/centre/sign-in';
import type { TokenRole } from '../store/store';
import type { CentreSettings, NewSession, PersonRecord, SessionInfo, TokenState } from './people-store';

/** Row shapes both people stores read (the same column names in SQLite and PostgreSQL). */
export interface PersonRow {
  id: string;
  work_number: string;
  name: string;
  team_id: string;
  roles: string;
  password_hash: string;
  disabled_at: number | null;
  sip_uri: string | null;
  sip_auth_user: string | null;
  sip_password: string | null;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
  /** Comma-separated team ids (string_agg / group_concat), null when none. */
  leads_teams: string | null;
}

export const PERSON_COLUMNS = `p.id, p.work_number, p.name, p.team_id, p.roles, p.password_hash, p.disabled_at,
  p.sip_uri, p.sip_auth_user, p.sip_password, p.locked_until, p.created_at, p.updated_at`;

const RolesSchema = z.array(PersonRoleSchema).min(1);

/** Roles are kept as a comma-separated list in a fixed order. */
export function rolesToColumn(roles: readonly string[]): string {
  return [...new Set(roles)].sort().join(',');
}

export function personFromRow(row: PersonRow): PersonRecord {
  return {
    personId: row.id,
    workNumber: row.work_number,
    name: row.name,
    teamId: row.team_id,
    roles: RolesSchema.parse(row.roles.split(',')),
    leadsTeams: row.leads_teams ? row.leads_teams.split(',').sort() : [],
    passwordHash: row.password_hash,
    disabledAt: row.disabled_at,
    sip:
      row.sip_uri && row.sip_auth_user && row.sip_password
        ? { uri: row.sip_uri, authUser: row.sip_auth_user, password: row.sip_password }
        : null,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface TokenStateRow {
  id: string;
  agent_id: string;
  team_id: string;
  role: TokenRole;
  person_id: string | null;
  expires_at: number | null;
  revoked_at: number | null;
  disabled_at: number | null;
}

/** A token row joined to its person: the token's own columns aliased (people has id and team_id too). */
export const TOKEN_WITH_PERSON_COLUMNS = `t.id AS token_id, t.agent_id, t.team_id AS token_team_id, t.role, t.person_id, t.expires_at,
  t.revoked_at, ${PERSON_COLUMNS}`;

export type TokenWithPersonRow = Omit<TokenStateRow, 'id' | 'team_id' | 'disabled_at'> & {
  token_id: string;
  token_team_id: string;
} & { [K in keyof PersonRow]: PersonRow[K] | null };

export function tokenWithPersonFromRow(row: TokenWithPersonRow): { state: TokenState; person: PersonRecord | null } {
  const state = tokenStateFromRow({ ...row, id: row.token_id, team_id: row.token_team_id, disabled_at: row.disabled_at });
  return { state, person: row.id === null ? null : personFromRow(row as PersonRow) };
}

export function tokenStateFromRow(row: TokenStateRow): TokenState {
  return {
    principal: { tokenId: row.id, agentId: row.agent_id, teamId: row.team_id, role: row.role },
    personId: row.person_id,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    personDisabledAt: row.disabled_at,
  };
}

export const CentreSettingsSchema = z.object({
  sipServers: z.array(z.string().min(1).max(512)).max(8),
  city: z.string().trim().min(1).max(32),
  afterCallWorkSeconds: z.number().int().min(0).max(3600),
  autoAnswerSeconds: z.number().int().min(0).max(30).nullable(),
  pbxPresence: z.enum(['off', 'dialog-info']).optional(),
}) satisfies z.ZodType<CentreSettings>;

/** The key of the desk settings row in centre_settings. */
export const DESK_SETTINGS_KEY = 'desk';

export interface SessionRow {
  id: string;
  person_id: string;
  work_number: string;
  label: string;
  created_at: number;
  expires_at: number;
}

/** A sign-in session's token row as both stores insert it: the columns, and the values in their order. */
export const SESSION_INSERT_COLUMNS = 'id, token_hash, agent_id, team_id, role, label, created_at, person_id, expires_at';

export const sessionInsertValues = (session: NewSession) => [
  session.tokenId,
  session.tokenHash,
  session.agentId,
  session.teamId,
  session.role,
  session.label,
  session.createdAt,
  session.personId,
  session.expiresAt,
];

export const SESSION_SELECT = `SELECT t.id, t.person_id, p.work_number, t.label, t.created_at, t.expires_at
  FROM api_tokens t JOIN people p ON p.id = t.person_id WHERE t.revoked_at IS NULL AND t.expires_at > `;

export function sessionFromRow(row: SessionRow): SessionInfo {
  return {
    tokenId: row.id,
    personId: row.person_id,
    workNumber: row.work_number,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

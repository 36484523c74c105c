import type {
  CentreDepartment,
  CentreSettings,
  LockoutPolicy,
  NewPerson,
  NewSession,
  PeopleStore,
  PersonChange,
  PersonRecord,
  PersonSip,
  SessionInfo,
  Team,
  TokenState,
} from './people-store';
import {
  CentreSettingsSchema,
  DESK_SETTINGS_KEY,
  SESSION_INSERT_COLUMNS,
  SESSION_SELECT,
  personFromRow,
  sessionFromRow,
  sessionInsertValues,
  rolesToColumn,
  tokenStateFromRow,
  tokenWithPersonFromRow,
  type TokenWithPersonRow,
  type PersonRow,
  type SessionRow,
  type TokenStateRow,
} from './rows';
import { PEOPLE_QUERIES, numbered, personSelectSql, tokenWithPersonSql } from './queries';
import { PostgresPartStore } from '../store/rows';
import { FAILED_SIGN_IN_SQL_NUMBERED } from './sign-in-failures';

/** PostgreSQL's string aggregate of the teams a person leads. */
const TEAMS_AGG = "string_agg(team_id, ',')";
const PERSON_SELECT = personSelectSql(TEAMS_AGG);
const TOKEN_WITH_PERSON_SELECT = numbered(tokenWithPersonSql(TEAMS_AGG));

/**
 * The people store on the service's PostgreSQL pool (a full pool → StoreBusyError, as
 * for every part's store); writes of several rows are one transaction.
 */
export class PostgresPeopleStore extends PostgresPartStore implements PeopleStore {
  async createTeam(team: Team): Promise<'created' | 'exists'> {
    const result = await this.query('INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [
      team.id,
      team.name,
      team.createdAt,
    ]);
    return result.rowCount === 1 ? 'created' : 'exists';
  }

  async listTeams(): Promise<Team[]> {
    const { rows } = await this.query<{ id: string; name: string; created_at: number }>('SELECT id, name, created_at FROM teams ORDER BY id');
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }

  async createPerson(person: NewPerson): Promise<'created' | 'work-number-taken' | 'no-team'> {
    return this.transaction(async (client) => {
      const teams = [...new Set([person.teamId, ...person.leadsTeams])];
      const known = await client.query<{ id: string }>('SELECT id FROM teams WHERE id = ANY($1::text[])', [teams]);
      if (known.rowCount !== teams.length) return 'no-team';
      const inserted = await client.query(
        `INSERT INTO people (id, work_number, name, team_id, roles, password_hash, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (work_number) DO NOTHING`,
        [person.personId, person.workNumber, person.name, person.teamId, rolesToColumn(person.roles), person.passwordHash, person.at],
      );
      if (inserted.rowCount === 0) return 'work-number-taken';
      const leads = [...new Set(person.leadsTeams)];
      if (leads.length > 0) {
        await client.query('INSERT INTO team_leads (team_id, person_id) SELECT unnest($1::text[]), $2', [leads, person.personId]);
      }
      return 'created';
    });
  }

  async personByWorkNumber(workNumber: string): Promise<PersonRecord | null> {
    const { rows } = await this.query<PersonRow>(`${PERSON_SELECT} WHERE p.work_number = $1`, [workNumber]);
    return rows[0] ? personFromRow(rows[0]) : null;
  }

  async personById(personId: string): Promise<PersonRecord | null> {
    const { rows } = await this.query<PersonRow>(`${PERSON_SELECT} WHERE p.id = $1`, [personId]);
    return rows[0] ? personFromRow(rows[0]) : null;
  }

  async listPeople(teamId?: string): Promise<PersonRecord[]> {
    const { rows } =
      teamId === undefined
        ? await this.query<PersonRow>(`${PERSON_SELECT} ORDER BY p.work_number`)
        : await this.query<PersonRow>(`${PERSON_SELECT} WHERE p.team_id = $1 ORDER BY p.work_number`, [teamId]);
    return rows.map(personFromRow);
  }

  async updatePerson(personId: string, change: PersonChange, at: number): Promise<'updated' | 'not-found' | 'no-team'> {
    return this.transaction(async (client) => {
      const teams = [...new Set([change.teamId, ...change.leadsTeams])];
      const known = await client.query<{ id: string }>('SELECT id FROM teams WHERE id = ANY($1::text[])', [teams]);
      if (known.rowCount !== teams.length) return 'no-team';
      const updated = await client.query('UPDATE people SET name = $1, team_id = $2, roles = $3, updated_at = $4 WHERE id = $5', [
        change.name,
        change.teamId,
        rolesToColumn(change.roles),
        at,
        personId,
      ]);
      if (updated.rowCount === 0) return 'not-found';
      await client.query('DELETE FROM team_leads WHERE person_id = $1', [personId]);
      const leads = [...new Set(change.leadsTeams)];
      if (leads.length > 0) {
        await client.query('INSERT INTO team_leads (team_id, person_id) SELECT unnest($1::text[]), $2', [leads, personId]);
      }
      return 'updated';
    });
  }

  async setPassword(personId: string, passwordHash: string, at: number): Promise<boolean> {
    const result = await this.query(
      `UPDATE people SET password_hash = $1, failed_sign_ins = 0, first_failed_at = NULL, locked_until = NULL, updated_at = $2
       WHERE id = $3`,
      [passwordHash, at, personId],
    );
    return result.rowCount === 1;
  }

  async setDisabled(personId: string, disabled: boolean, at: number): Promise<boolean> {
    const result = await this.query(
      'UPDATE people SET disabled_at = CASE WHEN $1 THEN coalesce(disabled_at, $2) ELSE NULL END, updated_at = $2 WHERE id = $3',
      [disabled, at, personId],
    );
    return result.rowCount === 1;
  }

  async setSip(personId: string, sip: PersonSip | null, at: number): Promise<boolean> {
    const result = await this.query(
      'UPDATE people SET sip_uri = $1, sip_auth_user = $2, sip_password = $3, updated_at = $4 WHERE id = $5',
      [sip?.uri ?? null, sip?.authUser ?? null, sip?.password ?? null, at, personId],
    );
    return result.rowCount === 1;
  }

  async recordFailedSignIn(personId: string, at: number, policy: LockoutPolicy): Promise<{ lockedUntil: number | null }> {
    const { rows } = await this.query<{ locked_until: number | null }>(FAILED_SIGN_IN_SQL_NUMBERED, [
      personId,
      at,
      at - policy.windowMs,
      policy.maxFailures,
      at + policy.lockMs,
    ]);
    return { lockedUntil: rows[0]?.locked_until ?? null };
  }

  async clearFailedSignIns(personId: string): Promise<void> {
    await this.query(
      'UPDATE people SET failed_sign_ins = 0, first_failed_at = NULL, locked_until = NULL WHERE id = $1 AND (failed_sign_ins > 0 OR locked_until IS NOT NULL)',
      [personId],
    );
  }

  async getCentreSettings(): Promise<CentreSettings | null> {
    const { rows } = await this.query<{ value: string }>('SELECT value FROM centre_settings WHERE key = $1', [DESK_SETTINGS_KEY]);
    return rows[0] ? CentreSettingsSchema.parse(JSON.parse(rows[0].value)) : null;
  }

  async setCentreSettings(settings: CentreSettings, at: number): Promise<void> {
    await this.query(
      `INSERT INTO centre_settings (key, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [DESK_SETTINGS_KEY, JSON.stringify(CentreSettingsSchema.parse(settings)), at],
    );
  }

  async listDepartments(): Promise<CentreDepartment[]> {
    const { rows } = await this.query<{ id: string; name_zh: string; name_en: string }>(
      'SELECT id, name_zh, name_en FROM departments ORDER BY position',
    );
    return rows.map((row) => ({ id: row.id, zh: row.name_zh, en: row.name_en }));
  }

  async replaceDepartments(departments: readonly CentreDepartment[], _at: number): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM departments');
      if (departments.length === 0) return;
      await client.query(
        `INSERT INTO departments (id, name_zh, name_en, position)
         SELECT id, zh, en, ord - 1 FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS d (id, zh, en, ord)`,
        [departments.map((d) => d.id), departments.map((d) => d.zh), departments.map((d) => d.en)],
      );
    });
  }

  async insertSession(session: NewSession): Promise<void> {
    await this.query(`INSERT INTO api_tokens (${SESSION_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, sessionInsertValues(session));
  }

  async tokenState(tokenHash: string): Promise<TokenState | null> {
    const { rows } = await this.query<TokenStateRow>(numbered(PEOPLE_QUERIES.tokenState), [tokenHash]);
    return rows[0] ? tokenStateFromRow(rows[0]) : null;
  }

  async tokenWithPerson(tokenHash: string): Promise<{ state: TokenState; person: PersonRecord | null } | null> {
    const { rows } = await this.query<TokenWithPersonRow>(TOKEN_WITH_PERSON_SELECT, [tokenHash]);
    return rows[0] ? tokenWithPersonFromRow(rows[0]) : null;
  }

  async pruneSessions(before: number): Promise<number> {
    const result = await this.query('DELETE FROM api_tokens WHERE person_id IS NOT NULL AND expires_at < $1', [before]);
    return result.rowCount ?? 0;
  }

  async revokeDeskSessions(personId: string, label: string, at: number): Promise<number> {
    const result = await this.query(numbered(PEOPLE_QUERIES.revokeDeskSessions), [at, personId, label]);
    return result.rowCount ?? 0;
  }

  async revokeSessions(personId: string, at: number): Promise<number> {
    const result = await this.query(numbered(PEOPLE_QUERIES.revokeSessions), [at, personId]);
    return result.rowCount ?? 0;
  }

  async countLiveSessions(at: number): Promise<Map<string, number>> {
    const { rows } = await this.query<{ person_id: string; n: string }>(
      `SELECT person_id, count(*) AS n FROM api_tokens
       WHERE person_id IS NOT NULL AND revoked_at IS NULL AND expires_at > $1 GROUP BY person_id`,
      [at],
    );
    return new Map(rows.map((row) => [row.person_id, Number(row.n)]));
  }

  async listSessions(at: number, personId?: string): Promise<SessionInfo[]> {
    const { rows } =
      personId === undefined
        ? await this.query<SessionRow>(`${SESSION_SELECT} $1 ORDER BY t.created_at, t.id`, [at])
        : await this.query<SessionRow>(`${SESSION_SELECT} $1 AND t.person_id = $2 ORDER BY t.created_at, t.id`, [at, personId]);
    return rows.map(sessionFromRow);
  }
}

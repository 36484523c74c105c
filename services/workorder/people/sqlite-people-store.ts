import type Database from 'better-sqlite3';
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
import { PEOPLE_QUERIES, personSelectSql, tokenWithPersonSql } from './queries';
import { FAILED_SIGN_IN_SQL } from './sign-in-failures';

/** SQLite's string aggregate of the teams a person leads. */
const TEAMS_AGG = 'group_concat(team_id)';
const PERSON_SELECT = personSelectSql(TEAMS_AGG);
const TOKEN_WITH_PERSON_SELECT = tokenWithPersonSql(TEAMS_AGG);

/** The people store on the service's SQLite database (better-sqlite3: each call is atomic). */
export class SqlitePeopleStore implements PeopleStore {
  constructor(private readonly db: Database.Database) {}

  async createTeam(team: Team): Promise<'created' | 'exists'> {
    const result = this.db
      .prepare('INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(team.id, team.name, team.createdAt);
    return result.changes === 1 ? 'created' : 'exists';
  }

  async listTeams(): Promise<Team[]> {
    return this.db
      .prepare<[], { id: string; name: string; created_at: number }>('SELECT id, name, created_at FROM teams ORDER BY id')
      .all()
      .map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }

  async createPerson(person: NewPerson): Promise<'created' | 'work-number-taken' | 'no-team'> {
    return this.db.transaction((): 'created' | 'work-number-taken' | 'no-team' => {
      const teams = new Set([person.teamId, ...person.leadsTeams]);
      const known = this.db.prepare<[string], { id: string }>('SELECT id FROM teams WHERE id = ?');
      for (const team of teams) if (!known.get(team)) return 'no-team';
      const inserted = this.db
        .prepare(
          `INSERT INTO people (id, work_number, name, team_id, roles, password_hash, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (work_number) DO NOTHING`,
        )
        .run(person.personId, person.workNumber, person.name, person.teamId, rolesToColumn(person.roles), person.passwordHash, person.at, person.at);
      if (inserted.changes === 0) return 'work-number-taken';
      const lead = this.db.prepare('INSERT INTO team_leads (team_id, person_id) VALUES (?, ?)');
      for (const team of new Set(person.leadsTeams)) lead.run(team, person.personId);
      return 'created';
    })();
  }

  async personByWorkNumber(workNumber: string): Promise<PersonRecord | null> {
    const row = this.db.prepare<[string], PersonRow>(`${PERSON_SELECT} WHERE p.work_number = ?`).get(workNumber);
    return row ? personFromRow(row) : null;
  }

  async personById(personId: string): Promise<PersonRecord | null> {
    const row = this.db.prepare<[string], PersonRow>(`${PERSON_SELECT} WHERE p.id = ?`).get(personId);
    return row ? personFromRow(row) : null;
  }

  async listPeople(teamId?: string): Promise<PersonRecord[]> {
    const rows =
      teamId === undefined
        ? this.db.prepare<[], PersonRow>(`${PERSON_SELECT} ORDER BY p.work_number`).all()
        : this.db.prepare<[string], PersonRow>(`${PERSON_SELECT} WHERE p.team_id = ? ORDER BY p.work_number`).all(teamId);
    return rows.map(personFromRow);
  }

  async updatePerson(personId: string, change: PersonChange, at: number): Promise<'updated' | 'not-found' | 'no-team'> {
    return this.db.transaction((): 'updated' | 'not-found' | 'no-team' => {
      const known = this.db.prepare<[string], { id: string }>('SELECT id FROM teams WHERE id = ?');
      for (const team of new Set([change.teamId, ...change.leadsTeams])) if (!known.get(team)) return 'no-team';
      const updated = this.db
        .prepare('UPDATE people SET name = ?, team_id = ?, roles = ?, updated_at = ? WHERE id = ?')
        .run(change.name, change.teamId, rolesToColumn(change.roles), at, personId);
      if (updated.changes === 0) return 'not-found';
      this.db.prepare('DELETE FROM team_leads WHERE person_id = ?').run(personId);
      const lead = this.db.prepare('INSERT INTO team_leads (team_id, person_id) VALUES (?, ?)');
      for (const team of new Set(change.leadsTeams)) lead.run(team, personId);
      return 'updated';
    })();
  }

  async setPassword(personId: string, passwordHash: string, at: number): Promise<boolean> {
    const result = this.db
      .prepare(
        `UPDATE people SET password_hash = ?, failed_sign_ins = 0, first_failed_at = NULL, locked_until = NULL, updated_at = ?
         WHERE id = ?`,
      )
      .run(passwordHash, at, personId);
    return result.changes === 1;
  }

  async setDisabled(personId: string, disabled: boolean, at: number): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE people SET disabled_at = CASE WHEN ? THEN coalesce(disabled_at, ?) ELSE NULL END, updated_at = ? WHERE id = ?')
      .run(disabled ? 1 : 0, at, at, personId);
    return result.changes === 1;
  }

  async setSip(personId: string, sip: PersonSip | null, at: number): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE people SET sip_uri = ?, sip_auth_user = ?, sip_password = ?, updated_at = ? WHERE id = ?')
      .run(sip?.uri ?? null, sip?.authUser ?? null, sip?.password ?? null, at, personId);
    return result.changes === 1;
  }

  async recordFailedSignIn(personId: string, at: number, policy: LockoutPolicy): Promise<{ lockedUntil: number | null }> {
    const row = this.db
      .prepare<[{ id: string; at: number; windowStart: number; max: number; until: number }], { locked_until: number | null }>(
        FAILED_SIGN_IN_SQL.replace(/\$(\w+)/g, '@$1'),
      )
      .get({ id: personId, at, windowStart: at - policy.windowMs, max: policy.maxFailures, until: at + policy.lockMs });
    return { lockedUntil: row?.locked_until ?? null };
  }

  async clearFailedSignIns(personId: string): Promise<void> {
    this.db
      .prepare('UPDATE people SET failed_sign_ins = 0, first_failed_at = NULL, locked_until = NULL WHERE id = ? AND (failed_sign_ins > 0 OR locked_until IS NOT NULL)')
      .run(personId);
  }

  async getCentreSettings(): Promise<CentreSettings | null> {
    const value = this.db.prepare<[string], string>('SELECT value FROM centre_settings WHERE key = ?').pluck().get(DESK_SETTINGS_KEY);
    return value === undefined ? null : CentreSettingsSchema.parse(JSON.parse(value));
  }

  async setCentreSettings(settings: CentreSettings, at: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO centre_settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(DESK_SETTINGS_KEY, JSON.stringify(CentreSettingsSchema.parse(settings)), at);
  }

  async listDepartments(): Promise<CentreDepartment[]> {
    return this.db
      .prepare<[], { id: string; name_zh: string; name_en: string }>('SELECT id, name_zh, name_en FROM departments ORDER BY position')
      .all()
      .map((row) => ({ id: row.id, zh: row.name_zh, en: row.name_en }));
  }

  async replaceDepartments(departments: readonly CentreDepartment[], _at: number): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM departments').run();
      const insert = this.db.prepare('INSERT INTO departments (id, name_zh, name_en, position) VALUES (?, ?, ?, ?)');
      departments.forEach((d, position) => insert.run(d.id, d.zh, d.en, position));
    })();
  }

  async insertSession(session: NewSession): Promise<void> {
    this.db.prepare(`INSERT INTO api_tokens (${SESSION_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...sessionInsertValues(session));
  }

  async tokenState(tokenHash: string): Promise<TokenState | null> {
    const row = this.db
      .prepare<[string], TokenStateRow>(PEOPLE_QUERIES.tokenState)
      .get(tokenHash);
    return row ? tokenStateFromRow(row) : null;
  }

  async tokenWithPerson(tokenHash: string): Promise<{ state: TokenState; person: PersonRecord | null } | null> {
    const row = this.db.prepare<[string], TokenWithPersonRow>(TOKEN_WITH_PERSON_SELECT).get(tokenHash);
    return row ? tokenWithPersonFromRow(row) : null;
  }

  async pruneSessions(before: number): Promise<number> {
    return this.db.prepare('DELETE FROM api_tokens WHERE person_id IS NOT NULL AND expires_at < ?').run(before).changes;
  }

  async revokeDeskSessions(personId: string, label: string, at: number): Promise<number> {
    return this.db.prepare(PEOPLE_QUERIES.revokeDeskSessions).run(at, personId, label).changes;
  }

  async revokeSessions(personId: string, at: number): Promise<number> {
    return this.db.prepare(PEOPLE_QUERIES.revokeSessions).run(at, personId).changes;
  }

  async countLiveSessions(at: number): Promise<Map<string, number>> {
    const rows = this.db
      .prepare<[number], { person_id: string; n: number }>(
        `SELECT person_id, count(*) AS n FROM api_tokens
         WHERE person_id IS NOT NULL AND revoked_at IS NULL AND expires_at > ? GROUP BY person_id`,
      )
      .all(at);
    return new Map(rows.map((row) => [row.person_id, row.n]));
  }

  async listSessions(at: number, personId?: string): Promise<SessionInfo[]> {
    const rows =
      personId === undefined
        ? this.db.prepare<[number], SessionRow>(`${SESSION_SELECT} ? ORDER BY t.created_at, t.id`).all(at)
        : this.db.prepare<[number, string], SessionRow>(`${SESSION_SELECT} ? AND t.person_id = ? ORDER BY t.created_at, t.id`).all(at, personId);
    return rows.map(sessionFromRow);
  }
}

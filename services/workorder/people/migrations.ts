import type Database from 'better-sqlite3';

/**
 * People, roles, teams, the centre's settings and departments, and sign-in
 * sessions on the existing token table (person, expiry). The same tables on
 * both stores; the lists in store/sqlite/migrations.ts and
 * store/postgres/migrations.ts take these in their version order.
 *
 * The SIP password is kept as given: the service must hand it to the desk.
 */
const tables = (ms: 'INTEGER' | 'BIGINT', strict: string) => `
  CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at ${ms} NOT NULL
  )${strict};

  CREATE TABLE people (
    id TEXT PRIMARY KEY,
    work_number TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    team_id TEXT NOT NULL REFERENCES teams (id),
    -- Comma-separated, sorted: agent, admin, lead, trainer.
    roles TEXT NOT NULL,
    -- scrypt$N$r$p$salt$key (passwords.ts)
    password_hash TEXT NOT NULL,
    disabled_at ${ms},
    sip_uri TEXT,
    sip_auth_user TEXT,
    sip_password TEXT,
    -- Lock-out: wrong passwords counted since the first in the window.
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    first_failed_at ${ms},
    locked_until ${ms},
    created_at ${ms} NOT NULL,
    updated_at ${ms} NOT NULL
  )${strict};
  CREATE INDEX people_by_team ON people (team_id);

  -- The teams a lead leads (their own and others).
  CREATE TABLE team_leads (
    team_id TEXT NOT NULL REFERENCES teams (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    PRIMARY KEY (team_id, person_id)
  )${strict};
  CREATE INDEX team_leads_by_person ON team_leads (person_id);

  CREATE TABLE departments (
    id TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position INTEGER NOT NULL
  )${strict};

  -- JSON values by key ('desk': SIP servers, city, after-call work, auto-answer).
  CREATE TABLE centre_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at ${ms} NOT NULL
  )${strict};

  -- A signed-in desk's token: whose, and until when (NULL for admin-issued tokens).
  ALTER TABLE api_tokens ADD COLUMN person_id TEXT REFERENCES people (id);
  ALTER TABLE api_tokens ADD COLUMN expires_at ${ms};
  CREATE INDEX api_tokens_by_person ON api_tokens (person_id) WHERE person_id IS NOT NULL;
`;

export const PEOPLE_SQLITE_MIGRATION = {
  name: 'people, teams, sign-in',
  up: (db: Database.Database) => {
    db.exec(tables('INTEGER', ' STRICT'));
  },
};

export const PEOPLE_POSTGRES_MIGRATION = {
  name: 'people, teams, sign-in',
  sql: tables('BIGINT', ''),
};

import type Database from 'better-sqlite3';

/**
 * Case review at the centre (issue 13), the same tables on both stores; the
 * lists in store/sqlite/migrations.ts and store/postgres/migrations.ts take
 * these in version order.
 * - recording_playbacks: every playback of a recording (who, which, when, from where).
 * - centre_calls: one row per call a desk reported, what the trainer's list filters on.
 * - call_reviews: a trainer's annotations and scorecard of a call, shared with the agent or not.
 * - scorecard_templates: every version of every template (a score names the version it used).
 */
const tables = (ms: 'INTEGER' | 'BIGINT', id: string, strict: string) => `
  CREATE TABLE recording_playbacks (
    id ${id},
    recording_id TEXT NOT NULL,
    call_id TEXT NOT NULL,
    team_id TEXT NOT NULL,
    agent_person_id TEXT,
    -- Null for a token with no person behind it (admin issue-token).
    by_person_id TEXT,
    by_work_number TEXT NOT NULL,
    by_roles TEXT NOT NULL,
    token_id TEXT NOT NULL,
    remote_address TEXT NOT NULL,
    forwarded_for TEXT,
    -- The Range asked for (null: the whole file).
    byte_range TEXT,
    at ${ms} NOT NULL
  )${strict};
  CREATE INDEX recording_playbacks_by_team ON recording_playbacks (team_id, at);
  CREATE INDEX recording_playbacks_by_recording ON recording_playbacks (recording_id, at);

  CREATE TABLE centre_calls (
    team_id TEXT NOT NULL,
    call_id TEXT NOT NULL,
    agent_person_id TEXT NOT NULL,
    agent_work_number TEXT NOT NULL,
    recording_id TEXT,
    started_at ${ms} NOT NULL,
    duration_ms ${ms},
    outcome TEXT,
    -- ',kind,kind,' so one kind is found with a substring test.
    prompts TEXT NOT NULL,
    caller_phone_norm TEXT NOT NULL,
    repeat_caller INTEGER NOT NULL,
    score INTEGER,
    max_score INTEGER,
    reported_at ${ms} NOT NULL,
    PRIMARY KEY (team_id, call_id)
  )${strict};
  CREATE INDEX centre_calls_by_time ON centre_calls (team_id, started_at, call_id);
  CREATE INDEX centre_calls_by_agent ON centre_calls (team_id, agent_work_number, started_at, call_id);
  CREATE INDEX centre_calls_by_caller ON centre_calls (caller_phone_norm, started_at);
  CREATE INDEX centre_calls_by_call ON centre_calls (call_id);

  CREATE TABLE call_reviews (
    team_id TEXT NOT NULL,
    call_id TEXT NOT NULL,
    agent_person_id TEXT NOT NULL,
    annotations TEXT NOT NULL,
    scorecard TEXT,
    template_id TEXT,
    template_version INTEGER,
    version INTEGER NOT NULL,
    shared_at ${ms},
    shared_by TEXT,
    updated_by TEXT NOT NULL,
    updated_at ${ms} NOT NULL,
    PRIMARY KEY (team_id, call_id)
  )${strict};
  CREATE INDEX call_reviews_shared ON call_reviews (agent_person_id, shared_at);

  CREATE TABLE scorecard_templates (
    template_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at ${ms} NOT NULL,
    PRIMARY KEY (template_id, version)
  )${strict};
`;

export const REVIEWS_SQLITE_MIGRATION = {
  name: 'case review: playbacks, centre calls, reviews, scorecard templates',
  up: (db: Database.Database) => {
    db.exec(tables('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT', ' STRICT'));
  },
};

export const REVIEWS_POSTGRES_MIGRATION = {
  name: 'case review: playbacks, centre calls, reviews, scorecard templates',
  sql: tables('BIGINT', 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', ''),
};

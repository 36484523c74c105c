import type Database from 'better-sqlite3';

/**
 * The live floor: the latest state each person's desk reported, and the event
 * log the lead's stream reads (kept FLOOR_RETENTION_MS, see retention in
 * routes.ts). The same tables on both stores; the lists in
 * store/sqlite/migrations.ts and store/postgres/migrations.ts take these in version order.
 */
const tables = (ms: 'INTEGER' | 'BIGINT', id: string, strict: string) => `
  CREATE TABLE floor_states (
    person_id TEXT PRIMARY KEY REFERENCES people (id),
    team_id TEXT NOT NULL,
    -- FloorState as JSON, the caller's number already masked.
    state TEXT NOT NULL,
    reported_at ${ms} NOT NULL
  )${strict};
  CREATE INDEX floor_states_by_team ON floor_states (team_id);

  CREATE TABLE floor_events (
    id ${id},
    team_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    at ${ms} NOT NULL,
    -- FloorAgent as JSON (masked), the SSE event's data.
    body TEXT NOT NULL
  )${strict};
  CREATE INDEX floor_events_by_at ON floor_events (at);

  -- The newest event id deleted by retention: a Last-Event-ID below it has missed events.
  CREATE TABLE floor_horizon (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    pruned_through ${ms} NOT NULL
  )${strict};
`;

export const FLOOR_SQLITE_MIGRATION = {
  name: 'live floor',
  up: (db: Database.Database) => {
    db.exec(tables('INTEGER', 'INTEGER PRIMARY KEY AUTOINCREMENT', ' STRICT'));
  },
};

export const FLOOR_POSTGRES_MIGRATION = {
  name: 'live floor',
  sql: tables('BIGINT', 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', ''),
};

/**
 * Emergencies (紧急上报) and the agent's detail: alerts live in their own table
 * and travel on the floor's event stream as `alert` events (hence the kind
 * column); the draft a lead may open is the latest per person, no history.
 */
const alertTables = (ms: 'INTEGER' | 'BIGINT', strict: string) => `
  ALTER TABLE floor_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'state';

  CREATE TABLE floor_alerts (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    -- FloorAlert as JSON (the caller masked); the columns below are the source of truth where they overlap.
    body TEXT NOT NULL,
    raised_at ${ms} NOT NULL,
    escalate_at ${ms} NOT NULL,
    acknowledged_by TEXT,
    acknowledged_at ${ms},
    escalated_at ${ms}
  )${strict};
  CREATE INDEX floor_alerts_by_team ON floor_alerts (team_id, raised_at);
  CREATE INDEX floor_alerts_due ON floor_alerts (escalate_at) WHERE acknowledged_at IS NULL AND escalated_at IS NULL;

  CREATE TABLE floor_details (
    person_id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL,
    body TEXT NOT NULL,
    reported_at ${ms} NOT NULL
  )${strict};

  CREATE TABLE floor_alert_policy (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    body TEXT NOT NULL,
    updated_at ${ms} NOT NULL
  )${strict};
`;

export const FLOOR_ALERTS_SQLITE_MIGRATION = {
  name: 'floor alerts and detail',
  up: (db: Database.Database) => {
    db.exec(alertTables('INTEGER', ' STRICT'));
  },
};

export const FLOOR_ALERTS_POSTGRES_MIGRATION = {
  name: 'floor alerts and detail',
  sql: alertTables('BIGINT', ''),
};

import type { Migration } from './migration';

/** Settings, the SIP secret and the call log. */
export const migration0010: Migration = {
  version: 10,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- Only ciphertext from the OS keychain (Electron safeStorage) is stored here.
      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        ciphertext BLOB NOT NULL
      ) STRICT;

      CREATE TABLE calls (
        id TEXT PRIMARY KEY,
        direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        remote_number TEXT NOT NULL,
        remote_name TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        answered_at INTEGER,
        ended_at INTEGER,
        outcome TEXT CHECK (outcome IN ('answered', 'missed', 'declined', 'failed')),
        ended_by TEXT CHECK (ended_by IN ('agent', 'remote', 'system'))
      ) STRICT;
      CREATE INDEX calls_by_start ON calls (started_at DESC);
    `);
  },
};

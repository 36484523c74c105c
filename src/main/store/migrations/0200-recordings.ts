import type { Migration } from './migration';

/**
 * Call recordings (issue 13). The audio is in files (encrypted records); here
 * is what finds and opens them: the recording's own key wrapped by a desk key,
 * and the desk keys themselves (kept by the OS keychain where there is one).
 * The deletion log outlives the recordings it names.
 */
export const migration0200: Migration = {
  version: 200,
  name: 'recordings',
  up: (db) => {
    db.exec(`
      CREATE TABLE recording_desk_keys (
        id INTEGER PRIMARY KEY,
        protection TEXT NOT NULL CHECK (protection IN ('os-keychain', 'unprotected')),
        material BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE recordings (
        id TEXT PRIMARY KEY,
        call_id TEXT NOT NULL,
        practice INTEGER NOT NULL CHECK (practice IN (0, 1)),
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        state TEXT NOT NULL CHECK (state IN ('recording', 'complete', 'repaired')),
        duration_ms REAL,
        holds TEXT NOT NULL DEFAULT '[]',
        held_since INTEGER,
        bytes INTEGER NOT NULL DEFAULT 0,
        next_seq INTEGER NOT NULL DEFAULT 0,
        desk_key_id INTEGER NOT NULL REFERENCES recording_desk_keys (id),
        wrapped_key BLOB NOT NULL,
        file TEXT NOT NULL
      );
      CREATE INDEX recordings_by_call ON recordings (call_id, started_at);
      CREATE INDEX recordings_by_start ON recordings (started_at);
      CREATE TABLE recording_deletions (
        recording_id TEXT NOT NULL,
        call_id TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        deleted_at INTEGER NOT NULL,
        reason TEXT NOT NULL
      );
    `);
  },
};

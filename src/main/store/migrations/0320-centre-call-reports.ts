import type { Migration } from './migration';

/**
 * Case review at the centre (issue 13): which ended calls this desk still has
 * to report to the centre's call list (sent once each, again when its score
 * changes), and review bundles imported from another desk for case-review
 * sessions (shown read-only in replay; the bundle's recording stays sealed in
 * the recordings store, never as plain audio on disk).
 */
export const migration0320: Migration = {
  version: 320,
  name: 'centre-call-reports',
  up: (db) => {
    db.exec(`
      CREATE TABLE centre_call_reports (
        call_id TEXT PRIMARY KEY,
        agent TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'refused')),
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX centre_call_reports_pending ON centre_call_reports (state, updated_at);

      CREATE TABLE imported_reviews (
        id TEXT PRIMARY KEY,
        call_id TEXT NOT NULL,
        title TEXT NOT NULL,
        bundle TEXT NOT NULL CHECK (json_valid(bundle)),
        recording_id TEXT,
        imported_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};

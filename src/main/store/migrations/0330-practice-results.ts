import type { Migration } from './migration';

/**
 * Practice results (issue 14): each finished practice call's result (the
 * scenario and its version, the score per scorecard item, duration, the
 * signals that fired, the lines the caller said), kept here and sent to the
 * signed-in centre once (idempotency key made with the row; resumable like
 * the outbox). Not a work order and not in any real statistics.
 */
export const migration0330: Migration = {
  version: 330,
  name: 'practice-results',
  up: (db) => {
    db.exec(`
      CREATE TABLE practice_results (
        call_id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        agent TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        created_at INTEGER NOT NULL,
        upload_state TEXT NOT NULL DEFAULT 'pending' CHECK (upload_state IN ('pending', 'done', 'refused')),
        upload_attempts INTEGER NOT NULL DEFAULT 0,
        uploaded_at INTEGER,
        upload_error TEXT
      ) STRICT;
      CREATE INDEX practice_results_to_upload ON practice_results (created_at) WHERE upload_state = 'pending';
    `);
  },
};

import type { Migration } from './migration';

/** Each recording goes to the centre once (issue 13): where its upload stands. Practice recordings stay on the desk. */
export const migration0210: Migration = {
  version: 210,
  name: 'recording-uploads',
  up: (db) => {
    db.exec(`
      ALTER TABLE recordings ADD COLUMN upload_state TEXT NOT NULL DEFAULT 'pending' CHECK (upload_state IN ('pending', 'done', 'skipped'));
      ALTER TABLE recordings ADD COLUMN upload_attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE recordings ADD COLUMN uploaded_at INTEGER;
      ALTER TABLE recordings ADD COLUMN upload_error TEXT;
      UPDATE recordings SET upload_state = 'skipped' WHERE practice = 1;
      CREATE INDEX recordings_to_upload ON recordings (started_at) WHERE upload_state = 'pending';
    `);
  },
};

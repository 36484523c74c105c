import type { Migration } from './migration';

/**
 * The desk's copy of the centre's reference data (src/main/reference-data):
 * where each dataset's copy stands and its live items, so the desk works from
 * the last copy while the centre cannot be reached.
 */
export const migration0100: Migration = {
  version: 100,
  name: 'reference-data',
  up: (db) => {
    db.exec(`
      CREATE TABLE reference_datasets (
        dataset TEXT PRIMARY KEY,
        -- The centre database the copy came from: another one starts the copy again.
        service_id TEXT NOT NULL,
        cursor INTEGER NOT NULL,
        version INTEGER NOT NULL,
        -- When the desk last knew the copy was up to date (epoch ms).
        checked_at INTEGER NOT NULL,
        -- Items the desk's schema refused (a newer centre); kept out of the copy.
        refused INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE reference_items (
        dataset TEXT NOT NULL,
        item_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (dataset, item_id)
      ) STRICT;
    `);
  },
};

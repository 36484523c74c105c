import type { Migration } from './migration';

/**
 * An imported review bundle keeps its recording sealed as the desk's own
 * recordings are (AES-256-GCM under a random key, wrapped by the desk key),
 * beside the bundle's other parts: no plain audio on this desk's disk.
 */
export const migration0325: Migration = {
  version: 325,
  name: 'imported-review-audio',
  up: (db) => {
    db.exec(`
      ALTER TABLE imported_reviews ADD COLUMN audio BLOB;
      ALTER TABLE imported_reviews ADD COLUMN audio_mime TEXT;
      ALTER TABLE imported_reviews ADD COLUMN desk_key_id INTEGER REFERENCES recording_desk_keys (id);
      ALTER TABLE imported_reviews ADD COLUMN wrapped_key BLOB;
    `);
  },
};

import type Database from 'better-sqlite3';

/**
 * Centre reference data (reference-store.ts): the published versions of each
 * dataset, every item as now published (a deletion kept as a tombstone so a
 * desk behind it learns of it), and every version of every item. The same
 * tables on both stores; the lists in store/sqlite/migrations.ts and
 * store/postgres/migrations.ts take these in version order.
 */
const tables = (ms: 'INTEGER' | 'BIGINT', strict: string) => `
  CREATE TABLE reference_versions (
    dataset TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version > 0),
    -- The newest item cursor this version wrote.
    cursor ${ms} NOT NULL,
    published_at ${ms} NOT NULL,
    published_by TEXT,
    note TEXT NOT NULL,
    upserted INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    PRIMARY KEY (dataset, version)
  )${strict};

  CREATE TABLE reference_items (
    dataset TEXT NOT NULL,
    item_id TEXT NOT NULL,
    -- The dataset's change counter at this item's last change: desks read "after cursor n".
    cursor ${ms} NOT NULL,
    version INTEGER NOT NULL,
    -- The item's JSON; NULL once deleted.
    body TEXT,
    PRIMARY KEY (dataset, item_id)
  )${strict};
  CREATE UNIQUE INDEX reference_items_by_cursor ON reference_items (dataset, cursor);

  CREATE TABLE reference_item_history (
    dataset TEXT NOT NULL,
    item_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT,
    PRIMARY KEY (dataset, item_id, version)
  )${strict};
`;

export const REFERENCE_SQLITE_MIGRATION = {
  name: 'reference data',
  up: (db: Database.Database) => {
    db.exec(tables('INTEGER', ' STRICT'));
  },
};

export const REFERENCE_POSTGRES_MIGRATION = {
  name: 'reference data',
  sql: tables('BIGINT', ''),
};

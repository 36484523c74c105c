import type { Migration } from './migration';

/**
 * Dispatch suggestions on the desk (src/main/dispatch): per work order, what
 * was suggested, what the agent chose, and what the centre said came of it
 * (accepted, returned with a reason, re-dispatched), so the desk learns from
 * its own outcomes offline and reports its choices to the centre once synced.
 */
export const migration0150: Migration = {
  version: 150,
  name: 'dispatch-choices',
  up: (db) => {
    db.exec(`
      CREATE TABLE dispatch_choices (
        work_order_id TEXT PRIMARY KEY REFERENCES work_orders (id) ON DELETE CASCADE,
        category TEXT,
        -- JSON arrays of department ids, best suggestion first.
        suggested TEXT NOT NULL,
        top_matter_id TEXT,
        chosen TEXT NOT NULL,
        catalogue_version INTEGER NOT NULL,
        chosen_at INTEGER NOT NULL,
        -- When the centre took the record (null: not yet, or the order is not synced yet).
        reported_at INTEGER,
        outcome TEXT CHECK (outcome IN ('accepted', 'returned', 'redispatched')),
        outcome_reason TEXT NOT NULL DEFAULT '',
        outcome_departments TEXT NOT NULL DEFAULT '[]',
        outcome_at INTEGER
      ) STRICT;
      CREATE INDEX dispatch_choices_unreported ON dispatch_choices (reported_at) WHERE reported_at IS NULL;
    `);
  },
};

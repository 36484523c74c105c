import type { Migration } from './migration';

/**
 * A practice call (情景模拟) opens the same work-order pane as a real call,
 * but its work order is the trainee's exercise: kept on this desk, never in
 * the outbox, never synced, never in the agent's lists or a caller's history.
 * The CHECK makes that a property of the database, not only of the code: a
 * practice row can never leave `draft` (the outbox only sends `queued`).
 */
export const migration0300: Migration = {
  version: 300,
  name: 'practice-work-orders',
  up: (db) => {
    db.exec(`
      ALTER TABLE work_orders ADD COLUMN practice INTEGER NOT NULL DEFAULT 0
        CHECK (practice IN (0, 1) AND (practice = 0 OR (sync_state = 'draft' AND server_id IS NULL)));
    `);
  },
};

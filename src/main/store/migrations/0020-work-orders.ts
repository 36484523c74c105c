import type { Migration } from './migration';

/**
 * Work orders (issue 5): the draft, its place in the outbox and what the
 * work-order service last said about it; plus the change-feed cursor per service.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'work-orders',
  up: (db) => {
    db.exec(`
      CREATE TABLE work_orders (
        id TEXT PRIMARY KEY,
        -- Made with the draft; the service recognises a retried create by it.
        idempotency_key TEXT NOT NULL UNIQUE,
        -- One draft per call; NULL for a draft without a call (a call-back).
        call_id TEXT UNIQUE,
        -- WorkOrderDraftSchema as JSON, validated again when read.
        fields TEXT NOT NULL,
        -- Normalised copies of fields.callerPhone and fields.callbackNumber for the screen pop.
        caller_phone_norm TEXT NOT NULL DEFAULT '',
        callback_phone_norm TEXT NOT NULL DEFAULT '',
        revision INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        sync_state TEXT NOT NULL DEFAULT 'draft'
          CHECK (sync_state IN ('draft', 'queued', 'sending', 'synced', 'needs-attention')),
        sync_attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        last_error TEXT,
        -- AttentionSchema as JSON while sync_state = 'needs-attention'.
        attention TEXT,
        server_id TEXT,
        server_version INTEGER,
        server_status TEXT CHECK (server_status IN ('received', 'dispatched', 'replied', 'follow-up-due', 'closed')),
        server_status_changed_at INTEGER,
        -- The fields as the service holds them at server_version (the base of a three-way conflict check).
        server_fields TEXT
      ) STRICT;
      CREATE INDEX work_orders_by_caller_phone ON work_orders (caller_phone_norm, created_at);
      CREATE INDEX work_orders_by_callback_phone ON work_orders (callback_phone_norm, created_at);
      -- The outbox scan (sync_state = 'queued' AND next_attempt_at <= now) and the overview counts.
      CREATE INDEX work_orders_outbox ON work_orders (sync_state, next_attempt_at);
      CREATE INDEX work_orders_by_server_id ON work_orders (server_id) WHERE server_id IS NOT NULL;
      CREATE INDEX work_orders_by_updated ON work_orders (updated_at);

      -- Where the change feed (GET /v1/changes) was read up to, per service (embedded or a URL).
      CREATE TABLE work_order_sync_cursors (
        target TEXT PRIMARY KEY,
        cursor TEXT NOT NULL
      ) STRICT;
    `);
  },
};

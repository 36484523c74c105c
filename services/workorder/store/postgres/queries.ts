export const RECORD_COLUMNS =
  'id, team_id, agent_id, idempotency_key, request_hash, version, status, fields, created_at, updated_at, status_changed_at';

/** What a taken idempotency key answers with: its request hash and what rebuilds the first response. */
const KEY_COLUMNS = 'id, team_id, agent_id, idempotency_key, request_hash, created_at, fields, first_response';

/**
 * The hot statements, one place, so test/unit/workorder-service/query-plans.test.ts
 * can EXPLAIN exactly what the store runs.
 */
export const POSTGRES_QUERIES = {
  /**
   * Caller history (screen pop): two index lookups, each stopping after `limit`
   * rows of its (team, phone, created_at) index, joined by UNION. A caller with
   * thousands of orders costs 2 × limit index rows, not a bitmap of all of them
   * sorted.
   */
  byPhone: `SELECT ${RECORD_COLUMNS} FROM work_orders WHERE id IN (
      (SELECT id FROM work_orders WHERE team_id = $1 AND caller_phone_norm = $2 ORDER BY created_at DESC, id DESC LIMIT $3)
      UNION
      (SELECT id FROM work_orders WHERE team_id = $1 AND callback_phone_norm = $2 ORDER BY created_at DESC, id DESC LIMIT $3)
    ) ORDER BY created_at DESC, id DESC LIMIT $3`,
  /**
   * The team's changes after a cursor. `ORDER BY team_id, seq` (team_id is fixed
   * by the WHERE, so the order is the same) is the order of the (team_id, seq)
   * index and not of the primary key: from cursor 0 the planner would otherwise
   * walk the primary key over every team's changes and filter.
   */
  changes: `SELECT seq, work_order_id, agent_id, kind, status, version, note, at FROM work_order_changes
      WHERE team_id = $1 AND seq > $2 ORDER BY team_id, seq LIMIT $3`,
  /** The team's newest cursor (a new desk starts here). */
  head: 'SELECT max(seq) AS head FROM work_order_changes WHERE team_id = $1',
  byKey: `SELECT ${KEY_COLUMNS} FROM work_orders WHERE team_id = $1 AND idempotency_key = $2`,
  byKeys: `SELECT ${KEY_COLUMNS} FROM work_orders WHERE team_id = $1 AND idempotency_key = ANY($2::text[])`,
  byId: `SELECT ${RECORD_COLUMNS} FROM work_orders WHERE team_id = $1 AND id = $2`,
  findToken: 'SELECT id, agent_id, team_id, role FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
} as const;

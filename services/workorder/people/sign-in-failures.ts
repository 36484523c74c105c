/**
 * Counts one wrong password in one statement (so two instances on PostgreSQL
 * count both): the count restarts when the first failure of the window is
 * older than the window; the failure that reaches the maximum sets the lock
 * and starts the count again. Named parameters ($id, $at, $windowStart, $max,
 * $until); each store binds them its own way. The right-hand sides read the
 * row as it was (both SQLite and PostgreSQL).
 */
const FRESH = 'first_failed_at IS NULL OR first_failed_at <= $windowStart';
const COUNT = `(CASE WHEN ${FRESH} THEN 1 ELSE failed_sign_ins + 1 END)`;

export const FAILED_SIGN_IN_SQL = `UPDATE people SET
    failed_sign_ins = CASE WHEN ${COUNT} >= $max THEN 0 ELSE ${COUNT} END,
    first_failed_at = CASE WHEN ${COUNT} >= $max THEN NULL WHEN ${FRESH} THEN $at ELSE first_failed_at END,
    locked_until = CASE WHEN ${COUNT} >= $max THEN $until ELSE locked_until END
  WHERE id = $id
  RETURNING locked_until`;

/** The same statement with PostgreSQL's numbered placeholders, in this order. */
export const FAILED_SIGN_IN_PARAMS = ['id', 'at', 'windowStart', 'max', 'until'] as const;
export const FAILED_SIGN_IN_SQL_NUMBERED = FAILED_SIGN_IN_SQL.replace(
  /\$(\w+)/g,
  (_, name: string) => `$${FAILED_SIGN_IN_PARAMS.indexOf(name as (typeof FAILED_SIGN_IN_PARAMS)[number]) + 1}`,
);

import { PERSON_COLUMNS, TOKEN_WITH_PERSON_COLUMNS } from './rows';

/**
 * The people statements every request (or every sign-in) runs, in one place,
 * so test/unit/workorder-service/people/query-plans.test.ts can EXPLAIN exactly
 * these. `?` for SQLite; `numbered()` gives PostgreSQL's `$n`.
 */
export const PEOPLE_QUERIES = {
  /** Every bearer request: the token by its hash (unique index), the person by primary key. */
  tokenState: `SELECT t.id, t.agent_id, t.team_id, t.role, t.person_id, t.expires_at, t.revoked_at, p.disabled_at
    FROM api_tokens t LEFT JOIN people p ON p.id = t.person_id WHERE t.token_hash = ?`,
  /** Every sign-in: the session rows of a person (partial index on person_id). */
  revokeSessions: 'UPDATE api_tokens SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL',
  revokeDeskSessions: 'UPDATE api_tokens SET revoked_at = ? WHERE person_id = ? AND label = ? AND revoked_at IS NULL',
} as const;

/**
 * Every signed-in request: the token by its hash and its person (with the teams they lead) by primary key, in one
 * statement. `teamsAgg` is the dialect's string aggregate over team_leads.team_id.
 */
export function tokenWithPersonSql(teamsAgg: string): string {
  return `SELECT ${TOKEN_WITH_PERSON_COLUMNS},
    ${leadsTeamsColumn(teamsAgg)}
  FROM api_tokens t LEFT JOIN people p ON p.id = t.person_id WHERE t.token_hash = ?`;
}

/** People (`p`) with the teams they lead, for a WHERE / ORDER BY to follow; `teamsAgg` as above. */
export function personSelectSql(teamsAgg: string): string {
  return `SELECT ${PERSON_COLUMNS},
    ${leadsTeamsColumn(teamsAgg)}
  FROM people p`;
}

/** The teams person `p` leads, comma-separated (PersonRow.leads_teams). */
function leadsTeamsColumn(teamsAgg: string): string {
  return `(SELECT ${teamsAgg} FROM team_leads l WHERE l.person_id = p.id) AS leads_teams`;
}

/** `?` placeholders as `$1, $2, ...` (the statements above hold no `?` in literals). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
}

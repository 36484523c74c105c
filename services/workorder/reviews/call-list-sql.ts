/**
 * The trainer's call list, one team at a time: newest first on the
 * (team_id, started_at, call_id) index, or the (team_id, agent_work_number,
 * started_at, call_id) one when an agent is named, so a page reads about as
 * many rows as it returns whatever the year holds; the other filters are
 * checked on those rows. The page after a cursor starts strictly below it
 * (keyset paging: no OFFSET walking through earlier pages).
 */
export interface CallFilter {
  agent?: string | undefined;
  /** Only this person's calls (an agent reading their own). */
  agentPersonId?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  minDurationMs?: number | undefined;
  maxDurationMs?: number | undefined;
  outcome?: string | undefined;
  prompts?: readonly string[] | undefined;
  repeat?: boolean | undefined;
  minScore?: number | undefined;
  maxScore?: number | undefined;
  /** Strictly older than this call. */
  after?: { startedAt: number; callId: string } | undefined;
}

export function callListSql(dialect: 'sqlite' | 'postgres', teamId: string, filter: CallFilter, limit: number): { sql: string; params: unknown[] } {
  const where = ['c.team_id = ?'];
  const params: unknown[] = [teamId];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (filter.agent !== undefined) add('c.agent_work_number = ?', filter.agent);
  if (filter.agentPersonId !== undefined) add('c.agent_person_id = ?', filter.agentPersonId);
  if (filter.from !== undefined) add('c.started_at >= ?', filter.from);
  if (filter.to !== undefined) add('c.started_at < ?', filter.to);
  if (filter.after !== undefined) {
    // The first clause bounds the index range; the second drops the cursor's own row and those before it at the same moment.
    add('c.started_at <= ?', filter.after.startedAt);
    add('(c.started_at < ? OR c.call_id < ?)', filter.after.startedAt, filter.after.callId);
  }
  if (filter.minDurationMs !== undefined) add('c.duration_ms >= ?', filter.minDurationMs);
  if (filter.maxDurationMs !== undefined) add('c.duration_ms <= ?', filter.maxDurationMs);
  if (filter.outcome !== undefined) add('c.outcome = ?', filter.outcome);
  if (filter.repeat !== undefined) add('c.repeat_caller = ?', filter.repeat ? 1 : 0);
  if (filter.minScore !== undefined) add('c.score >= ?', filter.minScore);
  if (filter.maxScore !== undefined) add('c.score <= ?', filter.maxScore);
  if (filter.prompts !== undefined && filter.prompts.length > 0) {
    const contains = dialect === 'sqlite' ? 'instr(c.prompts, ?) > 0' : 'strpos(c.prompts, ?) > 0';
    add(`(${filter.prompts.map(() => contains).join(' OR ')})`, ...filter.prompts.map((kind) => `,${kind},`));
  }
  // Name the index order explicitly: the agent's index when an agent is named.
  const order = filter.agent !== undefined ? 'c.agent_work_number DESC, c.started_at DESC, c.call_id DESC' : 'c.started_at DESC, c.call_id DESC';
  const sql = `SELECT c.team_id, c.call_id, c.agent_person_id, c.agent_work_number, c.recording_id, c.started_at, c.duration_ms, c.outcome, c.prompts,
      c.caller_phone_norm, c.repeat_caller, c.score, c.max_score, r.shared_at
    FROM centre_calls c LEFT JOIN call_reviews r ON r.team_id = c.team_id AND r.call_id = c.call_id
    WHERE ${where.join(' AND ')}
    ORDER BY ${order}
    LIMIT ?`;
  return { sql, params: [...params, limit] };
}

/** The opaque cursor of a page's last call. */
export function encodeCursor(call: { startedAt: number; callId: string }): string {
  return Buffer.from(`${call.startedAt}.${call.callId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { startedAt: number; callId: string } | null {
  const match = /^(\d{1,16})\.([0-9A-Za-z-]{8,64})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { startedAt: Number(match[1]), callId: match[2]! } : null;
}

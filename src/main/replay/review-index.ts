import type Database from 'better-sqlite3';
import type { ReviewPage, ReviewQuery, ReviewRow } from '../../shared/review/review';
import { ReviewQuerySchema } from '../../shared/review/review';

interface Row {
  call_id: string;
  agent: string;
  remote_number: string;
  started_at: number;
  duration_ms: number | null;
  outcome: ReviewRow['outcome'];
  practice: number;
  prompts: string;
  score: number | null;
  max_score: number | null;
}

/** How many unindexed calls one search catches up at most (the rest at the next search). */
const CATCH_UP = 2000;

/**
 * The trainer's call list: one row per ended call with what a search asks
 * about (agent, start, duration, outcome, prompt kinds raised, score), kept
 * in call_reviews so a search reads one table and its indexes, never the
 * timelines. A call is indexed when it ends (and again when it is scored);
 * the first searches after a start catch up any call that was missed (a
 * crash between end and indexing).
 */
export class ReviewIndex {
  private readonly upsert: Database.Statement;
  private readonly promptKinds: Database.Statement;
  private readonly call: Database.Statement;
  /** Every ended call is in the list: from then on the ledger's end events keep it so. */
  private caughtUp = false;

  constructor(
    private readonly db: Database.Database,
    private readonly agent: () => string,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO call_reviews (call_id, agent, started_at, duration_ms, outcome, practice, prompts, score)
       VALUES (@callId, @agent, @startedAt, @durationMs, @outcome, @practice, @prompts, (SELECT score FROM call_scores WHERE call_id = @callId))
       ON CONFLICT (call_id) DO UPDATE SET duration_ms = excluded.duration_ms, outcome = excluded.outcome, prompts = excluded.prompts, score = excluded.score`,
    );
    this.promptKinds = db.prepare("SELECT DISTINCT json_extract(payload, '$.kind') AS kind FROM call_timeline WHERE call_id = ? AND kind = 'prompt-shown'");
    this.call = db.prepare('SELECT id, started_at, answered_at, ended_at, outcome, practice FROM calls WHERE id = ?');
  }

  /** (Re)indexes one call; a call still ringing or talking is left for later. */
  index(callId: string): void {
    const call = this.call.get(callId) as { id: string; started_at: number; answered_at: number | null; ended_at: number | null; outcome: string | null; practice: number } | undefined;
    if (!call || call.ended_at === null) return;
    const kinds = (this.promptKinds.all(callId) as { kind: string | null }[]).map((row) => row.kind).filter((kind): kind is string => typeof kind === 'string' && /^[a-z-]{1,32}$/.test(kind));
    this.upsert.run({
      callId,
      agent: this.agent(),
      startedAt: call.started_at,
      durationMs: call.answered_at === null ? null : Math.max(0, call.ended_at - call.answered_at),
      outcome: call.outcome,
      practice: call.practice,
      prompts: `,${kinds.sort().join(',')}${kinds.length > 0 ? ',' : ''}`,
    });
  }

  scored(callId: string, score: number): void {
    const changed = this.db.prepare('UPDATE call_reviews SET score = ? WHERE call_id = ?').run(score, callId).changes;
    if (changed === 0) this.index(callId);
  }

  /**
   * Indexes ended calls not yet in the list (a crash between a call's end and
   * its indexing); returns how many. Scans the calls once per start of the
   * desk, until none is missing: later calls are indexed as they end.
   */
  catchUp(): number {
    if (this.caughtUp) return 0;
    const missing = this.db
      .prepare('SELECT c.id FROM calls c WHERE c.ended_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM call_reviews r WHERE r.call_id = c.id) LIMIT ?')
      .pluck()
      .all(CATCH_UP) as string[];
    this.db.transaction(() => {
      for (const id of missing) this.index(id);
    })();
    if (missing.length < CATCH_UP) this.caughtUp = true;
    return missing.length;
  }

  search(input: ReviewQuery): ReviewPage {
    const query = ReviewQuerySchema.parse(input);
    const where: string[] = [];
    const params: Record<string, number | string> = {};
    const add = (clause: string, name: string, value: number | string | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      params[name] = value;
    };
    add('r.agent = @agent', 'agent', query.agent);
    add('r.started_at >= @from', 'from', query.from);
    add('r.started_at < @to', 'to', query.to);
    add('r.duration_ms >= @minDuration', 'minDuration', query.minDurationMs);
    add('r.duration_ms <= @maxDuration', 'maxDuration', query.maxDurationMs);
    add('r.outcome = @outcome', 'outcome', query.outcome);
    add('r.score >= @minScore', 'minScore', query.minScore);
    add('r.score <= @maxScore', 'maxScore', query.maxScore);
    add('r.practice = @practice', 'practice', query.practice === undefined ? undefined : query.practice ? 1 : 0);
    if (query.prompts.length > 0) {
      where.push(`(${query.prompts.map((_, i) => `instr(r.prompts, @prompt${i}) > 0`).join(' OR ')})`);
      query.prompts.forEach((kind, i) => (params[`prompt${i}`] = `,${kind},`));
    }
    const sql = `SELECT r.call_id, r.agent, c.remote_number, r.started_at, r.duration_ms, r.outcome, r.practice, r.prompts, r.score, s.max_score
      FROM call_reviews r JOIN calls c ON c.id = r.call_id LEFT JOIN call_scores s ON s.call_id = r.call_id
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY r.started_at DESC LIMIT @limit OFFSET @offset`;
    const rows = this.db.prepare(sql).all({ ...params, limit: query.pageSize + 1, offset: query.page * query.pageSize }) as Row[];
    return {
      page: query.page,
      hasMore: rows.length > query.pageSize,
      rows: rows.slice(0, query.pageSize).map((row) => ({
        callId: row.call_id,
        agent: row.agent,
        remoteNumber: row.remote_number,
        startedAt: row.started_at,
        durationMs: row.duration_ms,
        outcome: row.outcome,
        practice: row.practice === 1,
        prompts: row.prompts.split(',').filter((kind) => kind !== ''),
        score: row.score,
        maxScore: row.max_score,
      })),
    };
  }
}

import type Database from 'better-sqlite3';
import { defaultScorecardTemplate, ScorecardOverrideSchema, ScorecardSchema, ScorecardTemplateSchema, type Scorecard, type ScorecardOverride, type ScorecardTemplate } from '../../shared/scorecard';
import type { ScoreHistoryEntry, StoredScore } from '../../shared/review/review';

interface ScoreRow {
  call_id: string;
  agent: string;
  practice: number;
  scored_at: number;
  score: number;
  max_score: number;
  zeroed: number;
  pending: number;
  card: string;
  overrides: string;
}

/** The scorecard template in use and every call's card (migration 0250). */
export class ScoreStore {
  constructor(private readonly db: Database.Database) {}

  /** The saved template; the built-in default when none was saved or the saved one no longer parses. */
  template(): ScorecardTemplate {
    const row = this.db.prepare('SELECT body FROM scorecard_template WHERE one = 1').get() as { body: string } | undefined;
    if (!row) return defaultScorecardTemplate();
    const parsed = ScorecardTemplateSchema.safeParse(JSON.parse(row.body));
    return parsed.success ? parsed.data : defaultScorecardTemplate();
  }

  /** Saves an edited template as the next version of the one in use. */
  saveTemplate(template: ScorecardTemplate, now: number): ScorecardTemplate {
    const saved = { ...template, version: Math.max(template.version, this.template().version + 1) };
    this.db
      .prepare('INSERT INTO scorecard_template (one, body, updated_at) VALUES (1, ?, ?) ON CONFLICT (one) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at')
      .run(JSON.stringify(saved), now);
    return saved;
  }

  /** Uses a template the centre published as it is (its version included), so scores name the centre's version. */
  adoptTemplate(template: ScorecardTemplate, now: number): ScorecardTemplate {
    const adopted = ScorecardTemplateSchema.parse(template);
    this.db
      .prepare('INSERT INTO scorecard_template (one, body, updated_at) VALUES (1, ?, ?) ON CONFLICT (one) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at')
      .run(JSON.stringify(adopted), now);
    return adopted;
  }

  overrides(callId: string): ScorecardOverride[] {
    const row = this.db.prepare('SELECT overrides FROM call_scores WHERE call_id = ?').get(callId) as { overrides: string } | undefined;
    if (!row) return [];
    return (JSON.parse(row.overrides) as unknown[]).flatMap((raw) => {
      const parsed = ScorecardOverrideSchema.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    });
  }

  put(score: { callId: string; agent: string; practice: boolean; scoredAt: number; card: Scorecard; overrides: readonly ScorecardOverride[] }): void {
    const { card } = score;
    this.db
      .prepare(
        `INSERT INTO call_scores (call_id, agent, practice, scored_at, score, max_score, zeroed, pending, card, overrides)
         VALUES (@callId, @agent, @practice, @scoredAt, @score, @maxScore, @zeroed, @pending, @card, @overrides)
         ON CONFLICT (call_id) DO UPDATE SET agent = excluded.agent, scored_at = excluded.scored_at, score = excluded.score,
           max_score = excluded.max_score, zeroed = excluded.zeroed, pending = excluded.pending, card = excluded.card, overrides = excluded.overrides`,
      )
      .run({
        callId: score.callId,
        agent: score.agent,
        practice: score.practice ? 1 : 0,
        scoredAt: score.scoredAt,
        score: card.score,
        maxScore: card.maxScore,
        zeroed: card.zeroed ? 1 : 0,
        pending: card.pending,
        card: JSON.stringify(card),
        overrides: JSON.stringify(score.overrides),
      });
  }

  get(callId: string): StoredScore | null {
    const row = this.db.prepare('SELECT * FROM call_scores WHERE call_id = ?').get(callId) as ScoreRow | undefined;
    if (!row) return null;
    const card = ScorecardSchema.safeParse(JSON.parse(row.card));
    return card.success ? { callId: row.call_id, agent: row.agent, practice: row.practice === 1, scoredAt: row.scored_at, card: card.data } : null;
  }

  history(query: { agent: string; practice?: boolean | undefined; limit: number }): ScoreHistoryEntry[] {
    const practice = query.practice === undefined ? null : query.practice ? 1 : 0;
    const rows = this.db
      .prepare(
        `SELECT call_id, agent, practice, scored_at, score, max_score, zeroed, pending FROM call_scores
         WHERE agent = ? AND (? IS NULL OR practice = ?) ORDER BY scored_at DESC LIMIT ?`,
      )
      .all(query.agent, practice, practice, query.limit) as ScoreRow[];
    return rows.map((row) => ({
      callId: row.call_id,
      agent: row.agent,
      practice: row.practice === 1,
      scoredAt: row.scored_at,
      score: row.score,
      maxScore: row.max_score,
      zeroed: row.zeroed === 1,
      pending: row.pending,
    }));
  }
}

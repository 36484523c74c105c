import type { Migration } from './migration';

/**
 * Case review (issues 13 and 14): the scorecard template the centre edits,
 * each call's scorecard (the judged card as JSON, the trainer's overrides
 * kept apart so a re-judge never loses them), a search index of calls for
 * the trainer's call list (prompts raised, duration, score: computed once,
 * so a search never scans timelines), and annotations on a call's timeline.
 */
export const migration0250: Migration = {
  version: 250,
  name: 'call-reviews',
  up: (db) => {
    db.exec(`
      CREATE TABLE scorecard_template (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        body TEXT NOT NULL CHECK (json_valid(body)),
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE call_scores (
        call_id TEXT PRIMARY KEY,
        agent TEXT NOT NULL,
        practice INTEGER NOT NULL CHECK (practice IN (0, 1)),
        scored_at INTEGER NOT NULL,
        score INTEGER NOT NULL,
        max_score INTEGER NOT NULL,
        zeroed INTEGER NOT NULL CHECK (zeroed IN (0, 1)),
        pending INTEGER NOT NULL,
        card TEXT NOT NULL CHECK (json_valid(card)),
        overrides TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(overrides))
      ) STRICT;
      CREATE INDEX call_scores_by_agent ON call_scores (agent, scored_at DESC);

      CREATE TABLE call_reviews (
        call_id TEXT PRIMARY KEY,
        agent TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        duration_ms INTEGER,
        outcome TEXT,
        practice INTEGER NOT NULL CHECK (practice IN (0, 1)),
        -- The prompt kinds raised, each between commas (',emergency,abusive,'), for a LIKE per kind.
        prompts TEXT NOT NULL DEFAULT ',',
        score INTEGER
      ) STRICT;
      CREATE INDEX call_reviews_by_start ON call_reviews (started_at DESC);
      CREATE INDEX call_reviews_by_agent ON call_reviews (agent, started_at DESC);

      CREATE TABLE call_annotations (
        id INTEGER PRIMARY KEY,
        call_id TEXT NOT NULL,
        start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
        end_ms INTEGER CHECK (end_ms IS NULL OR end_ms >= start_ms),
        tag TEXT NOT NULL,
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX call_annotations_by_call ON call_annotations (call_id, start_ms);
    `);
  },
};

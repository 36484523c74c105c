import type { Migration } from './migration';

/**
 * The knowledge base's search index on the desk (src/main/knowledge): the
 * articles' words, synonyms, character bigrams and pinyin initials as
 * space-separated tokens in FTS5 (the segmenter runs in JS, so FTS5 only
 * splits on spaces); the editor's keywords also whole (tags), so a keyword
 * typed as it is outranks a word found in passing; and per article what the
 * ranking and filters need.
 */
export const migration0110: Migration = {
  version: 110,
  name: 'knowledge-index',
  up: (db) => {
    db.exec(`
      CREATE TABLE knowledge_docs (
        rowid INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL UNIQUE,
        valid_from TEXT,
        valid_until TEXT,
        -- 1 for a policy from this year, falling with age (ranking).
        recency REAL NOT NULL,
        -- The editor's keywords and names whole, space-delimited (' 医保 医保缴费 '): a query word equal
        -- to one outranks a word found in passing, which bm25 alone cannot tell once its counts saturate.
        tags TEXT NOT NULL
      ) STRICT;
      CREATE VIRTUAL TABLE knowledge_fts USING fts5(
        title, keys, tags, body, grams, initials,
        content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0'
      );
      CREATE TABLE knowledge_index_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};

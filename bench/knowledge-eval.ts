import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeArticleSchema, type KnowledgeArticle } from '../src/shared/knowledge/article';
import { KnowledgeIndex } from '../src/main/knowledge/knowledge-index';
import { knowledgeSegmenter, pinyinInitials } from '../src/main/knowledge/segmenter';

/** The bundled sample knowledge base and its queries (assets/knowledge, scripts/knowledge-sample.mjs). */
export interface SampleQuery {
  query: string;
  expect: string[];
  kind: string;
  twoChar: boolean;
}

export function loadSample(root: string): { articles: KnowledgeArticle[]; queries: SampleQuery[] } {
  const read = (name: string) => JSON.parse(readFileSync(join(root, 'assets', 'knowledge', name), 'utf8'));
  const articles = (read('sample-articles.json').articles as unknown[]).map((a) => KnowledgeArticleSchema.parse(a));
  return { articles, queries: read('sample-queries.json').queries as SampleQuery[] };
}

/** An index over `articles` in `db` (migrated desk database), built in one transaction. */
export function buildIndex(db: Database.Database, articles: readonly KnowledgeArticle[], now = Date.UTC(2026, 11, 2)): KnowledgeIndex {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const index = new KnowledgeIndex(db, knowledgeSegmenter, pinyinInitials, (ids) => new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id) as KnowledgeArticle]] : []))), () => now);
  db.transaction(() => {
    index.apply(articles.map((item) => ({ id: item.id, item })));
    index.markBuilt();
  })();
  return index;
}

export interface Evaluation {
  queries: number;
  top3: number;
  top3Rate: number;
  twoChar: { queries: number; found: number; top3: number };
  misses: { query: string; expect: string; got: string[] }[];
}

/** Top-3 hit rate of the sample queries; a two-character query "finds" its article when it is among the 10 shown. */
export function evaluate(index: KnowledgeIndex, queries: readonly SampleQuery[], today = '2026-12-02'): Evaluation {
  let top3 = 0;
  const twoChar = { queries: 0, found: 0, top3: 0 };
  const misses: Evaluation['misses'] = [];
  for (const q of queries) {
    const got = index.search(q.query, { limit: 10, includeExpired: false, today }).map((h) => h.id);
    const rank = got.findIndex((id) => q.expect.includes(id));
    if (rank >= 0 && rank < 3) top3 += 1;
    else misses.push({ query: q.query, expect: q.expect[0] ?? '', got: got.slice(0, 3) });
    if (q.twoChar) {
      twoChar.queries += 1;
      if (rank >= 0) twoChar.found += 1;
      if (rank >= 0 && rank < 3) twoChar.top3 += 1;
    }
  }
  return { queries: queries.length, top3, top3Rate: top3 / queries.length, twoChar, misses };
}

import type Database from 'better-sqlite3';
import { localDate, validityOn, type KnowledgeArticle } from '../../shared/knowledge/article';
import {
  analyseQuery,
  synonymsOf,
  tagsOf,
  bigramsOf,
  highlightTerms,
  initialsOf,
  matchExpression,
  synonymExpansion,
  wordsOf,
  type InitialsOf,
  type Segmenter,
} from '../../shared/knowledge/analysis';
import { bestPassage, highlight } from '../../shared/knowledge/highlight';
import { lexiconVersion } from '../../shared/knowledge/lexicon';
import type { KnowledgeHit } from '../../shared/knowledge/search';

/** bm25 weights of the columns: title, keys (keywords, department, policy, category, synonyms), tags (the same whole), body, bigrams, initials. */
const WEIGHTS = [10, 5, 20, 1, 1.5, 4] as const;
/** How much a new policy outranks an old one with the same text score (a multiplier of up to 1 + this). */
const RECENCY_WEIGHT = 0.25;
/** A query word that is one of the article's keywords (or its department, policy, category) whole multiplies the score by 1 + this. */
const TAG_WEIGHT = 1;
const CATEGORY_WEIGHT = 0.5;
/** Candidates read from FTS before the validity filter and passage work. */
const CANDIDATES = 60;

export interface SearchOptions {
  limit: number;
  /** Categories ranked first (an article of one scores 1 + CATEGORY_WEIGHT times). */
  categories?: readonly string[];
  includeExpired: boolean;
  /** The desk's local date, YYYY-MM-DD (default today). */
  today?: string;
}

/** Reads the stored article bodies for the hits (the reference copy holds them). */
export type ArticleReader = (ids: readonly string[]) => Map<string, KnowledgeArticle>;

/**
 * The knowledge base's search index on the desk. Articles are analysed in JS
 * (segmenter words, synonyms, bigrams, initials) and stored as tokens in a
 * contentless FTS5 table; a search analyses the query the same way, ranks by
 * bm25 and recency, drops expired articles, and cuts the best passage.
 */
export class KnowledgeIndex {
  constructor(
    private readonly db: Database.Database,
    private readonly segmenter: () => Segmenter,
    private readonly initials: InitialsOf,
    private readonly readArticles: ArticleReader,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds or replaces articles and removes deleted ones; call inside the caller's transaction. */
  apply(changes: readonly { id: string; item: KnowledgeArticle | null }[]): void {
    const segmenter = this.segmenter();
    const find = this.db.prepare('SELECT rowid FROM knowledge_docs WHERE article_id = ?').pluck();
    const removeFts = this.db.prepare('DELETE FROM knowledge_fts WHERE rowid = ?');
    const removeDoc = this.db.prepare('DELETE FROM knowledge_docs WHERE rowid = ?');
    const insertDoc = this.db
      .prepare('INSERT INTO knowledge_docs (article_id, valid_from, valid_until, recency, tags) VALUES (?, ?, ?, ?, ?) RETURNING rowid')
      .pluck();
    const insertFts = this.db.prepare('INSERT INTO knowledge_fts (rowid, title, keys, tags, body, grams, initials) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const thisYear = new Date(this.now()).getFullYear();
    for (const change of changes) {
      const existing = find.get(change.id) as number | undefined;
      if (existing !== undefined) {
        removeFts.run(existing);
        removeDoc.run(existing);
      }
      const article = change.item;
      if (!article) continue;
      const columns = analyseArticle(article, segmenter, this.initials);
      const year = Number((article.validFrom ?? '').slice(0, 4)) || thisYear - 5;
      const recency = 1 / (1 + Math.max(0, thisYear - year));
      const rowid = insertDoc.get(change.id, article.validFrom, article.validUntil, recency, ` ${columns.tags} `) as number;
      insertFts.run(rowid, columns.title, columns.keys, columns.tags, columns.body, columns.grams, columns.initials);
    }
  }

  clear(): void {
    this.db.exec("DELETE FROM knowledge_docs; DELETE FROM knowledge_fts; DELETE FROM knowledge_index_meta WHERE key = 'lexicon'");
  }

  /** The lexicon the index was built with (null: none yet). */
  builtWith(): string | null {
    return (this.db.prepare("SELECT value FROM knowledge_index_meta WHERE key = 'lexicon'").pluck().get() as string | undefined) ?? null;
  }

  markBuilt(): void {
    this.db.prepare("INSERT INTO knowledge_index_meta (key, value) VALUES ('lexicon', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(lexiconVersion());
  }

  count(): number {
    return this.db.prepare('SELECT COUNT(*) FROM knowledge_docs').pluck().get() as number;
  }

  search(query: string, options: SearchOptions): KnowledgeHit[] {
    const analysed = analyseQuery(this.segmenter(), query);
    const today = options.today ?? localDate(this.now());
    const tagSets = [...new Set(analysed.words)].slice(0, 8).map((word) => tagsOf(synonymsOf(word)));
    // The whole query typed as one of the editor's keywords (新生儿参保) counts as well as its words do.
    const whole = tagsOf([analysed.text]);
    if (analysed.words.length > 1 && whole.length === 1) tagSets.push(whole);
    const ids: string[] = [];
    for (const mode of ['all', 'any'] as const) {
      const match = matchExpression(analysed, mode);
      if (match === null) break;
      for (const id of this.candidates(match, tagSets, tagsOf(options.categories ?? []), today, options.includeExpired)) if (!ids.includes(id)) ids.push(id);
      // The strict query found enough; the relaxed one only fills up a short list.
      if (ids.length >= options.limit || analysed.words.length < 2) break;
    }
    const chosen = ids.slice(0, options.limit);
    const articles = this.readArticles(chosen);
    const terms = highlightTerms(analysed);
    const hits: KnowledgeHit[] = [];
    for (const id of chosen) {
      const article = articles.get(id);
      if (!article) continue;
      const { passage, plain } = bestPassage(article.body, terms);
      hits.push({
        id,
        title: highlight(article.title, terms),
        passage,
        passageText: plain,
        department: article.department,
        policy: article.policy,
        region: article.region,
        validFrom: article.validFrom,
        validUntil: article.validUntil,
        validity: validityOn(article, today),
        sourceDocument: article.sourceDocument,
        sourceNumber: article.sourceNumber,
      });
    }
    return hits;
  }

  private candidates(match: string, tagSets: readonly (readonly string[])[], categories: readonly string[], today: string, includeExpired: boolean): string[] {
    // Per query word: does one of its synonyms equal a tag of the article (0 or 1).
    const tagTerms = tagSets.map((set) => `(${set.map(() => "instr(d.tags, ' ' || ? || ' ') > 0").join(' OR ')})`);
    const tagScore = tagTerms.length > 0 ? tagTerms.join(' + ') : '0';
    const categoryScore = categories.length > 0 ? `(${categories.map(() => "instr(d.tags, ' ' || ? || ' ') > 0").join(' OR ')})` : '0';
    const rows = this.db
      .prepare<unknown[], { article_id: string }>(
        `SELECT d.article_id
           FROM knowledge_fts f JOIN knowledge_docs d ON d.rowid = f.rowid
          WHERE knowledge_fts MATCH ? AND (? = 1 OR d.valid_until IS NULL OR d.valid_until >= ?)
          ORDER BY bm25(knowledge_fts, ${WEIGHTS.join(', ')}) * (1 + ${RECENCY_WEIGHT} * d.recency) * (1 + ${TAG_WEIGHT} * (${tagScore})) * (1 + ${CATEGORY_WEIGHT} * ${categoryScore})
          LIMIT ?`,
      )
      .all(match, includeExpired ? 1 : 0, today, ...tagSets.flat(), ...categories, CANDIDATES);
    return rows.map((row) => row.article_id);
  }
}

/** The FTS columns of one article. */
export function analyseArticle(article: KnowledgeArticle, segmenter: Segmenter, initials: InitialsOf) {
  const keysText = [...article.keywords, article.department, article.policy, article.category].join(' ');
  const all = `${article.title} ${keysText} ${article.body}`;
  const synonyms = synonymExpansion(all);
  const titleWords = wordsOf(segmenter, article.title);
  const keyWords = [...wordsOf(segmenter, keysText), ...synonyms];
  return {
    title: titleWords.join(' '),
    keys: keyWords.join(' '),
    tags: tagsOf([...article.keywords, article.department, article.policy, article.category]).join(' '),
    body: wordsOf(segmenter, article.body).join(' '),
    grams: [...bigramsOf(all), ...synonyms.flatMap((s) => bigramsOf(s))].join(' '),
    initials: initialsOf([...titleWords, ...keyWords], initials).join(' '),
  };
}

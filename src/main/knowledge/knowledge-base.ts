import type Database from 'better-sqlite3';
import { localDate, validityOn, type KnowledgeArticle } from '../../shared/knowledge/article';
import { KNOWLEDGE_DATASET } from '../../shared/knowledge/dataset';
import { lexiconVersion } from '../../shared/knowledge/lexicon';
import {
  KnowledgeSearchRequestSchema,
  type KnowledgeArticleView,
  type KnowledgeCopyStatus,
  type KnowledgeSearchRequest,
  type KnowledgeSearchResult,
} from '../../shared/knowledge/search';
import type { ReferenceDatasetHandle } from '../reference-data/dataset-copy';
import type { ReferenceDataSync } from '../reference-data/reference-sync';
import { KnowledgeIndex } from './knowledge-index';
import { knowledgeSegmenter, pinyinInitials } from './segmenter';

/** How long after start the segmenter is loaded (the start-up's own work first). */
const WARM_UP_AFTER_MS = 5_000;

/**
 * The knowledge base on the desk: the centre's `knowledge` dataset copied by
 * the reference sync, indexed in the same transaction as each page of
 * changes, searched offline.
 */
export class KnowledgeBase {
  readonly index: KnowledgeIndex;
  private readonly copy: ReferenceDatasetHandle<KnowledgeArticle>;

  constructor(
    private readonly db: Database.Database,
    reference: ReferenceDataSync,
    private readonly now: () => number = Date.now,
  ) {
    this.index = new KnowledgeIndex(db, knowledgeSegmenter, pinyinInitials, (ids) => this.read(ids), now);
    this.copy = reference.register({
      dataset: KNOWLEDGE_DATASET,
      onChanges: (_db, changes) => {
        this.index.apply(changes);
        this.index.markBuilt();
      },
      onReset: () => this.index.clear(),
    });
    // The segmenter takes ~200 ms to load: a desk with knowledge loads it soon after start, not at the first keystroke of a call.
    setTimeout(() => {
      try {
        if (this.copy.count() > 0) knowledgeSegmenter();
      } catch {
        // The database closed meanwhile (the app is quitting): nothing to warm.
      }
    }, WARM_UP_AFTER_MS).unref();
  }

  /** A desk whose index was built with another lexicon (an update changed it) rebuilds it from its copy. */
  ensureIndexed(): void {
    const built = this.index.builtWith();
    if (built === lexiconVersion() || (built === null && this.copy.count() === 0)) return;
    this.db.transaction(() => {
      this.index.clear();
      this.index.apply(this.copy.all().map((item) => ({ id: item.id, item })));
      this.index.markBuilt();
    })();
  }

  search(request: KnowledgeSearchRequest): KnowledgeSearchResult {
    const { query, limit, includeExpired, categories } = KnowledgeSearchRequestSchema.parse(request);
    const started = performance.now();
    const hits = query.trim() === '' ? [] : this.index.search(query, { limit, includeExpired, categories });
    return { hits, tookMs: Math.round((performance.now() - started) * 100) / 100, copy: this.status() };
  }

  article(id: string): KnowledgeArticleView | null {
    const article = this.copy.get(id);
    return article ? { article, validity: validityOn(article, localDate(this.now())) } : null;
  }

  status(): KnowledgeCopyStatus {
    const state = this.copy.state();
    return { count: this.copy.count(), version: state?.version ?? 0, checkedAt: state?.checkedAt ?? null };
  }

  onUpdated(listener: () => void): () => void {
    return this.copy.onUpdated(() => listener());
  }

  private read(ids: readonly string[]): Map<string, KnowledgeArticle> {
    const map = new Map<string, KnowledgeArticle>();
    for (const id of ids) {
      const article = this.copy.get(id);
      if (article) map.set(id, article);
    }
    return map;
  }
}

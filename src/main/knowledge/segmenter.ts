import type * as JiebaModule from '@node-rs/jieba';
import type * as JiebaDictModule from '@node-rs/jieba/dict.js';
import type { InitialsOf, Segmenter } from '../../shared/knowledge/analysis';
import { lexiconTerms } from '../../shared/knowledge/lexicon';
import { lazyRequire } from '../lazy-require';
import { loadPinyin } from '../pinyin';

/** Frequency given to lexicon terms: high enough that jieba keeps them whole over its own splits. */
const USER_TERM_FREQUENCY = 200_000;

let loaded: { segmenter: Segmenter; loadMs: number } | null = null;

/**
 * jieba (@node-rs/jieba, Node-API prebuilds) with its default dictionary and
 * the lexicon as user dictionary, loaded once on first use (about 250 ms), not
 * at start-up. The same instance segments articles and queries.
 */
export function knowledgeSegmenter(): Segmenter {
  if (!loaded) {
    const started = performance.now();
    // At first use, not with main's bundle: jieba and its dictionary are ~35 ms of loading.
    const { Jieba } = lazyRequire('@node-rs/jieba') as typeof JiebaModule;
    const { dict } = lazyRequire('@node-rs/jieba/dict.js') as typeof JiebaDictModule;
    const jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(lexiconTerms().map((term) => `${term} ${USER_TERM_FREQUENCY} n`).join('\n')));
    loaded = { segmenter: { cut: (text) => jieba.cutForSearch(text, true) }, loadMs: performance.now() - started };
  }
  return loaded.segmenter;
}

/** How long loading the segmenter took (null: not loaded yet), for the bench. */
export function segmenterLoadMs(): number | null {
  return loaded?.loadMs ?? null;
}

/** Words whose initials are remembered: the same department, policy and matter words recur in every article. */
const INITIALS_CACHE_SIZE = 50_000;
const initialsCache = new Map<string, string>();

/** Pinyin initials of a word (pinyin-pro, about 40 µs a word, so remembered), "医保" → "yb". */
export const pinyinInitials: InitialsOf = (word) => {
  let initials = initialsCache.get(word);
  if (initials === undefined) {
    initials = loadPinyin()(word, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
    if (initialsCache.size >= INITIALS_CACHE_SIZE) initialsCache.clear();
    initialsCache.set(word, initials);
  }
  return initials;
};

import { STOP_WORDS, SYNONYM_GROUPS } from './lexicon';

/**
 * Text analysis of the knowledge base, the same at index and query time:
 * words from the segmenter (with the lexicon as its user dictionary), synonym
 * expansion, character bigrams for recall and pinyin initials. Pure: the
 * segmenter and the pinyin function are handed in (they are native/large and
 * live in main).
 */

export interface Segmenter {
  /** Words of a text, search granularity (a long word also gives its parts). */
  cut(text: string): string[];
}

/** Initials of each character of a word ("医保" → "yb"); non-Chinese characters as they are. */
export type InitialsOf = (word: string) => string;

const HAN = /\p{Script=Han}/u;
const MEANINGFUL = /[\p{L}\p{N}]/u;

/** Full-width to half-width, lower case, one kind of space. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Segmenter words worth indexing or asking for: no punctuation, no stop words. */
export function wordsOf(segmenter: Segmenter, text: string): string[] {
  const words: string[] = [];
  // Single Han characters the segmenter left alone (上 牌) are joined back into the run they came in (上牌):
  // alone they say little and match everything.
  let run = '';
  const endRun = () => {
    if (run.length > 1) words.push(run);
    run = '';
  };
  for (const raw of segmenter.cut(normalise(text))) {
    const word = raw.trim();
    if (word.length === 1 && HAN.test(word) && !STOP_WORDS.has(word)) {
      run += word;
      continue;
    }
    endRun();
    if (word === '' || !MEANINGFUL.test(word) || STOP_WORDS.has(word)) continue;
    words.push(word);
  }
  endRun();
  return words;
}

/** Character bigrams of each Han run, Latin words and numbers whole: "医保报销 12345" → 医保 保报 报销 12345. */
export function bigramsOf(text: string): string[] {
  const grams: string[] = [];
  for (const run of normalise(text).match(/\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu) ?? []) {
    if (!HAN.test(run)) {
      grams.push(run);
      continue;
    }
    if (run.length === 1) grams.push(run);
    for (let i = 0; i + 1 < run.length; i += 1) grams.push(run.slice(i, i + 2));
  }
  return grams;
}

const GROUP_OF = new Map<string, readonly string[]>();
for (const group of SYNONYM_GROUPS) for (const term of group) GROUP_OF.set(term, group);
const ALL_SYNONYMS = [...GROUP_OF.keys()].sort((a, b) => b.length - a.length);

/** Every synonym of a term, itself included (a term of no group: itself). */
export function synonymsOf(term: string): readonly string[] {
  return GROUP_OF.get(term) ?? [term];
}

/**
 * The synonym groups a text mentions, as the extra terms to index with it: an
 * article saying 住房和城乡建设局 is also found by 住建局, and the other way round.
 */
export function synonymExpansion(text: string): string[] {
  const plain = normalise(text);
  const extra = new Set<string>();
  for (const term of ALL_SYNONYMS) {
    if (!plain.includes(term)) continue;
    // Every member, even one the text already holds inside a longer word: the group then counts alike in every article.
    for (const other of synonymsOf(term)) extra.add(other);
  }
  return [...extra];
}

/** Editor's keywords and names whole, as single tokens (no spaces or punctuation inside). */
export function tagsOf(terms: readonly string[]): string[] {
  return [...new Set(terms.map((t) => normalise(t).replace(/[^\p{L}\p{N}]/gu, '')).filter((t) => t.length > 0))];
}

/** Initials of words and of adjacent word pairs: 医保 报销 → yb bx ybbx. */
export function initialsOf(words: readonly string[], initials: InitialsOf): string[] {
  const out = new Set<string>();
  const han = words.filter((w) => HAN.test(w)).map((w) => initials(w).replace(/[^a-z0-9]/g, ''));
  han.forEach((code, i) => {
    if (code.length >= 2) out.add(code);
    const next = han[i + 1];
    if (next !== undefined) out.add(code + next);
  });
  return [...out];
}

/** A term as an FTS5 string (quoted, quotes doubled). */
export function ftsString(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

export interface AnalysedQuery {
  /** The query's words (segmenter, stop words dropped). */
  words: string[];
  /** Latin letters only: pinyin initials, e.g. "ybbx". */
  initials: string | null;
  /** Han text of the query with nothing dropped, for bigram recall. */
  text: string;
}

export function analyseQuery(segmenter: Segmenter, query: string): AnalysedQuery {
  const text = normalise(query).trim().slice(0, 200);
  const initials = /^[a-z]{2,12}$/.test(text) ? text : null;
  return { words: initials ? [] : wordsOf(segmenter, text), initials, text };
}

/**
 * The FTS5 MATCH of a query: every word must be found, each either as a word
 * (or one of its synonyms) in the word columns or as its characters in a row in
 * the bigram column. `any` relaxes "every" to "some" (the fallback when the
 * strict query finds too little). Null: nothing to ask.
 */
export function matchExpression(query: AnalysedQuery, mode: 'all' | 'any'): string | null {
  if (query.initials) return `initials : ${ftsString(query.initials)}*`;
  const clauses: string[] = [];
  const seen = new Set<string>();
  for (const word of query.words) {
    if (seen.has(word)) continue;
    seen.add(word);
    const alternatives = synonymsOf(word).map((w) => `{title keys tags body} : ${ftsString(w)}`);
    const grams = bigramsOf(word);
    if (grams.length > 0 && HAN.test(word)) alternatives.push(`grams : ${ftsString(grams.join(' '))}`);
    clauses.push(`(${alternatives.join(' OR ')})`);
  }
  if (clauses.length === 0) {
    // Only stop words or single characters: the text's own bigrams (or its one character as a prefix).
    const grams = bigramsOf(query.text).filter((g) => HAN.test(g) || g.length > 1);
    if (grams.length === 0) return null;
    if (grams.length === 1 && grams[0]?.length === 1) return `grams : ${ftsString(grams[0])}*`;
    return `grams : ${ftsString(grams.join(' '))}`;
  }
  return clauses.join(mode === 'all' ? ' AND ' : ' OR ');
}

/** Terms to highlight for a query: its words, their synonyms, longest first. */
export function highlightTerms(query: AnalysedQuery): string[] {
  const terms = new Set<string>();
  for (const word of query.words) for (const w of synonymsOf(word)) terms.add(w);
  if (terms.size === 0) for (const gram of bigramsOf(query.text)) if (gram.length > 1) terms.add(gram);
  return [...terms].sort((a, b) => b.length - a.length);
}

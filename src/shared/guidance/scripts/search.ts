import type { Language } from '../../domain/settings';
import type { LocalizedText, ScriptPack } from './schema';

/**
 * Phrase search for the agent's "what do I say" box and the trainer's library:
 * no pinyin, no stemming, just normalised substrings and character bigrams, so
 * it is predictable and fast (an index is built once per pack).
 */

export type PhraseHitSource = 'library' | 'step' | 'protocol';

export interface PhraseHit {
  /** Phrase or library-entry id. */
  id: string;
  source: PhraseHitSource;
  /** Step id, situation id or protocol name the phrase belongs to. */
  group: string;
  /** What to say (for a library entry: its first cushioned alternative). */
  text: LocalizedText;
  /** Library entries only: the blunt phrase it replaces, and all alternatives. */
  blunt?: LocalizedText;
  alternatives?: LocalizedText[];
  score: number;
}

interface IndexedEntry {
  hit: Omit<PhraseHit, 'score'>;
  /** Normalised text by field weight: the blunt phrase and tags count more for "what not to say" searches. */
  fields: { text: string; weight: number; bigrams: Set<string> }[];
  /** Union of the fields' bigrams: a quick reject. */
  bigrams: Set<string>;
}

export interface PhraseIndex {
  entries: IndexedEntry[];
}

/** Lower case, full-width to half-width, punctuation and spaces removed. */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}

function bigramsOf(normalized: string): string[] {
  const grams: string[] = [];
  for (const word of normalized.split(' ')) {
    const chars = Array.from(word);
    if (chars.length === 1) grams.push(word);
    for (let i = 0; i + 1 < chars.length; i++) grams.push(`${chars[i]}${chars[i + 1]}`);
  }
  return grams;
}

function both(text: LocalizedText): string {
  return `${text['zh-CN']} ${text.en}`;
}

function entry(hit: Omit<PhraseHit, 'score'>, fields: { text: string; weight: number }[]): IndexedEntry {
  const normalized = fields.map((field) => {
    const text = normalizeForSearch(field.text);
    return { text, weight: field.weight, bigrams: new Set(bigramsOf(text)) };
  });
  const bigrams = new Set(normalized.flatMap((field) => [...field.bigrams]));
  return { hit, fields: normalized, bigrams };
}

export function buildPhraseIndex(pack: ScriptPack): PhraseIndex {
  const entries: IndexedEntry[] = [];
  const situationTitle = new Map(pack.situations.map((situation) => [situation.id, both(situation.title)]));
  for (const item of pack.phraseLibrary) {
    entries.push(
      entry(
        { id: item.id, source: 'library', group: item.situation, text: item.better[0] ?? item.blunt, blunt: item.blunt, alternatives: item.better },
        [
          { text: both(item.blunt), weight: 3 },
          { text: `${item.tags.join(' ')} ${situationTitle.get(item.situation) ?? ''}`, weight: 2 },
          { text: item.better.map(both).join(' '), weight: 1 },
        ],
      ),
    );
  }
  for (const step of pack.steps) {
    for (const phrase of step.phrases) {
      entries.push(
        entry({ id: phrase.id, source: 'step', group: step.id, text: phrase.text }, [
          { text: both(step.title), weight: 2 },
          { text: both(phrase.text), weight: 1 },
        ]),
      );
    }
  }
  const protocols = pack.protocols;
  const protocolSteps: [string, LocalizedText, { id: string; say: LocalizedText }[]][] = [
    ['silent', protocols.silent.title, protocols.silent.steps],
    ['abusive', protocols.abusive.title, protocols.abusive.steps],
    ['emergency', protocols.emergency.title, protocols.emergency.steps],
    ['wontHangUp', protocols.wontHangUp.title, protocols.wontHangUp.steps],
    [
      'outOfScope',
      protocols.outOfScope.title,
      protocols.outOfScope.topics.map((topic) => ({ id: `out-of-scope-${topic.topic}`, say: topic.say, extra: both(topic.name) })),
    ],
  ];
  for (const [group, title, steps] of protocolSteps) {
    for (const step of steps) {
      const extra = 'extra' in step && typeof step.extra === 'string' ? ` ${step.extra}` : '';
      entries.push(
        entry({ id: step.id, source: 'protocol', group, text: step.say }, [
          { text: both(title) + extra, weight: 2 },
          { text: both(step.say), weight: 1 },
        ]),
      );
    }
  }
  return { entries };
}

export interface PhraseSearchOptions {
  /** At most this many hits (default 10). */
  limit?: number;
  /** Only hits from these sources. */
  sources?: readonly PhraseHitSource[];
  /** Only library entries for this situation. */
  situation?: string;
  /** Hits whose score is below this are dropped (default 0.2). */
  minScore?: number;
}

const MAX_WEIGHT = 3;

/**
 * Score (0..1) = for each field, 1 if the whole query is a substring, else 0.9
 * times the share of the query's character bigrams found in it, times the
 * field's weight (blunt phrase 3, tags/titles 2, text 1) over 3; the best field
 * wins. Ties keep pack order. An empty query lists everything
 * (filtered), in pack order.
 */
export function searchPhrases(index: PhraseIndex, query: string, options: PhraseSearchOptions = {}): PhraseHit[] {
  const limit = options.limit ?? 10;
  const minScore = options.minScore ?? 0.2;
  const q = normalizeForSearch(query);
  const grams = q === '' ? [] : [...new Set(bigramsOf(q))];
  const hits: PhraseHit[] = [];
  for (const item of index.entries) {
    if (options.sources && !options.sources.includes(item.hit.source)) continue;
    if (options.situation !== undefined && item.hit.group !== options.situation) continue;
    let score = 0;
    if (q === '') {
      score = 1;
    } else {
      let any = false;
      for (const gram of grams) {
        if (item.bigrams.has(gram)) {
          any = true;
          break;
        }
      }
      if (!any) continue;
      for (const field of item.fields) {
        let fieldScore: number;
        if (field.text.includes(q)) {
          fieldScore = 1;
        } else {
          let found = 0;
          for (const gram of grams) if (field.bigrams.has(gram)) found++;
          fieldScore = (0.9 * found) / grams.length;
        }
        score = Math.max(score, (fieldScore * field.weight) / MAX_WEIGHT);
      }
      score = Math.round(score * 1000) / 1000;
      if (score < minScore) continue;
    }
    hits.push({ ...item.hit, score });
  }
  hits.sort((a, b) => b.score - a.score);
  return hits.slice(0, limit);
}

/** Convenience: the text of a hit in one language. */
export function hitText(hit: PhraseHit, language: Language): string {
  return hit.text[language];
}

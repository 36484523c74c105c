import type { WorkOrderDomain } from '../domain/work-order';
import type { DispatchCatalogue, DispatchDepartment, DispatchRegion } from './catalogue';
import { learnedFactor, type LearningStats } from './learning';
import { regionNames, resolveRegion } from './region';
import { bigrams, normalise } from './text';

/**
 * Department suggestions (派单建议) while the agent writes the work order. Pure:
 * the desk builds the index once per catalogue version and asks on every pause
 * in typing. Every candidate comes from the catalogue (a matter whose keywords
 * or words the text shares); past outcomes only re-order those candidates.
 *
 * Matching: the catalogue's keywords as they stand in the text (strongest in the
 * summary), weighted by how few matters share them; then overlapping character
 * pairs for words written differently; the region decides between departments
 * that cover different districts. An optional segmenter (e.g. jieba in main)
 * adds word matches; without one, pairs are the recall.
 */

export interface DispatchQuery {
  summary: string;
  description: string;
  domain: WorkOrderDomain | null;
  district: string;
  address: string;
}

export interface SuggestionReason {
  matter: { id: string; nameZh: string; nameEn: string; shared: boolean };
  /** The catalogue keywords found in the text, strongest first. */
  keywords: string[];
  /** The region the work order is in and how this department relates to it. */
  region: { id: string; nameZh: string; nameEn: string } | null;
  regionMatch: 'covers' | 'city-wide' | 'region-missing';
  /** How past outcomes moved it: up, down, or not at all. */
  learned: 'up' | 'down' | null;
}

export interface DepartmentSuggestion {
  departmentId: string;
  nameZh: string;
  nameEn: string;
  /** For a shared matter (协同): the departments that help the lead, in catalogue order. */
  helpers: { id: string; nameZh: string; nameEn: string }[];
  score: number;
  reason: SuggestionReason;
}

interface Entry {
  department: DispatchDepartment;
  matter: SuggestionReason['matter'];
  domain: WorkOrderDomain | undefined;
  keywords: { text: string; weight: number }[];
  pairs: Map<string, number>;
  helperIds: string[];
}

export interface DispatchIndex {
  catalogue: DispatchCatalogue;
  entries: Entry[];
  departments: Map<string, DispatchDepartment>;
  regions: ReturnType<typeof regionNames>;
  aliases: { text: string; departmentId: string }[];
  segment: ((text: string) => string[]) | undefined;
  words: ((normalised: string) => string[]) | undefined;
}

export interface IndexOptions {
  /** A word segmenter (jieba in main); its words that equal a keyword count as that keyword. */
  segment?: (text: string) => string[];
  /**
   * Splits normalised text into words (jieba's precise mode): a keyword then
   * counts only where it starts and ends on word boundaries (学生 not in 大学生活).
   * Without it, a keyword counts wherever its characters stand.
   */
  words?: (normalised: string) => string[];
}

/** How much more a keyword in the summary counts than one in the description. */
const SUMMARY_WEIGHT = 2;
const PAIR_WEIGHT = 0.3;
/** A department bound to regions, for a work order that names none: still offered, lower. */
const REGION_MISSING_FACTOR = 0.55;
const DOMAIN_MATCH = 1.15;
/** Scores below this are noise (one common pair), not a suggestion. */
const MIN_SCORE = 0.5;

export function buildDispatchIndex(catalogue: DispatchCatalogue, options: IndexOptions = {}): DispatchIndex {
  const departments = new Map(catalogue.departments.map((d) => [d.id, d]));
  const raw: Omit<Entry, 'keywords' | 'pairs'>[] = [];
  const rawKeywords: string[][] = [];
  for (const department of catalogue.departments) {
    for (const matter of department.matters) {
      raw.push({ department, matter: { id: matter.id, nameZh: matter.nameZh, nameEn: matter.nameEn, shared: false }, domain: matter.domain, helperIds: [] });
      rawKeywords.push([...matter.keywords, matter.nameZh]);
    }
  }
  for (const shared of catalogue.sharedMatters) {
    const lead = departments.get(shared.leadId);
    if (!lead) continue;
    raw.push({ department: lead, matter: { id: shared.id, nameZh: shared.nameZh, nameEn: shared.nameEn, shared: true }, domain: shared.domain, helperIds: shared.helperIds });
    rawKeywords.push([...shared.keywords, shared.nameZh]);
  }
  // Specificity: a keyword or pair few matters share says more than one many share.
  const keywordDf = new Map<string, number>();
  const pairDf = new Map<string, number>();
  const normalisedKeywords = rawKeywords.map((list) => [...new Set(list.map(normalise).filter((k) => k.length > 0))]);
  const entryPairs = normalisedKeywords.map((list) => new Set(list.flatMap(bigrams)));
  normalisedKeywords.forEach((list) => list.forEach((k) => keywordDf.set(k, (keywordDf.get(k) ?? 0) + 1)));
  entryPairs.forEach((set) => set.forEach((p) => pairDf.set(p, (pairDf.get(p) ?? 0) + 1)));
  const n = raw.length;
  const idf = (df: number) => Math.log(1 + n / df);
  const entries: Entry[] = raw.map((entry, i) => ({
    ...entry,
    keywords: (normalisedKeywords[i] ?? [])
      .map((text) => ({ text, weight: idf(keywordDf.get(text) ?? 1) * Math.min([...text].length, 4) / 2 }))
      .sort((a, b) => b.weight - a.weight),
    pairs: new Map([...(entryPairs[i] ?? [])].map((p) => [p, idf(pairDf.get(p) ?? 1)])),
  }));
  const aliases = catalogue.departments
    .flatMap((d) => [d.nameZh, ...d.aliases].map((text) => ({ text: normalise(text), departmentId: d.id })))
    .filter((a) => [...a.text].length >= 2);
  return { catalogue, entries, departments, regions: regionNames(catalogue), aliases, segment: options.segment, words: options.words };
}

export interface SuggestOptions {
  limit?: number;
  learning?: LearningStats;
}

interface Scored {
  entry: Entry;
  score: number;
  keywords: string[];
}

export function suggestDepartments(index: DispatchIndex, query: DispatchQuery, options: SuggestOptions = {}): DepartmentSuggestion[] {
  const summary = normalise(query.summary);
  const description = normalise(query.description);
  if (summary === '' && description === '') return [];
  const region = resolveRegion(index.regions, query.district, query.address);
  const words = index.segment ? new Set(index.segment(`${query.summary}\n${query.description}`).map(normalise)) : null;
  const inField = fieldMatcher(index.words);
  const inSummaryText = inField(summary);
  const inDescriptionText = inField(description);
  const summaryPairs = new Set(bigrams(summary));
  const descriptionPairs = new Set(bigrams(description));
  // A department named in the text (转城管, 找住建局) counts for all its matters.
  const named = new Set(index.aliases.filter((a) => summary.includes(a.text) || description.includes(a.text)).map((a) => a.departmentId));

  const scored: Scored[] = [];
  for (const entry of index.entries) {
    let score = 0;
    const found: string[] = [];
    const covered = new Set<string>();
    for (const keyword of entry.keywords) {
      const inSummary = inSummaryText(keyword.text);
      const inText = inSummary || inDescriptionText(keyword.text) || (words?.has(keyword.text) ?? false);
      if (!inText) continue;
      // A keyword inside a longer one already found (工资 in 拖欠工资) adds little.
      const nested = found.some((f) => f.includes(keyword.text));
      score += keyword.weight * (inSummary ? SUMMARY_WEIGHT : 1) * (nested ? 0.3 : 1);
      if (!nested) found.push(keyword.text);
      for (const pair of bigrams(keyword.text)) covered.add(pair);
    }
    let pairScore = 0;
    for (const [pair, weight] of entry.pairs) {
      if (covered.has(pair)) continue;
      if (summaryPairs.has(pair)) pairScore += weight * SUMMARY_WEIGHT;
      else if (descriptionPairs.has(pair)) pairScore += weight;
    }
    score += pairScore * PAIR_WEIGHT;
    if (named.has(entry.department.id) && score > 0) score += 2;
    if (score <= 0) continue;
    if (query.domain !== null && entry.domain === query.domain) score *= DOMAIN_MATCH;
    scored.push({ entry, score, keywords: found });
  }
  if (scored.length === 0) return [];
  scored.sort((a, b) => b.score - a.score);

  // Region: a department bound to other regions is not a candidate; one bound to
  // regions when the order names none stays, lower, with the reason saying so.
  const candidates: (Scored & { regionMatch: SuggestionReason['regionMatch'] })[] = [];
  for (const s of scored) {
    const bound = s.entry.department.regions;
    if (bound.length === 0) candidates.push({ ...s, regionMatch: 'city-wide' });
    else if (region === null) candidates.push({ ...s, score: s.score * REGION_MISSING_FACTOR, regionMatch: 'region-missing' });
    else if (bound.includes(region.id)) candidates.push({ ...s, regionMatch: 'covers' });
  }
  // The matter the text is most about: learning is kept per matter.
  const topMatter = candidates[0]?.entry.matter.id ?? null;

  const best = new Map<string, DepartmentSuggestion>();
  for (const c of candidates) {
    const factor = learnedFactor(options.learning, topMatter, c.entry.department.id);
    const score = c.score * factor;
    if (score < MIN_SCORE) continue;
    const id = c.entry.department.id;
    const previous = best.get(id);
    if (previous && previous.score >= score) continue;
    best.set(id, {
      departmentId: id,
      nameZh: c.entry.department.nameZh,
      nameEn: c.entry.department.nameEn,
      helpers: c.entry.helperIds.flatMap((helperId) => {
        const helper = index.departments.get(helperId);
        return helper ? [{ id: helper.id, nameZh: helper.nameZh, nameEn: helper.nameEn }] : [];
      }),
      score,
      reason: {
        matter: c.entry.matter,
        keywords: c.keywords,
        region: region ? regionView(region) : null,
        regionMatch: c.regionMatch,
        learned: factor > 1.001 ? 'up' : factor < 0.999 ? 'down' : null,
      },
    });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.departmentId.localeCompare(b.departmentId)).slice(0, options.limit ?? 5);
}

/** Whether a keyword stands in a text: anywhere, or (with a word splitter) from one word boundary to another. */
function fieldMatcher(split: ((normalised: string) => string[]) | undefined): (text: string) => (keyword: string) => boolean {
  if (!split) return (text) => (keyword) => text.includes(keyword);
  return (text) => {
    const boundaries = new Set<number>([0]);
    let at = 0;
    for (const word of split(text)) boundaries.add((at += word.length));
    return (keyword) => {
      // Bounded: each occurrence moves the search on by at least one character.
      for (let i = text.indexOf(keyword); i >= 0; i = text.indexOf(keyword, i + 1)) {
        if (boundaries.has(i) && boundaries.has(i + keyword.length)) return true;
      }
      return false;
    };
  };
}

function regionView(region: DispatchRegion) {
  return { id: region.id, nameZh: region.nameZh, nameEn: region.nameEn };
}

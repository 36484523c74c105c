import { describe, expect, it } from 'vitest';
import { buildPhraseIndex, defaultPack, normalizeForSearch, searchPhrases, type ScriptPack } from '../../../src/shared/guidance/scripts';

const index = buildPhraseIndex(defaultPack());

describe('phrase library search', () => {
  it('finds the cushioned alternative for a blunt Chinese phrase', () => {
    const [hit] = searchPhrases(index, '不归我管');
    expect(hit).toMatchObject({ id: 'alt-not-my-job', source: 'library', group: 'not-our-job' });
    expect(hit!.text['zh-CN']).toContain('负责的部门');
    expect(hit!.score).toBe(1);
  });

  it('finds it in English too, ignoring case and punctuation', () => {
    expect(searchPhrases(index, "NOT MY JOB!")[0]?.id).toBe('alt-not-my-job');
    expect(searchPhrases(index, 'calm down')[0]?.id).toBe('alt-calm-down');
  });

  it('ranks partial matches by shared character pairs', () => {
    // "冷静" is in the blunt phrase "你冷静点！" only.
    const hits = searchPhrases(index, '请冷静');
    expect(hits[0]?.id).toBe('alt-calm-down');
    expect(hits.every((hit, i) => i === 0 || hits[i - 1]!.score >= hit.score)).toBe(true);
  });

  it('searches steps and protocols, and filters by source and situation', () => {
    expect(searchPhrases(index, '听不到您的声音', { sources: ['protocol'] })[0]?.group).toBe('silent');
    expect(searchPhrases(index, '跳楼').length).toBe(0);
    expect(searchPhrases(index, '', { situation: 'caller-angry' }).map((hit) => hit.id)).toEqual(['alt-calm-down', 'alt-not-my-fault', 'alt-shouting']);
    expect(searchPhrases(index, '', { limit: 3 })).toHaveLength(3);
    expect(searchPhrases(index, 'zzzz qqqq')).toEqual([]);
  });

  it('full-width and half-width text match each other', () => {
    expect(normalizeForSearch('ＡＢＣ，１２３')).toBe('abc 123');
  });

  it('is fast on a library 50 times the default size', () => {
    const big: ScriptPack = {
      ...defaultPack(),
      phraseLibrary: Array.from({ length: 50 }, (_, n) => defaultPack().phraseLibrary.map((entry) => ({ ...entry, id: `${entry.id}-${n}` }))).flat(),
    };
    const bigIndex = buildPhraseIndex(big);
    const queries = ['不归我管', 'calm down', '稍等', '规定', '听不清', 'hang up', '投诉', '没办法'];
    const started = performance.now();
    let total = 0;
    for (let round = 0; round < 20; round++) for (const query of queries) total += searchPhrases(bigIndex, query).length;
    const perQueryMs = (performance.now() - started) / (20 * queries.length);
    expect(total).toBeGreaterThan(0);
    // About 900 library entries plus steps and protocols: measured about 1-2 ms a query here.
    expect(perQueryMs).toBeLessThan(10);
  });
});

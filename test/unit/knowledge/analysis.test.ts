import { describe, expect, it } from 'vitest';
import { analyseQuery, bigramsOf, initialsOf, matchExpression, synonymExpansion, tagsOf, wordsOf } from '../../../src/shared/knowledge/analysis';
import { bestPassage, highlight } from '../../../src/shared/knowledge/highlight';
import { knowledgeSegmenter, pinyinInitials } from '../../../src/main/knowledge/segmenter';
import { lexiconVersion } from '../../../src/shared/knowledge/lexicon';

const segmenter = knowledgeSegmenter();

describe('knowledge segmenter (jieba + lexicon)', () => {
  it('keeps department and policy names whole, the same in an article and in a query', () => {
    const article = wordsOf(segmenter, '请向市住房和城乡建设局咨询城乡居民基本医疗保险');
    expect(article).toContain('市住房和城乡建设局');
    expect(article).toContain('城乡居民基本医疗保险');
    expect(wordsOf(segmenter, '住建局电话多少')).toContain('住建局');
    expect(analyseQuery(segmenter, '城乡居民基本医疗保险怎么交').words).toContain('城乡居民基本医疗保险');
  });

  it('drops stop words and joins single characters back into the run they came in', () => {
    const words = wordsOf(segmenter, '请问电动车怎么上牌');
    expect(words).not.toContain('请问');
    expect(words).not.toContain('怎么');
    expect(words).toContain('上牌');
  });
});

describe('knowledge text analysis', () => {
  it('makes character bigrams of Han runs and keeps Latin words and numbers whole', () => {
    expect(bigramsOf('医保报销，拨打12345热线 APP')).toEqual(['医保', '保报', '报销', '拨打', '12345', '热线', 'app']);
  });

  it('expands synonyms both ways: the abbreviation finds the full name and back', () => {
    expect(synonymExpansion('市住房和城乡建设局负责')).toEqual(expect.arrayContaining(['住建局', '住房和城乡建设局']));
    expect(synonymExpansion('请到住建局')).toEqual(expect.arrayContaining(['住房和城乡建设局']));
    expect(synonymExpansion('与此无关的一句话')).toEqual([]);
  });

  it('asks every word, each as a word, a synonym or its characters in a row; initials as a prefix', () => {
    const match = matchExpression(analyseQuery(segmenter, '医保 异地就医'), 'all') ?? '';
    expect(match.startsWith('({title keys tags body} : "医疗保险" OR {title keys tags body} : "医保" OR grams : "医保") AND ')).toBe(true);
    expect(match).toContain('({title keys tags body} : "异地就医" OR {title keys tags body} : "跨省就医" OR grams : "异地 地就 就医")');
    expect(matchExpression(analyseQuery(segmenter, '医保 异地就医'), 'any')).toContain(') OR (');
    expect(matchExpression(analyseQuery(segmenter, 'gjj'), 'all')).toBe('initials : "gjj"*');
    expect(matchExpression(analyseQuery(segmenter, '的'), 'all')).toBe('grams : "的"*');
    expect(matchExpression(analyseQuery(segmenter, '  '), 'all')).toBeNull();
  });

  it('quotes what it asks, so a query cannot speak FTS5 syntax', () => {
    const match = matchExpression(analyseQuery(segmenter, 'a" OR title:* NEAR('), 'any');
    expect(match).not.toContain('title:*');
    expect(match?.match(/"/g)?.length ?? 0).toBeGreaterThan(0);
  });

  it('gives pinyin initials of words and adjacent pairs, and tags whole', () => {
    expect(initialsOf(['医保', '报销'], pinyinInitials)).toEqual(['yb', 'ybbx', 'bx']);
    expect(tagsOf(['医保 缴费', '医保', '市医疗保障局'])).toEqual(['医保缴费', '医保', '市医疗保障局']);
    expect(lexiconVersion()).toMatch(/^[0-9a-f]+$/);
  });
});

describe('knowledge highlighting', () => {
  it('marks each term, longest first, without overlaps', () => {
    expect(highlight('住房公积金提取', ['住房公积金', '公积金'])).toEqual([
      { text: '住房公积金', hit: true },
      { text: '提取', hit: false },
    ]);
  });

  it('picks the sentence with the most terms and cuts long ones around the first hit', () => {
    const body = '第一句说别的事情。第二句讲医保报销比例和起付线。第三句讲别的。';
    const { plain, passage } = bestPassage(body, ['报销', '医保']);
    expect(plain.startsWith('第二句讲医保报销比例和起付线。')).toBe(true);
    expect(passage.filter((p) => p.hit).map((p) => p.text)).toEqual(['医保报销']);
    const long = `${'无关的内容'.repeat(40)}医保报销${'后面的内容'.repeat(40)}`;
    const cut = bestPassage(long, ['医保'], 60).plain;
    expect(cut.startsWith('…')).toBe(true);
    expect(cut).toContain('医保报销');
    expect(cut.length).toBeLessThanOrEqual(62);
  });
});

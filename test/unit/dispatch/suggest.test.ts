import { describe, expect, it } from 'vitest';
import { learnFromOutcomes, learnedFactor } from '../../../src/shared/dispatch/learning';
import { buildDispatchIndex, suggestDepartments, type DispatchQuery } from '../../../src/shared/dispatch/suggest';
import { DispatchCatalogueSchema } from '../../../src/shared/dispatch/catalogue';
import { evaluate, loadDispatchSample } from '../../../bench/dispatch-eval';

const { catalogue, orders } = loadDispatchSample(process.cwd());
const index = buildDispatchIndex(catalogue);
const ask = (summary: string, extra: Partial<DispatchQuery> = {}) =>
  suggestDepartments(index, { summary, description: '', domain: null, district: '', address: '', ...extra });

describe('dispatch suggestions', () => {
  it('ranks the department whose matter the summary names, with the matter, the keywords and the region as the reason', () => {
    const [first] = ask('医保卡刷不了', { description: '去药店买药医保卡刷不了', district: '东湖区' });
    expect(first).toMatchObject({ departmentId: 'medical-insurance', nameZh: '医疗保障局', helpers: [] });
    expect(first?.reason.matter).toMatchObject({ id: 'mi-reimburse', nameZh: '医保报销与待遇', shared: false });
    expect(first?.reason.keywords).toContain('医保卡');
    expect(first?.reason).toMatchObject({ region: { id: 'donghu', nameZh: '东湖区' }, regionMatch: 'city-wide', learned: null });
  });

  it('finds two-character words written inside longer ones (character pairs, no segmenter)', () => {
    expect(ask('孩子的预防针还没打')[0]?.departmentId).toBe('health');
    expect(ask('公积金')[0]?.departmentId).toBe('housing-fund');
  });

  it('lets the region decide between departments that cover different districts', () => {
    expect(ask('家里停水了', { district: '高新区' }).map((s) => s.departmentId)).toEqual(expect.arrayContaining(['gaoxin-water']));
    expect(ask('家里停水了', { district: '高新区' }).map((s) => s.departmentId)).not.toContain('water-supply');
    expect(ask('家里停水了', { address: '东湖湖滨路3号' })[0]).toMatchObject({ departmentId: 'water-supply', reason: { regionMatch: 'covers', region: { id: 'donghu' } } });
    const [, second] = ask('家里停水了').filter((s) => s.departmentId.includes('water'));
    expect(second?.reason.regionMatch).toBe('region-missing');
  });

  it('sends a neighbourhood matter to the government of the district it happens in', () => {
    expect(ask('物业不管事', { district: '西山区' })[0]).toMatchObject({ departmentId: 'district-xishan', reason: { regionMatch: 'covers', region: { id: 'xishan' } } });
  });

  it('suggests a shared matter (协同) as lead plus helpers', () => {
    const [first] = ask('工地半夜打桩', { description: '附近工地凌晨还在打桩施工' });
    expect(first?.departmentId).toBe('urban-management');
    expect(first?.reason.matter).toMatchObject({ id: 'shared-night-construction', shared: true });
    expect(first?.helpers.map((h) => h.id)).toEqual(['housing-construction', 'ecology-environment']);
  });

  it('suggests nothing for empty text or text no matter shares', () => {
    expect(ask('')).toEqual([]);
    expect(ask('嗯嗯好的谢谢')).toEqual([]);
  });

  it('only ever names departments of the catalogue', () => {
    const ids = new Set(catalogue.departments.map((d) => d.id));
    for (const order of orders) for (const s of suggestDepartments(index, order)) expect(ids.has(s.departmentId)).toBe(true);
  });

  it('re-ranks the catalogue candidates from past outcomes, and never adds one the text does not match', () => {
    // 早点摊占用盲道 matches both the Disabled Persons Federation (盲道) and Urban Management (摊位).
    const query = { summary: '早点摊占用盲道', description: '路边早点摊把桌子摆在盲道上', domain: null, district: '东湖区', address: '' };
    const before = suggestDepartments(index, query).map((s) => s.departmentId);
    expect(before.slice(0, 2)).toEqual(['disabled-persons', 'urban-management']);
    const matterId = suggestDepartments(index, query)[0]!.reason.matter.id;
    const learning = learnFromOutcomes(
      Array.from({ length: 10 }, () => ({ matterId, chosenDepartmentId: 'disabled-persons', outcome: 'redispatched' as const, finalDepartmentIds: ['urban-management', 'tobacco'] })),
    );
    const after = suggestDepartments(index, query, { learning });
    expect(after[0]).toMatchObject({ departmentId: 'urban-management', reason: { learned: 'up' } });
    expect(after.find((s) => s.departmentId === 'disabled-persons')?.reason.learned).toBe('down');
    // Tobacco was "right" in that history but shares nothing with the text: still not suggested.
    expect(after.map((s) => s.departmentId)).not.toContain('tobacco');
  });

  it('with a word splitter, counts a keyword only from one word boundary to another', () => {
    const small = DispatchCatalogueSchema.parse({
      city: { nameZh: '云州市', nameEn: 'Yunzhou' },
      regions: [],
      departments: [{ id: 'education', nameZh: '教育局', nameEn: 'Education', matters: [{ id: 'students', nameZh: '学籍', nameEn: 'Enrolment', keywords: ['学生'] }] }],
    });
    const query = { summary: '大学生活', description: '', domain: null, district: '', address: '' };
    expect(suggestDepartments(buildDispatchIndex(small), query)[0]?.reason.keywords).toEqual(['学生']);
    const split = (text: string) => (text === '大学生活' ? ['大学', '生活'] : [...text]);
    expect(suggestDepartments(buildDispatchIndex(small, { words: split }), query)[0]?.reason.keywords ?? []).toEqual([]);
    const words = (text: string) => (text === '学生证丢了' ? ['学生证', '丢', '了'] : text === '学生丢了' ? ['学生', '丢', '了'] : [...text]);
    expect(suggestDepartments(buildDispatchIndex(small, { words }), { ...query, summary: '学生丢了' })[0]?.reason.keywords).toEqual(['学生']);
  });

  it('keeps the learned factor bounded and neutral without history', () => {
    const stats = learnFromOutcomes([
      ...Array.from({ length: 50 }, () => ({ matterId: 'm', chosenDepartmentId: 'a', outcome: 'accepted' as const, finalDepartmentIds: [] })),
      ...Array.from({ length: 50 }, () => ({ matterId: 'm', chosenDepartmentId: 'b', outcome: 'returned' as const, finalDepartmentIds: [] })),
    ]);
    expect(learnedFactor(stats, 'm', 'a')).toBeLessThanOrEqual(2);
    expect(learnedFactor(stats, 'm', 'a')).toBeGreaterThan(1.8);
    expect(learnedFactor(stats, 'm', 'b')).toBeGreaterThanOrEqual(0.4);
    expect(learnedFactor(stats, 'm', 'c')).toBe(1);
    expect(learnedFactor(undefined, 'm', 'a')).toBe(1);
  });

  it('meets the goals on the held-out split of the labelled sample (top-1 ≥ 80%, top-3 ≥ 95%)', () => {
    const result = evaluate(catalogue, orders);
    expect(result.test.orders).toBeGreaterThan(100);
    expect(result.test.top1).toBeGreaterThanOrEqual(0.8);
    expect(result.test.top3).toBeGreaterThanOrEqual(0.95);
    expect(result.testLearned.top1).toBeGreaterThanOrEqual(result.test.top1 - 0.02);
  });
});

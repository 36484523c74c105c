import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { makeTempDir } from '../../support/temp-dir';
import { buildIndex, evaluate, loadSample } from '../../../bench/knowledge-eval';

const dir = makeTempDir('hotline-knowledge-');
const db = openDatabase(join(dir.path, 'desk.sqlite'));
afterAll(() => {
  db.close();
  dir.remove();
});

describe('knowledge search over the bundled sample', () => {
  const { articles, queries } = loadSample(join(__dirname, '..', '..', '..'));
  const index = buildIndex(db, articles);

  it('finds the article of every two-character query and most queries in the top three', () => {
    const result = evaluate(index, queries);
    expect(result.twoChar.found).toBe(result.twoChar.queries);
    expect(result.top3Rate).toBeGreaterThanOrEqual(0.9);
  });

  it('never offers an expired article as current, and marks it when asked for old ones too', () => {
    const current = index.search('最低工资', { limit: 10, includeExpired: false, today: '2026-12-02' });
    expect(current.map((h) => h.id)).not.toContain('KB-zsgz-old');
    expect(current.every((h) => h.validity === 'current')).toBe(true);
    const all = index.search('最低工资 旧版', { limit: 10, includeExpired: true, today: '2026-12-02' });
    expect(all.find((h) => h.id === 'KB-zsgz-old')?.validity).toBe('expired');
  });

  it('answers abbreviations with the full name and the other way round', () => {
    const ids = (q: string) => index.search(q, { limit: 5, includeExpired: false, today: '2026-12-02' }).map((h) => h.id);
    expect(ids('住建局 维修资金').some((id) => id.startsWith('KB-wxzj-'))).toBe(true);
    expect(ids('住房和城乡建设局 物业').some((id) => id.startsWith('KB-wy-'))).toBe(true);
    expect(ids('电瓶车上牌')[0]).toMatch(/^KB-ddc-/);
    expect(ids('gzf')[0]).toMatch(/^KB-gzf-/);
  });

  it('shows the matching passage highlighted, with the department and validity', () => {
    const [hit] = index.search('公积金提取需要什么材料', { limit: 3, includeExpired: false, today: '2026-12-02' });
    expect(hit?.id).toBe('KB-gjj-tq-mats');
    expect(hit?.department).toBe('市住房公积金管理中心');
    expect(hit?.validity).toBe('current');
    expect(hit?.passage.filter((p) => p.hit).map((p) => p.text)).toContain('材料');
    expect(hit?.passageText).toContain('租赁合同');
    expect(hit?.sourceNumber).toMatch(/〔\d{4}〕\d+号$/);
  });
});

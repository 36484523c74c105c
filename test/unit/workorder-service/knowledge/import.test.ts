import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readKnowledgeFile } from '../../../../services/workorder/knowledge/knowledge-import';
import { KnowledgeImportRefused, runKnowledgeCommand, type KnowledgeIo } from '../../../../services/workorder/knowledge/admin-commands';
import { openSqliteStore } from '../../../../services/workorder/store/sqlite/sqlite-store';
import type { WorkOrderStore } from '../../../../services/workorder/store/store';
import { makeTempDir } from '../../../support/temp-dir';
import { docxOf, xlsxOf } from './office-files';

const HEADER = ['编号', '标题', '正文', '关键词', '主管部门', '政策', '类别', '生效日期', '失效日期', '区域', '来源文件', '文号'];
const GOOD: unknown[][] = [
  ['KB-001', '公积金租房提取', '租房自住的职工可以提取住房公积金。', '公积金、租房提取', '市住房公积金管理中心', '住房公积金提取', '住房公积金', new Date(Date.UTC(2025, 0, 1)), '', '全市', '《住房公积金提取办法》', '公积金发〔2025〕3号'],
  ['KB-002', '医保异地就医备案', '异地长期居住的参保人可以办理备案。', '异地就医 备案', '市医疗保障局', '', '医疗保障', '2024/3/1', '2027年12月31日', '', '', ''],
];

describe('knowledge import', () => {
  it('reads a centre spreadsheet: Chinese headers, date cells and written dates, keywords by 、 or spaces', async () => {
    const report = await readKnowledgeFile(await xlsxOf([HEADER, ...GOOD]), 'xlsx');
    expect(report.refused).toEqual([]);
    expect(report.articles.map((a) => [a.id, a.validFrom, a.validUntil, a.keywords, a.region])).toEqual([
      ['KB-001', '2025-01-01', null, ['公积金', '租房提取'], '全市'],
      ['KB-002', '2024-03-01', '2027-12-31', ['异地就医', '备案'], '全市'],
    ]);
  });

  it('refuses a malformed spreadsheet row by row with reasons, and offers nothing to publish', async () => {
    const bad: unknown[][] = [
      HEADER,
      GOOD[0] as unknown[],
      ['KB-003', '', '正文', '', '市民政局', '', '', '', '', '', '', ''],
      ['KB-004', '低保申请', '正文', '', '市民政局', '', '', '2025-02-30x', '', '', '', ''],
      ['KB-001', '重复的编号', '正文', '', '市民政局', '', '', '', '', '', '', ''],
      ['KB-005', '日期颠倒', '正文', '', '市民政局', '', '', '2026-01-01', '2025-01-01', '', '', ''],
    ];
    const report = await readKnowledgeFile(await xlsxOf(bad), 'xlsx');
    expect(report.articles).toEqual([]);
    expect(report.refused.map((r) => [r.row, r.id])).toEqual([
      [3, 'KB-003'],
      [4, 'KB-004'],
      [5, 'KB-001'],
      [6, 'KB-005'],
    ]);
    expect(report.refused[0]?.reasons).toEqual(['标题为空']);
    expect(report.refused[1]?.reasons[0]).toMatch(/^生效日期「2025-02-30x」不是有效日期/);
    expect(report.refused[2]?.reasons).toContain('编号 KB-001 与第 2 行重复');
    expect(report.refused[3]?.reasons[0]).toMatch(/^失效日期/);
  });

  it('refuses a sheet without a required column as a whole', async () => {
    const report = await readKnowledgeFile(await xlsxOf([['编号', '标题'], ['KB-1', '标题']]), 'xlsx');
    expect(report.fileError).toBe('缺少必需的列：正文、主管部门（第 1 行应为表头）');
    expect((await readKnowledgeFile(new Uint8Array([1, 2, 3]), 'xlsx')).fileError).toMatch(/^不是可读取的 xlsx 文件/);
  });

  it('reads a Word document: a heading starts each article, labelled lines give its fields', async () => {
    const docx = await docxOf([
      '# 电动自行车登记上牌',
      '编号：KB-ddc',
      '主管部门：市公安局',
      '关键词：电动车上牌、电瓶车',
      '有效期：2025-01-01 至 2027-12-31',
      '文号：公交管〔2025〕8号',
      '符合国家标准的电动自行车应当登记上牌后才能上道路行驶。',
      '可以在销售门店代办上牌。',
      '# 居住证办理',
      '主管部门：市公安局',
      '在本市居住半年以上的可以申领居住证。',
    ]);
    const report = await readKnowledgeFile(docx, 'docx');
    expect(report.refused).toEqual([]);
    const [first, second] = report.articles;
    expect(first).toMatchObject({
      id: 'KB-ddc',
      title: '电动自行车登记上牌',
      department: '市公安局',
      keywords: ['电动车上牌', '电瓶车'],
      validFrom: '2025-01-01',
      validUntil: '2027-12-31',
      sourceNumber: '公交管〔2025〕8号',
      body: '符合国家标准的电动自行车应当登记上牌后才能上道路行驶。\n可以在销售门店代办上牌。',
    });
    expect(second?.id).toMatch(/^KB-[0-9a-f]{10}$/);
  });
});

describe('knowledge admin commands (SQLite)', () => {
  let store: WorkOrderStore | null = null;
  let dir: { path: string; remove: () => void } | null = null;
  afterEach(async () => {
    await store?.close();
    dir?.remove();
    store = null;
  });

  it('publishes a good file as one version, refuses a bad one whole, and exports what round-trips', async () => {
    dir = makeTempDir('hotline-knowledge-admin-');
    store = openSqliteStore(join(dir.path, 'centre.sqlite'));
    const files = new Map<string, Uint8Array>([
      ['good.xlsx', await xlsxOf([HEADER, ...GOOD])],
      ['bad.xlsx', await xlsxOf([HEADER, GOOD[0] as unknown[], ['KB-009', '', '', '', '', '', '', '', '', '', '', '']])],
    ]);
    const io: KnowledgeIo = {
      readBytes: async (path) => files.get(path) ?? Promise.reject(new Error(`ENOENT ${path}`)),
      writeBytes: async (path, bytes) => void files.set(path, bytes),
    };
    const run = (...argv: string[]) => runKnowledgeCommand(store as WorkOrderStore, argv[0] as string, argv.slice(1), Date.UTC(2026, 11, 2), io);

    const refused = await run('knowledge-import', '--file', 'bad.xlsx').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(KnowledgeImportRefused);
    expect((refused as Error).message).toContain('第 3 行（KB-009）：标题为空；正文为空；主管部门为空');
    expect((refused as Error).message).toContain('未发布任何条目');
    expect(await store.reference.versions('knowledge', 10)).toEqual([]);

    expect(await run('knowledge-import', '--file', 'good.xlsx')).toContain('Published knowledge version 1: 2 articles new or changed, 0 withdrawn.');
    expect(await run('knowledge-export', '--file', 'out.xlsx')).toBe('Wrote 2 articles to out.xlsx.');
    const exported = await readKnowledgeFile(files.get('out.xlsx') as Uint8Array, 'xlsx');
    expect(exported.articles.map((a) => a.id)).toEqual(['KB-001', 'KB-002']);
    // The export imported again as the whole knowledge base changes nothing.
    files.set('again.xlsx', files.get('out.xlsx') as Uint8Array);
    expect(await run('knowledge-import', '--file', 'again.xlsx', '--replace')).toContain('version 2: 0 articles new or changed, 0 withdrawn');
    expect(await run('knowledge-versions')).toMatch(/^2\t.*\tadmin\t\+0 -0\timport again\.xlsx\n1\t/);
  });
});

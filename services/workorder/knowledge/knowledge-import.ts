import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { KnowledgeArticleSchema, type KnowledgeArticle } from '../../../src/shared/knowledge/article';
import { KNOWLEDGE_COLUMNS, columnOf, normaliseDate, splitKeywords, type KnowledgeColumnKey } from './columns';

/** Why one row (or one article of a document) was refused. */
export interface RefusedRow {
  /** Spreadsheet row number (1 = header), or the article's position in a document. */
  row: number;
  id: string;
  reasons: string[];
}

export interface ImportReport {
  /** Articles ready to publish (all of them valid): empty when anything was refused. */
  articles: KnowledgeArticle[];
  /** Articles read from the file. */
  read: number;
  refused: RefusedRow[];
  /** A problem with the file as a whole (unreadable, a required column missing); nothing was read. */
  fileError: string | null;
}

export type ImportFormat = 'xlsx' | 'docx' | 'json';

export function formatOf(fileName: string): ImportFormat | null {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'xlsx' || ext === 'docx' || ext === 'json' ? ext : null;
}

/** Most rows one import reads (a centre's whole knowledge base fits; a runaway sheet is refused). */
export const IMPORT_MAX_ROWS = 50_000;

/**
 * Reads a centre's knowledge from a file. Every article is checked against the
 * schema; the report lists each refused row with its reasons in the centre's
 * words, and when any row is refused no article is offered for publishing:
 * a file is imported whole or not at all.
 */
export async function readKnowledgeFile(bytes: Uint8Array, format: ImportFormat): Promise<ImportReport> {
  let raw: { row: number; fields: Partial<Record<KnowledgeColumnKey, unknown>> }[];
  try {
    raw = format === 'xlsx' ? await readXlsx(bytes) : format === 'docx' ? await readDocx(bytes) : readJson(bytes);
  } catch (error) {
    return { articles: [], read: 0, refused: [], fileError: (error as Error).message };
  }
  const refused: RefusedRow[] = [];
  const articles: KnowledgeArticle[] = [];
  const seen = new Map<string, number>();
  for (const { row, fields } of raw) {
    const candidate = {
      id: text(fields.id),
      title: text(fields.title),
      body: text(fields.body),
      keywords: Array.isArray(fields.keywords) ? fields.keywords.map(text) : splitKeywords(text(fields.keywords)),
      department: text(fields.department),
      policy: text(fields.policy),
      category: text(fields.category),
      validFrom: normaliseDate(fields.validFrom),
      validUntil: normaliseDate(fields.validUntil),
      region: text(fields.region) || '全市',
      sourceDocument: text(fields.sourceDocument),
      sourceNumber: text(fields.sourceNumber),
    };
    const reasons: string[] = [];
    const earlier = seen.get(candidate.id);
    if (candidate.id !== '' && earlier !== undefined) reasons.push(`编号 ${candidate.id} 与第 ${earlier} 行重复`);
    seen.set(candidate.id, row);
    const parsed = KnowledgeArticleSchema.safeParse(candidate);
    if (!parsed.success) for (const issue of parsed.error.issues) reasons.push(reasonOf(issue.path.join('.'), issue.message, candidate));
    if (reasons.length > 0) refused.push({ row, id: candidate.id, reasons });
    else if (parsed.success) articles.push(parsed.data);
  }
  return { articles: refused.length > 0 ? [] : articles, read: raw.length, refused, fileError: null };
}

const FIELD_NAMES: Record<string, string> = Object.fromEntries(KNOWLEDGE_COLUMNS.map((c) => [c.key, c.names[0]]));

function reasonOf(path: string, message: string, candidate: Record<string, unknown>): string {
  const key = path.split('.')[0] ?? '';
  const name = FIELD_NAMES[key] ?? key;
  const value = candidate[key];
  if ((value === '' || value === null) && KNOWLEDGE_COLUMNS.find((c) => c.key === key)?.required) return `${name}为空`;
  if (key === 'validFrom' || key === 'validUntil') return `${name}「${String(value)}」不是有效日期（${message}）`;
  return `${name}：${message}`;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && value !== null && 'richText' in value) {
    return ((value as { richText: { text: string }[] }).richText ?? []).map((part) => part.text).join('').trim();
  }
  if (typeof value === 'object' && value !== null && 'text' in value) return String((value as { text: unknown }).text).trim();
  if (typeof value === 'object' && value !== null && 'result' in value) return String((value as { result: unknown }).result ?? '').trim();
  return String(value).trim();
}

async function readXlsx(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new Error(`不是可读取的 xlsx 文件：${(error as Error).message}`, { cause: error });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('工作簿中没有工作表');
  if (sheet.rowCount > IMPORT_MAX_ROWS + 1) throw new Error(`行数超过 ${IMPORT_MAX_ROWS}`);
  const columns = new Map<number, KnowledgeColumnKey>();
  sheet.getRow(1).eachCell((cell, column) => {
    const key = columnOf(text(cell.value));
    if (key) columns.set(column, key);
  });
  const missing = KNOWLEDGE_COLUMNS.filter((c) => c.required && ![...columns.values()].includes(c.key)).map((c) => c.names[0]);
  if (missing.length > 0) throw new Error(`缺少必需的列：${missing.join('、')}（第 1 行应为表头）`);
  const rows: { row: number; fields: Partial<Record<KnowledgeColumnKey, unknown>> }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const fields: Partial<Record<KnowledgeColumnKey, unknown>> = {};
    let any = false;
    for (const [column, key] of columns) {
      const value = row.getCell(column).value;
      if (value !== null && value !== undefined && text(value) !== '') any = true;
      fields[key] = key === 'validFrom' || key === 'validUntil' ? (value instanceof Date ? value : text(value)) : value;
    }
    if (any) rows.push({ row: number, fields });
  });
  return rows;
}

/**
 * A Word document: each article starts at a heading (its title); lines such as
 * 编号：, 主管部门：, 关键词：, 有效期：2025-01-01 至 2026-12-31, 文号： give its
 * fields, and the other paragraphs are its body. An article without 编号 gets
 * one from its title, so importing the same document again updates it.
 */
async function readDocx(bytes: Uint8Array) {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (error) {
    throw new Error(`不是可读取的 docx 文件：${(error as Error).message}`, { cause: error });
  }
  const blocks = [...html.matchAll(/<(h[1-6]|p|li)[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => ({
    heading: (m[1] ?? '').startsWith('h'),
    text: decodeEntities((m[2] ?? '').replace(/<[^>]+>/g, '')).trim(),
  }));
  const rows: { row: number; fields: Partial<Record<KnowledgeColumnKey, unknown>> }[] = [];
  let current: { fields: Partial<Record<KnowledgeColumnKey, unknown>>; body: string[] } | null = null;
  const finish = () => {
    if (!current) return;
    const fields = current.fields;
    fields.body = current.body.join('\n');
    if (!fields.id && typeof fields.title === 'string') fields.id = `KB-${createHash('sha1').update(fields.title).digest('hex').slice(0, 10)}`;
    rows.push({ row: rows.length + 1, fields });
  };
  for (const block of blocks) {
    if (block.text === '') continue;
    if (block.heading) {
      finish();
      current = { fields: { title: block.text }, body: [] };
      continue;
    }
    if (!current) continue;
    const meta = /^([^：:]{1,8})[：:]\s*(.*)$/.exec(block.text);
    const label = meta?.[1]?.trim() ?? '';
    if (meta && (label === '有效期' || label === '有效期限')) {
      const [from, until] = (meta[2] ?? '').split(/\s*(?:至|到|~|—|－)\s*/);
      current.fields.validFrom = from ?? '';
      current.fields.validUntil = until ?? '';
      continue;
    }
    const key = meta ? columnOf(label) : null;
    if (meta && key && key !== 'title' && key !== 'body') {
      current.fields[key] = meta[2] ?? '';
      continue;
    }
    current.body.push(block.text);
  }
  finish();
  if (rows.length === 0) throw new Error('文档中没有找到条目（每个条目以标题样式的段落开始）');
  if (rows.length > IMPORT_MAX_ROWS) throw new Error(`条目数超过 ${IMPORT_MAX_ROWS}`);
  return rows;
}

function readJson(bytes: Uint8Array) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new Error(`不是有效的 JSON：${(error as Error).message}`, { cause: error });
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { articles?: unknown })?.articles;
  if (!Array.isArray(list)) throw new Error('JSON 应为条目数组，或 { "articles": [...] }');
  if (list.length > IMPORT_MAX_ROWS) throw new Error(`条目数超过 ${IMPORT_MAX_ROWS}`);
  return list.map((item, index) => ({ row: index + 1, fields: (item ?? {}) as Partial<Record<KnowledgeColumnKey, unknown>> }));
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

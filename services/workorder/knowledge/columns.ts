/**
 * The columns of a knowledge spreadsheet, as centres name them (Chinese first)
 * and as this project exports them. Import accepts any of the names of a
 * column; export writes the first.
 */
export const KNOWLEDGE_COLUMNS = [
  { key: 'id', names: ['编号', '条目编号', 'id'], required: true },
  { key: 'title', names: ['标题', '问题', 'title'], required: true },
  { key: 'body', names: ['正文', '答案', '答复口径', '内容', 'body'], required: true },
  { key: 'keywords', names: ['关键词', 'keywords'], required: false },
  { key: 'department', names: ['主管部门', '部门', '责任单位', 'department'], required: true },
  { key: 'policy', names: ['政策', '政策名称', 'policy'], required: false },
  { key: 'category', names: ['类别', '分类', 'category'], required: false },
  { key: 'validFrom', names: ['生效日期', '施行日期', 'validFrom'], required: false },
  { key: 'validUntil', names: ['失效日期', '截止日期', 'validUntil'], required: false },
  { key: 'region', names: ['区域', '适用区域', 'region'], required: false },
  { key: 'sourceDocument', names: ['来源文件', '文件名称', 'sourceDocument'], required: false },
  { key: 'sourceNumber', names: ['文号', '发文字号', 'sourceNumber'], required: false },
] as const;

export type KnowledgeColumnKey = (typeof KNOWLEDGE_COLUMNS)[number]['key'];

const BY_NAME = new Map<string, KnowledgeColumnKey>();
for (const column of KNOWLEDGE_COLUMNS) for (const name of column.names) BY_NAME.set(name.toLowerCase(), column.key);

/** The column a header cell names (trimmed, case-insensitive), or null. */
export function columnOf(header: string): KnowledgeColumnKey | null {
  return BY_NAME.get(header.trim().replace(/\s+/g, '').toLowerCase()) ?? null;
}

/** Keywords as editors write them: separated by 、，,；; or spaces. */
export function splitKeywords(text: string): string[] {
  return [...new Set(text.split(/[、，,；;\s]+/u).map((k) => k.trim()).filter(Boolean))];
}

/**
 * A date as spreadsheets and documents hold it (a Date cell, 2025-01-01,
 * 2025/1/1, 2025.1.1, 2025年1月1日) as YYYY-MM-DD; '' and 长期/无 are no date;
 * anything else is returned as it is, for the schema to refuse with a reason.
 */
export function normaliseDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return 'invalid date';
    return value.toISOString().slice(0, 10);
  }
  const text = String(value).trim();
  if (text === '' || /^(长期|长期有效|无|永久|-)$/.test(text)) return null;
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!match) return text;
  return `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`;
}

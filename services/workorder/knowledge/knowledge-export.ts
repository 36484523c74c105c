import ExcelJS from 'exceljs';
import type { KnowledgeArticle } from '../../../src/shared/knowledge/article';
import { KNOWLEDGE_COLUMNS } from './columns';

/** The knowledge base as an xlsx workbook with the import's columns (Chinese headers), so it round-trips. */
export async function knowledgeToXlsx(articles: readonly KnowledgeArticle[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('知识库');
  sheet.addRow(KNOWLEDGE_COLUMNS.map((c) => c.names[0]));
  for (const article of articles) {
    sheet.addRow(
      KNOWLEDGE_COLUMNS.map((c) => {
        const value = article[c.key];
        return Array.isArray(value) ? value.join('、') : (value ?? '');
      }),
    );
  }
  sheet.getRow(1).font = { bold: true };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export function knowledgeToJson(articles: readonly KnowledgeArticle[]): Uint8Array {
  return Buffer.from(`${JSON.stringify({ articles }, null, 1)}\n`);
}

import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { KnowledgeArticleSchema, type KnowledgeArticle } from '../../../src/shared/knowledge/article';
import { KNOWLEDGE_DATASET } from '../../../src/shared/knowledge/dataset';
import type { WorkOrderStore } from '../store/store';
import { knowledgeToJson, knowledgeToXlsx } from './knowledge-export';
import { formatOf, readKnowledgeFile, type ImportReport } from './knowledge-import';

export const KNOWLEDGE_COMMANDS = ['knowledge-import', 'knowledge-export', 'knowledge-versions'] as const;

export const KNOWLEDGE_ADMIN_USAGE = `  admin knowledge-import --file <知识库.xlsx|.docx|.json> [--replace] [--note <text>]
      Publishes the file's articles as the next knowledge-base version (desks get it within a minute).
      Every row is checked; if any is refused, the report lists each with its reasons and nothing is published.
      --replace: the file is the whole knowledge base (articles not in it are withdrawn).
  admin knowledge-export --file <知识库.xlsx|.json>
      Writes the current knowledge base (the same columns the import reads).
  admin knowledge-versions
      Lists the published versions, newest first.`;

/** Files in and out (the process's file system by default; tests give their own). */
export interface KnowledgeIo {
  readBytes(path: string): Promise<Uint8Array>;
  writeBytes(path: string, bytes: Uint8Array): Promise<void>;
}

export const FILE_IO: KnowledgeIo = {
  readBytes: async (path) => new Uint8Array(await readFile(path)),
  writeBytes: (path, bytes) => writeFile(path, bytes),
};

export class KnowledgeUsageError extends Error {}
/** The file was read, and rows were refused: nothing was published. */
export class KnowledgeImportRefused extends Error {
  constructor(readonly report: ImportReport) {
    super(importReportText(report));
    this.name = 'KnowledgeImportRefused';
  }
}

export async function runKnowledgeCommand(store: WorkOrderStore, command: string, args: string[], now: number, io: KnowledgeIo = FILE_IO): Promise<string> {
  switch (command) {
    case 'knowledge-import': {
      const { values } = parseArgs({ args, options: { file: { type: 'string' }, replace: { type: 'boolean', default: false }, note: { type: 'string', default: '' } } });
      if (!values.file) throw new KnowledgeUsageError('knowledge-import needs --file');
      const format = formatOf(values.file);
      if (!format) throw new KnowledgeUsageError('--file must be .xlsx, .docx or .json');
      const report = await readKnowledgeFile(await io.readBytes(values.file), format);
      if (report.fileError !== null || report.refused.length > 0) throw new KnowledgeImportRefused(report);
      const outcome = await store.reference.publish({
        dataset: KNOWLEDGE_DATASET.name,
        upserts: report.articles.map((article) => ({ id: article.id, body: JSON.stringify(article) })),
        deletes: [],
        replace: values.replace,
        baseVersion: null,
        publishedBy: 'admin',
        note: values.note || `import ${basename(values.file)}`,
        at: now,
      });
      if (outcome.kind !== 'published') throw new Error('another version was published meanwhile; run the import again');
      const v = outcome.version;
      return `${importReportText(report)}\nPublished knowledge version ${v.version}: ${v.upserted} articles new or changed, ${v.deleted} withdrawn.`;
    }
    case 'knowledge-export': {
      const { values } = parseArgs({ args, options: { file: { type: 'string' } } });
      if (!values.file) throw new KnowledgeUsageError('knowledge-export needs --file');
      const format = formatOf(values.file);
      if (format !== 'xlsx' && format !== 'json') throw new KnowledgeUsageError('--file must be .xlsx or .json');
      const articles = await currentArticles(store);
      await io.writeBytes(values.file, format === 'xlsx' ? await knowledgeToXlsx(articles) : knowledgeToJson(articles));
      return `Wrote ${articles.length} articles to ${values.file}.`;
    }
    case 'knowledge-versions': {
      const versions = await store.reference.versions(KNOWLEDGE_DATASET.name, 100);
      if (versions.length === 0) return 'No knowledge version published yet.';
      return versions
        .map((v) => `${v.version}\t${new Date(v.publishedAt).toISOString()}\t${v.publishedBy ?? ''}\t+${v.upserted} -${v.deleted}\t${v.note}`)
        .join('\n');
    }
    default:
      throw new KnowledgeUsageError(`unknown command ${command}`);
  }
}

/** Every live article, in id order (read through the change feed from the start). */
export async function currentArticles(store: WorkOrderStore): Promise<KnowledgeArticle[]> {
  const live = new Map<string, KnowledgeArticle>();
  let cursor = 0;
  for (let page = 0; page < 1_000; page += 1) {
    const changes = await store.reference.changesAfter(KNOWLEDGE_DATASET.name, cursor, 1_000);
    for (const change of changes) {
      if (change.item === null) live.delete(change.id);
      else live.set(change.id, KnowledgeArticleSchema.parse(change.item));
    }
    if (changes.length < 1_000) break;
    cursor = Number(changes.at(-1)?.cursor ?? cursor);
  }
  return [...live.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The import report in the centre's words: how many read, each refused row and why. */
export function importReportText(report: ImportReport): string {
  if (report.fileError !== null) return `文件无法导入，未发布任何条目：${report.fileError}`;
  const lines = [`读取 ${report.read} 条，拒绝 ${report.refused.length} 条。`];
  for (const row of report.refused.slice(0, 500)) lines.push(`  第 ${row.row} 行${row.id ? `（${row.id}）` : ''}：${row.reasons.join('；')}`);
  if (report.refused.length > 500) lines.push(`  ……另有 ${report.refused.length - 500} 条被拒绝`);
  if (report.refused.length > 0) lines.push('有被拒绝的行，未发布任何条目；改正后重新导入。');
  return lines.join('\n');
}

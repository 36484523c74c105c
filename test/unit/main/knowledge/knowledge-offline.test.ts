import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/store/database';
import { ReferenceDataSync } from '../../../../src/main/reference-data/reference-sync';
import { KnowledgeBase } from '../../../../src/main/knowledge/knowledge-base';
import { makeTempDir } from '../../../support/temp-dir';
import { loadSample } from '../../../../bench/knowledge-eval';
import { article, startReferenceCentre, type ReferenceCentre } from '../../workorder-service/reference/centre';

const ROOT = join(__dirname, '..', '..', '..', '..');
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

function desk(centre: ReferenceCentre, pollMs: number) {
  const dir = makeTempDir('hotline-knowledge-desk-');
  const path = join(dir.path, 'desk.sqlite');
  const db: Database.Database = openDatabase(path);
  const sync = new ReferenceDataSync({ db, target: () => ({ centreUrl: centre.fx.url, token: centre.agent }), pollMs });
  const knowledge = new KnowledgeBase(db, sync);
  cleanup.push(() => {
    sync.close();
    db.close();
    dir.remove();
  });
  return { db, sync, knowledge, path };
}

const ids = (kb: KnowledgeBase, query: string) => kb.search({ query, limit: 5 }).hits.map((h) => h.id);

describe('the knowledge base on a desk, against the real centre (SQLite)', () => {
  it('syncs the published knowledge, searches it with the centre gone, and takes a new version within a minute', async () => {
    const centre = await startReferenceCentre('sqlite');
    let centreOpen = true;
    cleanup.push(() => (centreOpen ? centre.fx.close() : undefined));
    const { articles } = loadSample(ROOT);
    await centre.publishKnowledge({ note: '示例知识库', upserts: articles.map((a) => ({ id: a.id, item: a })) });

    const d = desk(centre, 200);
    expect(await d.sync.syncNow()).toEqual({ kind: 'synced', changed: ['knowledge'] });
    expect(d.knowledge.status()).toMatchObject({ count: articles.length, version: 1 });
    expect(ids(d.knowledge, '公积金提取需要什么材料')[0]).toBe('KB-gjj-tq-mats');

    // A new version, published while the desk polls: it arrives by itself (here a 200 ms poll; 20 s by default).
    d.sync.start();
    const arrived = new Promise<void>((resolve) => {
      const off = d.knowledge.onUpdated(() => {
        off();
        resolve();
      });
    });
    await centre.publishKnowledge({
      baseVersion: 1,
      upserts: [{ id: 'KB-new-1', item: article('KB-new-1', { title: '新生儿医保参保登记', body: '新生儿出生后九十日内参保的，自出生之日起享受医保待遇。', keywords: ['新生儿参保'] }) }],
      deletes: ['KB-gjj-tq-mats'],
    });
    await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error('no new version within 10 s')), 10_000))]);
    expect(ids(d.knowledge, '新生儿参保')[0]).toBe('KB-new-1');
    expect(ids(d.knowledge, '公积金提取需要什么材料')).not.toContain('KB-gjj-tq-mats');
    expect(d.knowledge.status().version).toBe(2);

    // The centre goes away: search answers from the desk's copy, the article opens.
    await centre.fx.close();
    centreOpen = false;
    expect((await d.sync.syncNow()).kind).toBe('unreachable');
    const offline = d.knowledge.search({ query: '医保', limit: 5 });
    expect(offline.hits.length).toBeGreaterThan(0);
    expect(offline.copy.count).toBe(articles.length);
    expect(d.knowledge.article('KB-new-1')?.article.title).toBe('新生儿医保参保登记');
  }, 30_000);

  it('rebuilds its index from its copy when the lexicon it was built with changed', async () => {
    const centre = await startReferenceCentre('sqlite');
    cleanup.push(() => centre.fx.close());
    await centre.publishKnowledge({ upserts: [{ id: 'KB-1', item: article('KB-1', { title: '住建局维修资金使用', department: '市住房和城乡建设局' }) }] });
    const d = desk(centre, 60_000);
    await d.sync.syncNow();
    d.db.prepare("UPDATE knowledge_index_meta SET value = 'older-lexicon' WHERE key = 'lexicon'").run();
    d.db.exec('DELETE FROM knowledge_fts; DELETE FROM knowledge_docs');
    expect(ids(d.knowledge, '维修资金')).toEqual([]);
    d.knowledge.ensureIndexed();
    expect(ids(d.knowledge, '住房和城乡建设局 维修资金')).toEqual(['KB-1']);
  });
});

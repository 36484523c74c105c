import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/store/database';
import { REFERENCE_POLL_MS, ReferenceDataSync } from '../../../../src/main/reference-data/reference-sync';
import type { ReferenceItemChange } from '../../../../src/main/reference-data/dataset-copy';
import { KNOWLEDGE_DATASET } from '../../../../src/shared/knowledge/dataset';
import type { KnowledgeArticle } from '../../../../src/shared/knowledge/article';
import { makeTempDir } from '../../../support/temp-dir';
import { article, startReferenceCentre, type ReferenceCentre } from '../../workorder-service/reference/centre';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function desk(centre: ReferenceCentre, pollMs: number) {
  const dir = makeTempDir('hotline-reference-');
  const db: Database.Database = openDatabase(join(dir.path, 'desk.sqlite'));
  const errors: unknown[] = [];
  let target: { centreUrl: string; token: string } | null = { centreUrl: centre.fx.url, token: centre.agent };
  const sync = new ReferenceDataSync({ db, target: () => target, pollMs, onError: (e) => errors.push(e) });
  const derived: ReferenceItemChange<KnowledgeArticle>[] = [];
  const knowledge = sync.register({ dataset: KNOWLEDGE_DATASET, onChanges: (_db, changes) => derived.push(...changes) });
  cleanup.push(async () => {
    sync.close();
    db.close();
    dir.remove();
  });
  return { db, sync, knowledge, derived, errors, signOut: () => (target = null) };
}

/** Resolves on the first update of the copy after now; fails past `ms`. */
function nextUpdate(handle: { onUpdated(listener: () => void): () => void }, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no update within ${ms} ms`));
    }, ms);
    const off = handle.onUpdated(() => {
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

describe('desk reference data against the real centre (SQLite)', () => {
  it('copies a dataset, follows new versions by polling, and keeps working from its copy when the centre is gone', async () => {
    const centre = await startReferenceCentre('sqlite');
    cleanup.push(() => centre.fx.close());
    await centre.publishKnowledge({ upserts: ['KB-1', 'KB-2', 'KB-3'].map((id) => ({ id, item: article(id) })) });

    const d = await desk(centre, 200);
    expect(await d.sync.syncNow()).toEqual({ kind: 'synced', changed: ['knowledge'] });
    expect(d.knowledge.count()).toBe(3);
    expect(d.knowledge.get('KB-2')?.department).toBe('市医保局');
    expect(d.knowledge.state()).toMatchObject({ version: 1 });
    expect(d.derived.map((c) => c.id)).toEqual(['KB-1', 'KB-2', 'KB-3']);

    // A new version reaches the running desk by itself (here polled every 200 ms; by default every REFERENCE_POLL_MS).
    d.sync.start();
    const arrived = nextUpdate(d.knowledge, 10_000);
    await centre.publishKnowledge({ baseVersion: 1, upserts: [{ id: 'KB-4', item: article('KB-4', { title: '公积金提取' }) }], deletes: ['KB-1'] });
    await arrived;
    expect(d.knowledge.all().map((a) => a.id)).toEqual(['KB-2', 'KB-3', 'KB-4']);
    expect(d.derived.slice(3).map((c) => [c.id, c.item === null])).toEqual([
      ['KB-4', false],
      ['KB-1', true],
    ]);

    // The centre goes away: the copy stays and answers.
    await centre.fx.close();
    cleanup = cleanup.filter((step) => step !== cleanup[0]);
    const round = await d.sync.syncNow();
    expect(round.kind).toBe('unreachable');
    expect(d.knowledge.get('KB-4')?.title).toBe('公积金提取');
    expect(d.knowledge.count()).toBe(3);
  });

  it('a publication reaches a desk within a minute with the default poll', () => {
    expect(REFERENCE_POLL_MS).toBeLessThanOrEqual(30_000);
  });

  it('asks nothing while signed out and resumes from its cursor after', async () => {
    const centre = await startReferenceCentre('sqlite');
    cleanup.push(() => centre.fx.close());
    const d = await desk(centre, 60_000);
    await centre.publishKnowledge({ upserts: [{ id: 'KB-1', item: article('KB-1') }] });
    expect(await d.sync.syncNow()).toMatchObject({ kind: 'synced' });
    d.signOut();
    expect(await d.sync.syncNow()).toEqual({ kind: 'signed-out' });
    expect(await d.sync.syncNow()).toEqual({ kind: 'signed-out' });
    expect(d.knowledge.count()).toBe(1);
  });

  it('a revoked token is handed over once and not used again', async () => {
    const centre = await startReferenceCentre('sqlite');
    cleanup.push(() => centre.fx.close());
    const d = await desk(centre, 60_000);
    const out = await centre.fx.as(centre.agent)('POST', '/v1/sign-out', {});
    expect(out.status).toBeLessThan(300);
    const round = await d.sync.syncNow();
    expect(round).toMatchObject({ kind: 'refused', status: 401, code: 'token_revoked' });
    expect(await d.sync.syncNow()).toEqual({ kind: 'signed-out' });
  });
});

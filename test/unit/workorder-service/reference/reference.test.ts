import { afterEach, describe, expect, it } from 'vitest';
import { ReferenceHeadsSchema, ReferencePageSchema } from '../../../../src/shared/reference-data/protocol';
import { STORE_KINDS, type StoreKind } from '../fixture';
import { article, startReferenceCentre, type ReferenceCentre } from './centre';

let open: ReferenceCentre | null = null;
afterEach(async () => {
  await open?.fx.close();
  open = null;
});

async function centre(kind: StoreKind): Promise<ReferenceCentre> {
  open = await startReferenceCentre(kind);
  return open;
}

describe.each(STORE_KINDS)('centre reference data (%s)', (kind) => {
  it('only an editor publishes; every agent reads the changes after its cursor, deletions included', async () => {
    const c = await centre(kind);
    const publish = (token: string, body: unknown) => c.fx.as(token)('POST', '/v1/reference/knowledge/versions', { body });

    const byAgent = await publish(c.agent, { upserts: [{ id: 'KB-1', item: article('KB-1') }] });
    expect(byAgent.status).toBe(403);
    expect((await publish(c.admin, { upserts: [{ id: 'KB-1', item: article('KB-1') }] })).status).toBe(403);

    const first = await publish(c.editor, { note: '首批', upserts: [{ id: 'KB-1', item: article('KB-1') }, { id: 'KB-2', item: article('KB-2') }] });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ dataset: 'knowledge', version: 1, upserted: 2, deleted: 0 });

    const heads = ReferenceHeadsSchema.parse((await c.fx.as(c.agent)('GET', '/v1/reference')).body);
    expect(heads.datasets.find((d) => d.dataset === 'knowledge')).toMatchObject({ version: 1, cursor: first.body.cursor });

    const all = ReferencePageSchema.parse((await c.fx.as(c.agent)('GET', '/v1/reference/knowledge?since=0')).body);
    expect(all.changes.map((ch) => ch.id)).toEqual(['KB-1', 'KB-2']);
    expect(all.hasMore).toBe(false);

    // Version 2 changes KB-2, republishes KB-1 unchanged (not a change) and withdraws nothing; version 3 deletes KB-1.
    const second = await publish(c.editor, { baseVersion: 1, upserts: [{ id: 'KB-1', item: article('KB-1') }, { id: 'KB-2', item: article('KB-2', { title: '医保门诊报销' }) }] });
    expect(second.body).toMatchObject({ version: 2, upserted: 1, deleted: 0 });
    const third = await publish(c.editor, { baseVersion: 2, deletes: ['KB-1'] });
    expect(third.body).toMatchObject({ version: 3, upserted: 0, deleted: 1 });

    const since = ReferencePageSchema.parse((await c.fx.as(c.agent)('GET', `/v1/reference/knowledge?since=${all.nextCursor}`)).body);
    expect(since.version).toBe(3);
    expect(since.changes.map((ch) => [ch.id, ch.version, ch.item === null])).toEqual([
      ['KB-2', 2, false],
      ['KB-1', 3, true],
    ]);

    const history = await c.fx.as(c.agent)('GET', '/v1/reference/knowledge/items/KB-2/history');
    expect(history.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const versions = await c.fx.as(c.editor)('GET', '/v1/reference/knowledge/versions');
    expect(versions.body.versions.map((v: { version: number; publishedBy: string }) => [v.version, v.publishedBy])).toEqual([
      [3, '0801'],
      [2, '0801'],
      [1, '0801'],
    ]);
  });

  it('refuses a stale base version and a version with one bad item, publishing nothing', async () => {
    const c = await centre(kind);
    const publish = (body: unknown) => c.fx.as(c.editor)('POST', '/v1/reference/knowledge/versions', { body });
    expect((await publish({ upserts: [{ id: 'KB-1', item: article('KB-1') }] })).status).toBe(201);

    const stale = await publish({ baseVersion: 0, upserts: [{ id: 'KB-9', item: article('KB-9') }] });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'version-conflict' }, currentVersion: 1 });

    const bad = await publish({ upserts: [{ id: 'KB-3', item: article('KB-3') }, { id: 'KB-4', item: { ...article('KB-4'), validFrom: '2026-13-01' } }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toBe('upserts.1.item.validFrom');

    const page = ReferencePageSchema.parse((await c.fx.as(c.agent)('GET', '/v1/reference/knowledge?since=0')).body);
    expect(page.version).toBe(1);
    expect(page.changes.map((ch) => ch.id)).toEqual(['KB-1']);
  });

  it('a replacement deletes what it does not name; pages follow the cursor without gaps', async () => {
    const c = await centre(kind);
    const publish = (body: unknown) => c.fx.as(c.editor)('POST', '/v1/reference/knowledge/versions', { body });
    const ids = Array.from({ length: 25 }, (_, i) => `KB-${String(i).padStart(3, '0')}`);
    await publish({ upserts: ids.map((id) => ({ id, item: article(id) })) });
    const replaced = await publish({ replace: true, upserts: ids.slice(0, 20).map((id) => ({ id, item: article(id) })) });
    expect(replaced.body).toMatchObject({ version: 2, upserted: 0, deleted: 5 });

    const seen = new Map<string, boolean>();
    let cursor = '0';
    for (let pages = 0; pages < 10; pages += 1) {
      const page = ReferencePageSchema.parse((await c.fx.as(c.agent)('GET', `/v1/reference/knowledge?since=${cursor}&limit=7`)).body);
      for (const change of page.changes) seen.set(change.id, change.item !== null);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect([...seen.values()].filter(Boolean)).toHaveLength(20);
    expect([...seen.entries()].filter(([, live]) => !live).map(([id]) => id)).toEqual(ids.slice(20));
  });

  it('an unknown dataset or a bad cursor is a clear error', async () => {
    const c = await centre(kind);
    expect((await c.fx.as(c.agent)('GET', '/v1/reference/nope?since=0')).status).toBe(404);
    const bad = await c.fx.as(c.agent)('GET', '/v1/reference/knowledge?since=-1');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-cursor');
    expect((await c.fx.as(null)('GET', '/v1/reference')).status).toBe(401);
  });
});

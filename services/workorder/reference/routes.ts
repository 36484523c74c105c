import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  REFERENCE_ITEM_MAX_BYTES,
  REFERENCE_PAGE_MAX_BYTES,
  REFERENCE_PATH,
  ReferenceCursorSchema,
  ReferenceItemIdSchema,
  ReferencePublishSchema,
  type ReferenceChange,
  type ReferenceDataset,
  type ReferenceHeads,
  type ReferencePage,
  type ReferencePublished,
} from '../../../src/shared/reference-data/protocol';
import { HttpError, readJsonBody, sendJson } from '../http';
import type { WorkOrderStore } from '../store/store';
import { hasRole, requireRole } from '../people/access';
import { signedIn, type PeopleContext } from '../people/context';
import { DEFAULT_SIGN_IN_OPTIONS } from '../people/sign-in';

/** A publish carries up to the whole dataset (a replacement), so its body limit is larger than other routes'. */
export const REFERENCE_PUBLISH_BODY_LIMIT = 16 * 1024 * 1024;
const PAGE_LIMIT = { default: 500, max: 2_000 };
const VERSIONS_LIMIT = 100;

/**
 * `/v1/reference`: centre reference data for desks (see
 * src/shared/reference-data/protocol.ts). False: the path is not one of these.
 */
export function referenceRoutes(store: WorkOrderStore, now: () => number, datasets: readonly ReferenceDataset<unknown>[]) {
  const ctx: PeopleContext = { store, now, options: DEFAULT_SIGN_IN_OPTIONS };
  const byName = new Map(datasets.map((dataset) => [dataset.name, dataset]));
  let serviceId: string | null = null;

  const readable = async (req: IncomingMessage, name: string) => {
    const dataset = byName.get(name);
    if (!dataset) throw new HttpError(404, 'not-found', 'No such dataset.');
    const who = await signedIn(ctx, req);
    // A dataset one may not read is answered like a missing one.
    if (!dataset.readRoles.some((role) => hasRole(who.access, role))) throw new HttpError(404, 'not-found', 'No such dataset.');
    return { dataset, who };
  };

  async function listHeads(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const who = await signedIn(ctx, req);
    const names = datasets.filter((d) => d.readRoles.some((role) => hasRole(who.access, role))).map((d) => d.name);
    serviceId ??= await store.serviceId();
    const body: ReferenceHeads = { serviceId, datasets: await store.reference.heads(names) };
    sendJson(res, 200, body);
  }

  async function page(req: IncomingMessage, res: ServerResponse, name: string, query: URLSearchParams): Promise<void> {
    await readable(req, name);
    const since = query.get('since') ?? '0';
    if (!ReferenceCursorSchema.safeParse(since).success) throw new HttpError(400, 'invalid-cursor', 'since must be a cursor of this dataset ("0" for everything).');
    const limit = intParam(query.get('limit'), PAGE_LIMIT);
    const [head] = await store.reference.heads([name]);
    const rows = await store.reference.changesAfter(name, Number(since), limit + 1);
    const changes: ReferenceChange[] = [];
    let bytes = 0;
    for (const change of rows.slice(0, limit)) {
      bytes += JSON.stringify(change.item).length;
      // At least one change per page, however large.
      if (changes.length > 0 && bytes > REFERENCE_PAGE_MAX_BYTES) break;
      changes.push(change);
    }
    const body: ReferencePage = {
      dataset: name,
      version: head?.version ?? 0,
      changes,
      nextCursor: changes.at(-1)?.cursor ?? since,
      hasMore: changes.length < rows.length,
    };
    sendJson(res, 200, body);
  }

  async function publish(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const dataset = byName.get(name);
    if (!dataset) {
      await readJsonBody(req, REFERENCE_PUBLISH_BODY_LIMIT).catch(() => undefined);
      throw new HttpError(404, 'not-found', 'No such dataset.');
    }
    const who = await signedIn(ctx, req);
    requireRole(who.access, ...dataset.publishRoles);
    const parsed = ReferencePublishSchema.safeParse(await readJsonBody(req, REFERENCE_PUBLISH_BODY_LIMIT));
    if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })));
    const request = parsed.data;
    const issues: { path: string; message: string; code: string }[] = [];
    const seen = new Set<string>();
    const upserts = request.upserts.map(({ id, item }, index) => {
      if (seen.has(id)) issues.push({ path: `upserts.${index}.id`, message: `The id ${id} appears twice.`, code: 'duplicate-id' });
      seen.add(id);
      const checked = dataset.itemSchema.safeParse(item);
      if (!checked.success) {
        for (const issue of checked.error.issues) issues.push({ path: `upserts.${index}.item.${issue.path.join('.')}`, message: issue.message, code: issue.code });
        return { id, body: '' };
      }
      const body = JSON.stringify(checked.data);
      if (Buffer.byteLength(body) > REFERENCE_ITEM_MAX_BYTES) {
        issues.push({ path: `upserts.${index}.item`, message: `An item is at most ${REFERENCE_ITEM_MAX_BYTES} bytes.`, code: 'too_big' });
      }
      return { id, body };
    });
    // Nothing of a version with one bad item is published.
    if (issues.length > 0) throw invalid(issues.slice(0, 200));
    const outcome = await store.reference.publish({
      dataset: name,
      upserts,
      deletes: request.deletes,
      replace: request.replace,
      baseVersion: request.baseVersion ?? null,
      publishedBy: who.person?.workNumber ?? who.caller.agentId,
      note: request.note,
      at: now(),
    });
    if (outcome.kind === 'conflict') {
      throw new HttpError(409, 'version-conflict', `The dataset is at version ${outcome.currentVersion}, not the one you edited; nothing was published.`, {
        currentVersion: outcome.currentVersion,
      });
    }
    const body: ReferencePublished = {
      dataset: name,
      version: outcome.version.version,
      cursor: outcome.version.cursor,
      upserted: outcome.version.upserted,
      deleted: outcome.version.deleted,
    };
    sendJson(res, 201, body);
  }

  async function listVersions(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    await readable(req, name);
    sendJson(res, 200, { dataset: name, versions: await store.reference.versions(name, VERSIONS_LIMIT) });
  }

  async function itemHistory(req: IncomingMessage, res: ServerResponse, name: string, id: string): Promise<void> {
    await readable(req, name);
    if (!ReferenceItemIdSchema.safeParse(id).success) throw new HttpError(404, 'not-found', 'No such item.');
    const versions = await store.reference.itemHistory(name, id);
    if (versions.length === 0) throw new HttpError(404, 'not-found', 'No such item.');
    sendJson(res, 200, { dataset: name, id, versions });
  }

  return async (req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<boolean> => {
    if (pathname !== REFERENCE_PATH && !pathname.startsWith(`${REFERENCE_PATH}/`)) return false;
    const parts = pathname.slice(REFERENCE_PATH.length).split('/').filter(Boolean).map(decode);
    const method = req.method ?? '';
    const only = (allowed: string) => {
      if (method !== allowed) throw new HttpError(405, 'method-not-allowed', `Use ${allowed}.`, {}, { allow: allowed });
    };
    const [name, sub, id, tail] = parts;
    if (name === undefined) {
      only('GET');
      await listHeads(req, res);
    } else if (sub === undefined) {
      only('GET');
      await page(req, res, name, query);
    } else if (sub === 'versions' && id === undefined) {
      if (method === 'POST') await publish(req, res, name);
      else {
        if (method !== 'GET') throw new HttpError(405, 'method-not-allowed', 'Use GET or POST.', {}, { allow: 'GET, POST' });
        await listVersions(req, res, name);
      }
    } else if (sub === 'items' && id !== undefined && tail === 'history' && parts.length === 4) {
      only('GET');
      await itemHistory(req, res, name, id);
    } else {
      throw new HttpError(404, 'not-found', 'No such resource.');
    }
    return true;
  };
}

function invalid(issues: { path: string; message: string; code: string }[]): HttpError {
  return new HttpError(422, 'invalid-payload', 'The version does not match the dataset schema; nothing was published.', { issues });
}

function intParam(raw: string | null, limits: { default: number; max: number }): number {
  if (raw === null) return limits.default;
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw new HttpError(400, 'invalid-query', 'limit must be a positive integer.');
  return Math.min(Number(raw), limits.max);
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}


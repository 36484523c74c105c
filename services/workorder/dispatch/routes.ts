import type { IncomingMessage, ServerResponse } from 'node:http';
import { accuracyByCategory } from '../../../src/shared/dispatch/accuracy';
import { catalogueFromItems, catalogueToItems, CatalogueItemSchema, DISPATCH_CATALOGUE_DATASET, type CatalogueItem } from '../../../src/shared/dispatch/dataset';
import {
  CataloguePublishSchema,
  DISPATCH_ACCURACY_PATH,
  DISPATCH_CATALOGUE_PATH,
  DISPATCH_OUTCOMES_PATH,
  DISPATCH_RECORDS_PATH,
  DispatchOutcomeReportSchema,
  DispatchRecordSchema,
  type DispatchAccuracy,
  type DispatchOutcomePage,
} from '../../../src/shared/dispatch/wire';
import { HttpError, readJsonBody, sendJson } from '../http';
import { cataloguePublished } from './catalogue-departments';
import type { WorkOrderStore } from '../store/store';
import { hasRole, requireRole, visibleTeams } from '../people/access';
import { readBody, signedIn, type PeopleContext } from '../people/context';
import { DEFAULT_SIGN_IN_OPTIONS } from '../people/sign-in';

/** A whole catalogue of 500 departments with their matters fits. */
const CATALOGUE_BODY_LIMIT = 4 * 1024 * 1024;
const OUTCOMES_LIMIT = { default: 200, max: 1_000 };
/** Dispatches one accuracy report reads (a team's quarter); a longer window is cut at this many, oldest first. */
const ACCURACY_MAX_ROWS = 200_000;
const DAY_MS = 86_400_000;

/**
 * `/v1/dispatch/*` (see src/shared/dispatch/wire.ts): the catalogue published
 * as a whole (stored as reference data, so desks sync it with the rest), the
 * desk's suggestion and choice per work order, outcomes from the centre, and
 * accuracy per category for leads. False: the path is not one of these.
 */
export function dispatchRoutes(store: WorkOrderStore, now: () => number) {
  const ctx: PeopleContext = { store, now, options: DEFAULT_SIGN_IN_OPTIONS };
  const dataset = DISPATCH_CATALOGUE_DATASET.name;

  async function readCatalogue(): Promise<{ version: number; items: CatalogueItem[] }> {
    const [head] = await store.reference.heads([dataset]);
    const items: CatalogueItem[] = [];
    let cursor = 0;
    // Bounded: a catalogue has at most a few thousand items.
    for (let page = 0; page < 100; page += 1) {
      const changes = await store.reference.changesAfter(dataset, cursor, 1_000);
      for (const change of changes) {
        const parsed = change.item === null ? null : CatalogueItemSchema.safeParse(change.item);
        if (parsed?.success) items.push(parsed.data);
      }
      if (changes.length < 1_000) break;
      cursor = Number(changes.at(-1)?.cursor ?? cursor);
    }
    return { version: head?.version ?? 0, items };
  }

  async function getCatalogue(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const who = await signedIn(ctx, req);
    if (!DISPATCH_CATALOGUE_DATASET.readRoles.some((role) => hasRole(who.access, role))) throw new HttpError(404, 'not-found', 'No such resource.');
    const { version, items } = await readCatalogue();
    sendJson(res, 200, { version, catalogue: catalogueFromItems(items) });
  }

  async function publishCatalogue(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const who = await signedIn(ctx, req);
    requireRole(who.access, ...DISPATCH_CATALOGUE_DATASET.publishRoles);
    const parsed = CataloguePublishSchema.safeParse(await readJsonBody(req, CATALOGUE_BODY_LIMIT));
    if (!parsed.success) {
      throw new HttpError(422, 'invalid-payload', 'The catalogue does not match the schema; nothing was published.', {
        issues: parsed.error.issues.slice(0, 200).map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
      });
    }
    const outcome = await store.reference.publish({
      dataset,
      upserts: catalogueToItems(parsed.data.catalogue).map(({ id, item }) => ({ id, body: JSON.stringify(CatalogueItemSchema.parse(item)) })),
      deletes: [],
      replace: true,
      baseVersion: parsed.data.baseVersion ?? null,
      publishedBy: who.person?.workNumber ?? who.caller.agentId,
      note: parsed.data.note,
      at: now(),
    });
    if (outcome.kind === 'conflict') {
      throw new HttpError(409, 'version-conflict', `The catalogue is at version ${outcome.currentVersion}, not the one you edited; nothing was published.`, {
        currentVersion: outcome.currentVersion,
      });
    }
    // Work orders naming the new departments are accepted before desks can offer them.
    cataloguePublished();
    sendJson(res, 201, { version: outcome.version.version, upserted: outcome.version.upserted, deleted: outcome.version.deleted });
  }

  async function saveRecord(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const who = await signedIn(ctx, req);
    const record = await readBody(req, DispatchRecordSchema);
    await store.dispatch.saveRecord({ ...record, teamId: who.access.teamId, agentId: who.caller.agentId, recordedAt: now() });
    sendJson(res, 200, { saved: true });
  }

  async function addOutcome(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const who = await signedIn(ctx, req);
    // The centre's work-order staff (a centre token is a lead of its team), or a lead or admin by hand.
    requireRole(who.access, 'lead', 'admin');
    const report = await readBody(req, DispatchOutcomeReportSchema);
    const outcome = await store.dispatch.addOutcome(who.access.teamId, report, who.person?.workNumber ?? who.caller.agentId, now());
    sendJson(res, 201, outcome);
  }

  async function listOutcomes(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const who = await signedIn(ctx, req);
    const since = query.get('since') ?? '0';
    if (!/^(0|[1-9]\d{0,14})$/.test(since)) throw new HttpError(400, 'invalid-cursor', 'since must be a seq from this feed ("0" for the start).');
    const limit = intParam(query.get('limit'), OUTCOMES_LIMIT);
    const rows = await store.dispatch.outcomesAfter(who.access.teamId, Number(since), limit + 1);
    const outcomes = rows.slice(0, limit);
    const page: DispatchOutcomePage = { outcomes, nextSeq: outcomes.at(-1)?.seq ?? Number(since), hasMore: rows.length > limit };
    sendJson(res, 200, page);
  }

  async function accuracy(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const who = await signedIn(ctx, req);
    requireRole(who.access, 'lead', 'admin');
    const all = (await store.people.listTeams()).map((team) => team.id);
    // A lead's own team counts too (a centre token has no team row).
    const visible = [...new Set([...visibleTeams(who.access, all), ...(hasRole(who.access, 'lead') ? [who.access.teamId, ...who.access.leadsTeams] : [])])];
    const asked = query.getAll('team');
    // A team one may not see is answered like one with no dispatches.
    const teamIds = asked.length > 0 ? asked.filter((team) => visible.includes(team)) : visible;
    const to = timeParam(query.get('to'), now() + 1);
    const from = timeParam(query.get('from'), to - 30 * DAY_MS);
    if (from >= to) throw new HttpError(400, 'invalid-query', 'from must be before to.');
    const decided = await store.dispatch.decided(teamIds, from, to, ACCURACY_MAX_ROWS);
    const body: DispatchAccuracy = { teamIds, from, to, ...accuracyByCategory(decided) };
    sendJson(res, 200, body);
  }

  return async (req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<boolean> => {
    const method = req.method ?? '';
    const routes: Record<string, Record<string, () => Promise<void>>> = {
      [DISPATCH_CATALOGUE_PATH]: { GET: () => getCatalogue(req, res), POST: () => publishCatalogue(req, res) },
      [DISPATCH_RECORDS_PATH]: { POST: () => saveRecord(req, res) },
      [DISPATCH_OUTCOMES_PATH]: { GET: () => listOutcomes(req, res, query), POST: () => addOutcome(req, res) },
      [DISPATCH_ACCURACY_PATH]: { GET: () => accuracy(req, res, query) },
    };
    const route = routes[pathname];
    if (!route) return false;
    const handler = route[method];
    if (!handler) {
      const allowed = Object.keys(route).join(', ');
      throw new HttpError(405, 'method-not-allowed', `Use ${allowed}.`, {}, { allow: allowed });
    }
    await handler();
    return true;
  };
}

function intParam(raw: string | null, limits: { default: number; max: number }): number {
  if (raw === null) return limits.default;
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw new HttpError(400, 'invalid-query', 'limit must be a positive integer.');
  return Math.min(Number(raw), limits.max);
}

function timeParam(raw: string | null, fallback: number): number {
  if (raw === null) return fallback;
  if (!/^\d{1,15}$/.test(raw)) throw new HttpError(400, 'invalid-query', 'from and to are epoch milliseconds.');
  return Number(raw);
}

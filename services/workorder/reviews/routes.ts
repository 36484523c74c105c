import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import {
  CENTRE_CALLS_PATH,
  CallSummarySchema,
  CentreCallQuerySchema,
  PLAYBACKS_PATH,
  PlaybackQuerySchema,
  ReviewSaveSchema,
  ReviewShareSchema,
  SCORECARD_TEMPLATES_PATH,
  SHARED_REVIEWS_PATH,
  type CentreCall,
  type CentreCallPage,
} from '../../../src/shared/review/centre-review';
import { ScorecardTemplateSchema } from '../../../src/shared/scorecard/template';
import { HttpError, ifMatchVersion, readJsonBody, sendJson } from '../http';
import { requireRole, visibleTeams } from '../people/access';
import { signedIn, type PeopleContext, type SignedIn } from '../people/context';
import { DEFAULT_SIGN_IN_OPTIONS } from '../people/sign-in';
import type { WorkOrderStore } from '../store/store';
import { decodeCursor, encodeCursor, type CallFilter } from './call-list-sql';
import { isOwnCall, mayEditTemplates, mayReviewTeam, reviewTeams } from './review-access';

/** A review with 500 annotations and a full scorecard fits. */
const REVIEW_BODY_LIMIT = 1024 * 1024;
const TEMPLATE_BODY_LIMIT = 256 * 1024;
const SHARED_LIMIT = 200;

const CALL_ROUTE = /^\/v1\/reviews\/calls\/([0-9A-Za-z-]{8,64})\/(review|share)$/;
const TEMPLATE_VERSION_ROUTE = /^\/v1\/scorecards\/templates\/([a-z0-9][a-z0-9-]{0,63})\/versions\/([1-9]\d{0,8})$/;

/**
 * `/v1/reviews/*` and `/v1/scorecards/templates` (src/shared/review/centre-review.ts):
 * desks report their calls; trainers, quality inspectors and leads of a team
 * (and admins) search its calls, review and score them and share the review
 * with the agent, who sees only their own calls and their shared reviews;
 * admins and leads read the playback log; inspectors, trainers and admins
 * version the scorecard templates (review-access.ts).
 * False: the path is not one of these.
 */
export function reviewRoutes(store: WorkOrderStore, now: () => number) {
  const ctx: PeopleContext = { store, now, options: DEFAULT_SIGN_IN_OPTIONS };
  const reviews = store.reviews;
  const allTeams = async () => (await store.people.listTeams()).map((team) => team.id);

  async function reportCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const who = await signedIn(ctx, req);
    if (!who.person) throw new HttpError(403, 'forbidden', 'Calls are reported by a signed-in person, not by a desk token.');
    const call = await body(req, CallSummarySchema, REVIEW_BODY_LIMIT);
    const existing = await reviews.call(call.callId);
    if (existing && (existing.teamId !== who.access.teamId || existing.agentPersonId !== who.person.personId)) {
      throw new HttpError(409, 'call-taken', 'Another agent already reported a call with this id.');
    }
    await reviews.reportCall(who.access.teamId, who.person.personId, who.person.workNumber, call, now());
    sendJson(res, 200, { reported: true });
  }

  async function listCalls(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const who = await signedIn(ctx, req);
    const q = parse(CentreCallQuerySchema, Object.fromEntries(query), 400, 'invalid-query');
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    if (after === null) throw new HttpError(400, 'invalid-query', 'cursor must be the nextCursor of a page.');
    const filter: CallFilter = { ...q, after };
    let teams = reviewTeams(who.access, await allTeams());
    if (q.team !== undefined) {
      if (teams.includes(q.team)) teams = [q.team];
      else if (q.team === who.access.teamId) teams = [];
      else throw new HttpError(403, 'forbidden', 'Only a trainer, quality inspector or lead of this team, or an admin, may list its calls.');
    }
    if (teams.length === 0) {
      // An agent: their own calls only.
      if (!who.person) throw new HttpError(403, 'forbidden', 'Only a trainer, quality inspector or lead of a team, or an admin, may list its calls.');
      if (q.agent !== undefined && q.agent !== who.person.workNumber) {
        throw new HttpError(403, 'forbidden', 'An agent lists only their own calls.');
      }
      teams = [who.access.teamId];
      // The person, not also the work number: the two together mislead PostgreSQL's row estimate into sorting the agent's year.
      filter.agent = undefined;
      filter.agentPersonId = who.person.personId;
    }
    // Each team's page on its own index, then merged: one more than asked tells whether there is more.
    const pages = await Promise.all(teams.map((team) => reviews.listCalls(team, filter, q.limit + 1)));
    const merged = pages.flat().sort(newestFirst);
    const calls = merged.slice(0, q.limit);
    const page: CentreCallPage = { calls, nextCursor: merged.length > q.limit ? encodeCursor(calls.at(-1)!) : null };
    sendJson(res, 200, page);
  }

  async function listPlaybacks(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const who = await signedIn(ctx, req);
    requireRole(who.access, 'admin', 'lead');
    const q = parse(PlaybackQuerySchema, Object.fromEntries(query), 400, 'invalid-query');
    let teams = visibleTeams(who.access, await allTeams());
    if (q.team !== undefined) {
      if (!teams.includes(q.team)) throw new HttpError(403, 'forbidden', 'Only a lead of this team, or an admin, may read its playbacks.');
      teams = [q.team];
    }
    sendJson(res, 200, { playbacks: await reviews.playbacks(teams, { recording: q.recording, from: q.from, to: q.to, limit: q.limit }) });
  }

  /** The call, to someone who may review its team (403 otherwise; 404 when no desk reported it). */
  async function reviewable(who: SignedIn, callId: string): Promise<CentreCall> {
    const call = await reviews.call(callId);
    if (!call) throw new HttpError(404, 'not-found', 'No such call at the centre.');
    if (!mayReviewTeam(who.access, call.teamId)) throw new HttpError(403, 'forbidden', 'Only a trainer, quality inspector or lead of the team, or an admin, may review this call.');
    return call;
  }

  async function getReview(req: IncomingMessage, res: ServerResponse, callId: string): Promise<void> {
    const who = await signedIn(ctx, req);
    const call = await reviews.call(callId);
    if (!call) throw new HttpError(404, 'not-found', 'No such call at the centre.');
    const reviewer = mayReviewTeam(who.access, call.teamId);
    if (!reviewer && !isOwnCall(who.access, call)) throw new HttpError(403, 'forbidden', 'Only the agent, a trainer, quality inspector or lead of the team, or an admin, may read this review.');
    const review = await reviews.review(call.teamId, call.callId);
    if (!reviewer && (!review || review.sharedAt === null)) throw new HttpError(403, 'not-shared', 'This review has not been shared with you.');
    if (!review) throw new HttpError(404, 'no-review', 'This call has no review yet.');
    sendJson(res, 200, { call, review }, { etag: `"${review.version}"` });
  }

  async function saveReview(req: IncomingMessage, res: ServerResponse, callId: string): Promise<void> {
    const who = await signedIn(ctx, req);
    const call = await reviewable(who, callId);
    // The review version edited; null for the first save.
    const expected = ifMatchVersion(req);
    const save = await body(req, ReviewSaveSchema, REVIEW_BODY_LIMIT);
    const outcome = await reviews.saveReview(call, save, expected, who.person?.workNumber ?? who.caller.agentId, now());
    if (outcome.kind === 'conflict') {
      throw new HttpError(409, 'version-conflict', 'The review changed since you read it; here is the current copy.', { current: outcome.current });
    }
    sendJson(res, 200, outcome.review, { etag: `"${outcome.review.version}"` });
  }

  async function share(req: IncomingMessage, res: ServerResponse, callId: string): Promise<void> {
    const who = await signedIn(ctx, req);
    const call = await reviewable(who, callId);
    const { shared } = await body(req, ReviewShareSchema, 1024);
    if (!(await reviews.share(call.teamId, call.callId, shared, who.person?.workNumber ?? who.caller.agentId, now()))) {
      throw new HttpError(404, 'no-review', 'Save a review of this call before sharing it.');
    }
    sendJson(res, 200, await reviews.review(call.teamId, call.callId));
  }

  async function sharedWithMe(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const who = await signedIn(ctx, req);
    if (!who.person) throw new HttpError(403, 'forbidden', 'Shared reviews are read by a signed-in person.');
    sendJson(res, 200, { reviews: await reviews.sharedWith(who.person.personId, SHARED_LIMIT) });
  }

  async function listTemplates(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await signedIn(ctx, req);
    const all = await reviews.templates();
    const latest = new Map<string, (typeof all)[number]>();
    for (const stored of all) latest.set(stored.template.id, stored);
    sendJson(res, 200, {
      templates: [...latest.values()].map(({ template, createdBy, createdAt }) => ({ template, createdBy, createdAt })),
      versions: all.map(({ template, createdBy, createdAt }) => ({ id: template.id, version: template.version, createdBy, createdAt })),
    });
  }

  async function addTemplate(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const who = await signedIn(ctx, req);
    if (!mayEditTemplates(who.access)) {
      throw new HttpError(403, 'forbidden', 'Scorecard templates are edited by quality inspectors, trainers and admins.');
    }
    const template = await body(req, ScorecardTemplateSchema, TEMPLATE_BODY_LIMIT);
    if (!(await reviews.addTemplate(template, who.person?.workNumber ?? who.caller.agentId, now()))) {
      const latest = (await reviews.templates()).filter((stored) => stored.template.id === template.id).at(-1) ?? null;
      throw new HttpError(409, 'template-version', `Version ${template.version} is not the next version of ${template.id}; here is the latest.`, { current: latest });
    }
    sendJson(res, 201, { template });
  }

  async function getTemplateVersion(req: IncomingMessage, res: ServerResponse, id: string, version: number): Promise<void> {
    await signedIn(ctx, req);
    const stored = await reviews.template(id, version);
    if (!stored) throw new HttpError(404, 'not-found', 'No such template version.');
    sendJson(res, 200, stored);
  }

  return async (req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<boolean> => {
    const method = req.method ?? '';
    if (pathname === CENTRE_CALLS_PATH) {
      if (method === 'POST') await reportCall(req, res);
      else if (method === 'GET') await listCalls(req, res, query);
      else throw notAllowed('GET, POST');
      return true;
    }
    if (pathname === PLAYBACKS_PATH) {
      if (method !== 'GET') throw notAllowed('GET');
      await listPlaybacks(req, res, query);
      return true;
    }
    if (pathname === SHARED_REVIEWS_PATH) {
      if (method !== 'GET') throw notAllowed('GET');
      await sharedWithMe(req, res);
      return true;
    }
    const call = CALL_ROUTE.exec(pathname);
    if (call) {
      const callId = call[1]!;
      if (call[2] === 'share') {
        if (method !== 'POST') throw notAllowed('POST');
        await share(req, res, callId);
      } else if (method === 'GET') await getReview(req, res, callId);
      else if (method === 'PUT') await saveReview(req, res, callId);
      else throw notAllowed('GET, PUT');
      return true;
    }
    if (pathname === SCORECARD_TEMPLATES_PATH) {
      if (method === 'GET') await listTemplates(req, res);
      else if (method === 'POST') await addTemplate(req, res);
      else throw notAllowed('GET, POST');
      return true;
    }
    const version = TEMPLATE_VERSION_ROUTE.exec(pathname);
    if (version) {
      if (method !== 'GET') throw notAllowed('GET');
      await getTemplateVersion(req, res, version[1]!, Number(version[2]));
      return true;
    }
    return false;
  };
}

const newestFirst = (a: CentreCall, b: CentreCall) => b.startedAt - a.startedAt || (a.callId < b.callId ? 1 : a.callId > b.callId ? -1 : 0);

function notAllowed(methods: string): HttpError {
  return new HttpError(405, 'method-not-allowed', `Use ${methods}.`, {}, { allow: methods });
}

function parse<T>(schema: z.ZodType<T>, value: unknown, status: number, code: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new HttpError(status, code, status === 400 ? 'The query does not match its schema.' : 'The body does not match the schema; nothing was changed.', {
    issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code })),
  });
}

async function body<T>(req: IncomingMessage, schema: z.ZodType<T>, limit: number): Promise<T> {
  return parse(schema, await readJsonBody(req, limit), 422, 'invalid-payload');
}

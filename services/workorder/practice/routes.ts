import type { IncomingMessage, ServerResponse } from 'node:http';
import { IdempotencyKeySchema } from '../../../src/shared/domain/work-order';
import {
  PRACTICE_OVERVIEW_PATH,
  PRACTICE_RESULTS_PATH,
  PracticeResultSchema,
  scenarioProgress,
  type PracticeOverview,
  type StoredPracticeResult,
  type TraineeProgress,
} from '../../../src/shared/practice/result';
import { HttpError, sendJson } from '../http';
import type { WorkOrderStore } from '../store/store';
import { hasRole } from '../people/access';
import { readBody, signedIn, type PeopleContext, type SignedIn } from '../people/context';
import { DEFAULT_SIGN_IN_OPTIONS } from '../people/sign-in';

const RESULTS_LIMIT = { default: 200, max: 1_000 };
/** Results one overview reads (a centre's teams over months); the oldest beyond it are left out. */
const OVERVIEW_MAX_ROWS = 50_000;

const forbidden = () => new HttpError(403, 'forbidden', 'Practice results are seen by the trainee, their trainers and leads, and admins.');

/**
 * The teams whose trainees' practice the caller may see: an admin every team;
 * a trainer or lead their own team and the teams they lead or train (a
 * trainer's are kept in the person's led teams); anyone else none (only their own results).
 */
async function trainingTeams(store: WorkOrderStore, who: SignedIn): Promise<string[] | null> {
  if (hasRole(who.access, 'admin')) return (await store.people.listTeams()).map((team) => team.id);
  if (!hasRole(who.access, 'lead') && !hasRole(who.access, 'trainer')) return null;
  return [...new Set([who.access.teamId, ...who.access.leadsTeams, ...(who.person?.leadsTeams ?? [])])];
}

/**
 * `/v1/practice/*` (issue 14): each finished practice call's result from the
 * trainee's desk, stored once (idempotency key), apart from work orders and
 * never in their statistics; a trainee reads their own, a trainer or lead
 * their teams', an admin all; anyone else 403. False: not one of these paths.
 */
export function practiceRoutes(store: WorkOrderStore, now: () => number) {
  const ctx: PeopleContext = { store, now, options: DEFAULT_SIGN_IN_OPTIONS };

  async function save(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const who = await signedIn(ctx, req);
    const rawKey = req.headers['idempotency-key'];
    if (typeof rawKey !== 'string' || !IdempotencyKeySchema.safeParse(rawKey).success) {
      throw new HttpError(400, 'invalid-idempotency-key', 'Send an Idempotency-Key header (a UUID made with the result).');
    }
    const result = await readBody(req, PracticeResultSchema);
    const outcome = await store.practice.save({
      idempotencyKey: rawKey.toLowerCase(),
      teamId: who.access.teamId,
      agentId: who.caller.agentId,
      receivedAt: now(),
      result,
    });
    if (outcome === 'key-reused') throw new HttpError(422, 'idempotency-key-reused', 'This Idempotency-Key was used for another practice call; nothing was stored.');
    sendJson(res, outcome === 'stored' ? 201 : 200, { stored: outcome === 'stored' }, outcome === 'replayed' ? { 'idempotent-replayed': 'true' } : {});
  }

  async function list(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const who = await signedIn(ctx, req);
    const agent = query.get('agent') ?? who.caller.agentId;
    const limit = intParam(query.get('limit'), RESULTS_LIMIT);
    if (agent === who.caller.agentId) {
      sendJson(res, 200, { results: await store.practice.ofAgent(agent, limit) });
      return;
    }
    const teams = await trainingTeams(store, who);
    if (teams === null) throw forbidden();
    const person = await store.people.personByWorkNumber(agent);
    if (person && !teams.includes(person.teamId)) throw forbidden();
    const results = (await store.practice.ofAgent(agent, limit)).filter((result) => teams.includes(result.teamId));
    if (!person && results.length === 0) throw forbidden();
    sendJson(res, 200, { results });
  }

  async function overview(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const who = await signedIn(ctx, req);
    const visible = await trainingTeams(store, who);
    if (visible === null) throw forbidden();
    const asked = query.getAll('team');
    const teamIds = asked.length > 0 ? asked.filter((team) => visible.includes(team)) : visible;
    const results = await store.practice.ofTeams(teamIds, OVERVIEW_MAX_ROWS);
    const byAgent = new Map<string, StoredPracticeResult[]>();
    for (const result of results) byAgent.set(result.agent, [...(byAgent.get(result.agent) ?? []), result]);
    const trainees: TraineeProgress[] = [];
    const listed = new Set<string>();
    for (const teamId of teamIds) {
      for (const person of await store.people.listPeople(teamId)) {
        if (person.disabledAt !== null || !person.roles.includes('agent')) continue;
        listed.add(person.workNumber);
        const own = byAgent.get(person.workNumber) ?? [];
        trainees.push({ agent: person.workNumber, name: person.name, teamId, lastAt: latestOf(own), scenarios: scenarioProgress(own) });
      }
    }
    // Desk tokens with no person behind them still practise.
    for (const [agent, own] of byAgent) {
      if (!listed.has(agent)) trainees.push({ agent, name: '', teamId: own[0]!.teamId, lastAt: latestOf(own), scenarios: scenarioProgress(own) });
    }
    trainees.sort((a, b) => a.teamId.localeCompare(b.teamId) || a.agent.localeCompare(b.agent));
    const body: PracticeOverview = { teamIds, trainees };
    sendJson(res, 200, body);
  }

  return async (req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<boolean> => {
    const routes: Record<string, Record<string, () => Promise<void>>> = {
      [PRACTICE_RESULTS_PATH]: { POST: () => save(req, res), GET: () => list(req, res, query) },
      [PRACTICE_OVERVIEW_PATH]: { GET: () => overview(req, res, query) },
    };
    const route = routes[pathname];
    if (!route) return false;
    const handler = route[req.method ?? ''];
    if (!handler) {
      const allowed = Object.keys(route).join(', ');
      throw new HttpError(405, 'method-not-allowed', `Use ${allowed}.`, {}, { allow: allowed });
    }
    await handler();
    return true;
  };
}

function latestOf(results: readonly StoredPracticeResult[]): number | null {
  return results.length === 0 ? null : Math.max(...results.map((result) => result.endedAt));
}

function intParam(raw: string | null, limits: { default: number; max: number }): number {
  if (raw === null) return limits.default;
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw new HttpError(400, 'invalid-query', 'limit must be a positive integer.');
  return Math.min(Number(raw), limits.max);
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  EndRequestSchema,
  GrantRequestSchema,
  MONITOR_END_PATH,
  MONITOR_GRANT_TTL_S,
  MONITOR_GRANTS_PATH,
  MONITOR_KEY_PATH,
  MONITOR_LOG_PATH,
  MONITOR_REDEEM_PATH,
  MONITOR_SETTINGS_PATH,
  MonitorSettingsSchema,
  RedeemRequestSchema,
  shownToAgent,
  type GrantReply,
  type MonitorLogEntry,
  type RedeemReply,
  type RefusalReason,
} from '../../../src/shared/domain/monitor';
import { HttpError, sendJson } from '../http';
import type { WorkOrderStore } from '../store/store';
import { hasRole, requireRole } from '../people/access';
import { readBody, signedIn, type PeopleContext } from '../people/context';
import { DEFAULT_SIGN_IN_OPTIONS } from '../people/sign-in';
import { GrantSigner } from './grant-signer';

export interface MonitorOptions {
  /** Seconds a grant stays good (default MONITOR_GRANT_TTL_S). */
  grantTtlS: number;
}

const LOG_LIMIT = { default: 100, max: 1_000 };

/**
 * Listen / whisper / barge / take over (README "Monitor"): grants signed by
 * the service, redeemed once by the agent's desk named in them, every step in
 * the central monitor log. Returns false when the path is not one of these.
 */
export function monitorRoutes(store: WorkOrderStore, now: () => number, options: Partial<MonitorOptions> = {}) {
  const ctx: PeopleContext = { store, now, options: DEFAULT_SIGN_IN_OPTIONS };
  const signer = new GrantSigner(store.monitor);
  const ttlS = options.grantTtlS ?? MONITOR_GRANT_TTL_S;

  const log = (entry: Omit<MonitorLogEntry, 'id' | 'at'>) => store.monitor.log({ id: randomUUID(), at: now(), ...entry });

  const refuse = (reason: RefusalReason, message: string) =>
    new HttpError(403, 'monitor-refused', message, { reason });

  async function grant(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { person, access } = await signedIn(ctx, req);
    requireRole(access, 'lead');
    if (!person) throw new HttpError(403, 'forbidden', 'A monitor grant is asked for by a signed-in lead, not by a desk token.');
    const body = await readBody(req, GrantRequestSchema);
    const agent = await store.people.personById(body.agentPersonId);
    if (!agent || agent.disabledAt !== null || !agent.roles.includes('agent')) throw new HttpError(404, 'not-found', 'No such agent.');
    if (agent.personId === person.personId) throw new HttpError(422, 'self-monitor', 'A lead does not monitor their own calls.');
    if (!access.leadsTeams.includes(agent.teamId)) {
      await log({ kind: 'refused', teamId: agent.teamId, leadPersonId: person.personId, agentPersonId: agent.personId, callId: body.callId, mode: body.mode, jti: null, reason: 'other-team' });
      throw refuse('other-team', 'You do not lead this agent\u2019s team.');
    }
    const at = now();
    const signed = await signer.sign(
      { sub: person.personId, agent: agent.personId, team: agent.teamId, call: body.callId, mode: body.mode, leadName: person.name, leadWorkNumber: person.workNumber },
      at,
      ttlS,
    );
    await store.monitor.recordGrant({
      jti: signed.jti, teamId: agent.teamId, leadPersonId: person.personId, agentPersonId: agent.personId,
      callId: body.callId, mode: body.mode, issuedAt: at, expiresAt: signed.expiresAt,
    });
    await log({ kind: 'granted', teamId: agent.teamId, leadPersonId: person.personId, agentPersonId: agent.personId, callId: body.callId, mode: body.mode, jti: signed.jti, reason: null });
    const reply: GrantReply = { grant: signed.token, jti: signed.jti, mode: body.mode, expiresAt: signed.expiresAt, agentSipUri: agent.sip?.uri ?? null };
    sendJson(res, 201, reply);
  }

  async function redeem(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { person } = await signedIn(ctx, req);
    if (!person) throw new HttpError(403, 'forbidden', 'A grant is redeemed by the signed-in agent it names.');
    const body = await readBody(req, RedeemRequestSchema);
    const base = { teamId: person.teamId, agentPersonId: person.personId, callId: body.callId, mode: body.mode };
    const refused = async (reason: RefusalReason, leadPersonId: string | null, jti: string | null, message: string) => {
      await log({ ...base, kind: 'refused', leadPersonId, jti, reason });
      return refuse(reason, message);
    };
    const outcome = await signer.verify(body.grant, now());
    if (!outcome.ok) throw await refused(outcome.reason, null, null, `The grant is not valid (${outcome.reason}).`);
    const claims = outcome.claims;
    // A genuine grant is used up by its first presentation, whatever follows: a stolen or misdirected one never gets a second try.
    const used = await store.monitor.redeem(claims.jti, now());
    if (used !== 'redeemed') throw await refused(used === 'replayed' ? 'replayed' : 'malformed', claims.sub, claims.jti, 'The grant was already used.');
    if (claims.agent !== person.personId) throw await refused('wrong-agent', claims.sub, claims.jti, 'The grant names another agent.');
    if (claims.call !== body.callId) throw await refused('wrong-call', claims.sub, claims.jti, 'The grant names another call.');
    if (claims.mode !== body.mode) throw await refused('wrong-mode', claims.sub, claims.jti, 'The grant is for another mode.');
    // The lead must still lead the agent's team now (a lead moved off the team since the grant is refused).
    const lead = await store.people.personById(claims.sub);
    const leads = lead !== null && lead.disabledAt === null && lead.roles.includes('lead') && lead.leadsTeams.includes(person.teamId);
    if (claims.team !== person.teamId || !leads) throw await refused('other-team', claims.sub, claims.jti, 'The lead does not lead this team.');
    const kind = claims.mode === 'takeover' ? 'taken-over' : body.change ? 'mode-changed' : 'started';
    await log({ ...base, kind, leadPersonId: claims.sub, jti: claims.jti, reason: null });
    const settings = await store.monitor.settings();
    const reply: RedeemReply = {
      mode: claims.mode,
      jti: claims.jti,
      lead: { personId: claims.sub, name: claims.leadName, workNumber: claims.leadWorkNumber },
      showToAgent: shownToAgent(claims.mode, settings.showListenToAgent),
    };
    sendJson(res, 200, reply);
  }

  async function end(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { person } = await signedIn(ctx, req);
    if (!person) throw new HttpError(403, 'forbidden', 'A monitor session is ended by one of its desks.');
    const body = await readBody(req, EndRequestSchema);
    const issued = await store.monitor.grant(body.jti);
    // Only the lead or the agent of that grant may close its session.
    if (!issued || issued.callId !== body.callId || (issued.leadPersonId !== person.personId && issued.agentPersonId !== person.personId)) {
      throw new HttpError(404, 'not-found', 'No such monitor session.');
    }
    // Both desks say it ended: one entry per grant (its id is the grant's).
    await store.monitor.log({ id: `ended:${issued.jti}`, at: now(), kind: 'ended', teamId: issued.teamId, leadPersonId: issued.leadPersonId, agentPersonId: issued.agentPersonId, callId: issued.callId, mode: issued.mode, jti: issued.jti, reason: null });
    sendJson(res, 200, { ended: true });
  }

  async function readLog(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const { access } = await signedIn(ctx, req);
    requireRole(access, 'lead', 'admin');
    const all = (await store.people.listTeams()).map((team) => team.id);
    const teams = hasRole(access, 'admin') ? all : all.filter((team) => access.leadsTeams.includes(team));
    const raw = query.get('limit');
    if (raw !== null && !/^[1-9]\d{0,5}$/.test(raw)) throw new HttpError(400, 'invalid-query', 'limit must be a positive integer.');
    const limit = Math.min(raw === null ? LOG_LIMIT.default : Number(raw), LOG_LIMIT.max);
    sendJson(res, 200, { entries: await store.monitor.listLog(teams, limit) });
  }

  async function settings(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { access } = await signedIn(ctx, req);
    if (req.method === 'PUT') {
      requireRole(access, 'admin');
      const body = await readBody(req, MonitorSettingsSchema);
      await store.monitor.saveSettings(body, now());
    }
    sendJson(res, 200, await store.monitor.settings());
  }

  const only = (req: IncomingMessage, methods: string[]) => {
    if (!methods.includes(req.method ?? '')) {
      throw new HttpError(405, 'method-not-allowed', `Use ${methods.join(', ')}.`, {}, { allow: methods.join(', ') });
    }
  };

  return async (req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): Promise<boolean> => {
    switch (pathname) {
      case MONITOR_KEY_PATH:
        only(req, ['GET']);
        // Public: the desks verify grants with it; caching for a while is fine (the pair is kept for good).
        sendJson(res, 200, await signer.publicKey(), { 'cache-control': 'public, max-age=300' });
        return true;
      case MONITOR_GRANTS_PATH:
        only(req, ['POST']);
        await grant(req, res);
        return true;
      case MONITOR_REDEEM_PATH:
        only(req, ['POST']);
        await redeem(req, res);
        return true;
      case MONITOR_END_PATH:
        only(req, ['POST']);
        await end(req, res);
        return true;
      case MONITOR_LOG_PATH:
        only(req, ['GET']);
        await readLog(req, res, query);
        return true;
      case MONITOR_SETTINGS_PATH:
        only(req, ['GET', 'PUT']);
        await settings(req, res);
        return true;
      default:
        return false;
    }
  };
}

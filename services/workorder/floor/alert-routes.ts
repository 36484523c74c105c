import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AlertPolicySchema,
  AlertRaiseSchema,
  FLOOR_ALERT_POLICY_PATH,
  FLOOR_ALERTS_PATH,
  FLOOR_DETAIL_PATH,
  FloorDetailReportSchema,
  type AlertPolicy,
  type FloorAlert,
} from '../../../src/shared/domain/floor';
import { HttpError, sendJson } from '../http';
import type { WorkOrderStore } from '../store/store';
import { canSeeTeam, hasRole, requireRole, visibleTeams } from '../people/access';
import { readBody, signedIn, type PeopleContext, type SignedIn } from '../people/context';
import { DEFAULT_SIGN_IN_OPTIONS } from '../people/sign-in';
import { maskPhone } from './view';

export interface AlertOptions {
  /** Without a centre policy: an alert nobody acknowledged goes to the duty managers after this. */
  escalateAfterMs: number;
  /** How often each instance looks for alerts due to escalate. */
  sweepEveryMs: number;
  /** Alerts shown with the floor: raised within this window. */
  recentMs: number;
}

export const DEFAULT_ALERT_OPTIONS: AlertOptions = { escalateAfterMs: 30_000, sweepEveryMs: 1_000, recentMs: 60 * 60_000 };

const ALERT_BY_ID = new RegExp(`^${FLOOR_ALERTS_PATH}/([0-9a-f-]{36})(/ack)?$`);
const DETAIL_OF = new RegExp(`^${FLOOR_DETAIL_PATH}/([A-Za-z0-9_-]{1,80})$`);
/** Escalated per sweep (bounds one sweep's time; the rest wait a sweep). */
const ESCALATE_BATCH = 100;

/**
 * Emergencies (紧急上报), the agent's live detail and the centre's alert policy.
 * An alert is a row of its own (who acknowledged it first is a conditional
 * UPDATE, so two leads clicking at once cannot both win) and every change to it
 * is an `alert` event on the floor stream, so it reaches every lead of the team
 * on every instance. Each instance sweeps for alerts past their escalate time;
 * the UPDATE marks each once (SKIP LOCKED on PostgreSQL), and an escalated alert
 * also goes to the duty managers' streams whatever their teams.
 */
export function alertService(store: WorkOrderStore, now: () => number, options: Partial<AlertOptions>, log: (line: string) => void) {
  const config = { ...DEFAULT_ALERT_OPTIONS, ...options };
  const ctx: PeopleContext = { store, now, options: DEFAULT_SIGN_IN_OPTIONS };
  let sweeping: Promise<void> | null = null;

  async function policy(): Promise<AlertPolicy> {
    return (await store.floor.alertPolicy()) ?? { dutyManagers: [], escalateAfterSeconds: Math.max(1, Math.round(config.escalateAfterMs / 1000)) };
  }

  async function sweep(): Promise<void> {
    const due = await store.floor.escalateDue(now(), ESCALATE_BATCH);
    for (const alert of due) {
      await store.floor.appendAlertEvent(alert, now());
      log(`floor alert ${alert.id} of ${alert.agent.workNumber}: nobody acknowledged, escalated to the duty managers`);
    }
  }
  const sweepTimer = setInterval(() => {
    sweeping ??= sweep()
      .catch((error: unknown) => log(`floor alert sweep failed: ${(error as Error)?.message ?? error}`))
      .finally(() => {
        sweeping = null;
      });
  }, config.sweepEveryMs);
  sweepTimer.unref();

  const isDutyManager = async (who: SignedIn) => who.person !== null && (await policy()).dutyManagers.includes(who.person.workNumber);

  /** A lead of the alert's team, an admin, or (once escalated) a duty manager. */
  async function mayHandle(who: SignedIn, alert: FloorAlert): Promise<boolean> {
    if (hasRole(who.access, 'admin')) return true;
    if (hasRole(who.access, 'lead') && canSeeTeam(who.access, alert.teamId)) return true;
    return alert.escalatedAt !== null && (await isDutyManager(who));
  }

  async function raise(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { person, access } = await signedIn(ctx, req);
    if (!person) throw new HttpError(403, 'forbidden', 'An emergency is raised by a signed-in person, not by a desk token.');
    requireRole(access, 'agent');
    const body = await readBody(req, AlertRaiseSchema);
    const existing = await store.floor.openAlertOf(person.personId, body.callId);
    if (existing) {
      sendJson(res, 200, { alert: existing });
      return;
    }
    const at = now();
    const { escalateAfterSeconds } = await policy();
    const alert: FloorAlert = {
      id: randomUUID(),
      teamId: person.teamId,
      agent: { personId: person.personId, workNumber: person.workNumber, name: person.name },
      callId: body.callId,
      callerNumber: maskPhone(body.callerNumber),
      reason: body.reason,
      matchedTerms: body.matchedTerms,
      draft: body.draft,
      raisedAt: at,
      escalateAt: at + escalateAfterSeconds * 1000,
      acknowledgedBy: null,
      acknowledgedAt: null,
      escalatedAt: null,
    };
    await store.floor.insertAlert(alert);
    await store.floor.appendAlertEvent(alert, at);
    sendJson(res, 201, { alert });
  }

  async function readAlert(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const who = await signedIn(ctx, req);
    const alert = await store.floor.alertById(id);
    // Someone else's alert reads like a missing one.
    if (!alert || (alert.agent.personId !== who.person?.personId && !(await mayHandle(who, alert)))) {
      throw new HttpError(404, 'not-found', 'No such alert.');
    }
    sendJson(res, 200, { alert });
  }

  async function acknowledge(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const who = await signedIn(ctx, req);
    if (!who.person) throw new HttpError(403, 'forbidden', 'An alert is acknowledged by a signed-in person.');
    const found = await store.floor.alertById(id);
    if (!found || !(await mayHandle(who, found))) {
      if (found && canSeeTeam(who.access, found.teamId)) throw new HttpError(403, 'forbidden', 'This needs the role lead.');
      throw new HttpError(404, 'not-found', 'No such alert.');
    }
    const at = now();
    const by = { personId: who.person.personId, workNumber: who.person.workNumber, name: who.person.name };
    const first = await store.floor.acknowledgeAlert(id, by, at);
    const alert = (await store.floor.alertById(id)) as FloorAlert;
    if (first) await store.floor.appendAlertEvent(alert, at);
    sendJson(res, 200, { alert, first });
  }

  async function postDetail(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { person, access } = await signedIn(ctx, req);
    if (!person) throw new HttpError(403, 'forbidden', 'The detail is reported by a signed-in person.');
    requireRole(access, 'agent');
    const body = await readBody(req, FloorDetailReportSchema);
    await store.floor.saveDetail(person.teamId, { ...body, personId: person.personId, reportedAt: now() });
    res.writeHead(204).end();
  }

  async function readDetail(req: IncomingMessage, res: ServerResponse, personId: string): Promise<void> {
    const who = await signedIn(ctx, req);
    requireRole(who.access, 'lead', 'admin');
    const person = await store.people.personById(personId);
    if (!person || !canSeeTeam(who.access, person.teamId)) throw new HttpError(404, 'not-found', 'No such agent on your floor.');
    sendJson(res, 200, { detail: await store.floor.detailOf(personId) });
  }

  async function policyRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const who = await signedIn(ctx, req);
    if (req.method === 'GET') {
      requireRole(who.access, 'lead', 'admin');
      sendJson(res, 200, { policy: await policy() });
      return;
    }
    requireRole(who.access, 'admin');
    const next = await readBody(req, AlertPolicySchema);
    await store.floor.setAlertPolicy(next, now());
    sendJson(res, 200, { policy: next });
  }

  const method = (req: IncomingMessage, methods: string[]) => {
    if (!methods.includes(req.method ?? '')) {
      throw new HttpError(405, 'method-not-allowed', `Use ${methods.join(', ')}.`, {}, { allow: methods.join(', ') });
    }
  };

  return {
    /** The alerts a lead's floor shows: their teams' recent ones, and every escalated one for a duty manager. */
    async alertsFor(who: SignedIn, allTeams: readonly string[]): Promise<FloorAlert[]> {
      const teams = visibleTeams(who.access, allTeams);
      return store.floor.recentAlerts(teams, now() - config.recentMs, await isDutyManager(who), 200);
    },
    isDutyManager,
    async routes(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
      if (pathname === FLOOR_ALERTS_PATH) {
        method(req, ['POST']);
        await raise(req, res);
        return true;
      }
      const byId = ALERT_BY_ID.exec(pathname);
      if (byId) {
        const id = byId[1] as string;
        if (byId[2]) {
          method(req, ['POST']);
          await acknowledge(req, res, id);
        } else {
          method(req, ['GET']);
          await readAlert(req, res, id);
        }
        return true;
      }
      if (pathname === FLOOR_DETAIL_PATH) {
        method(req, ['POST']);
        await postDetail(req, res);
        return true;
      }
      const detail = DETAIL_OF.exec(pathname);
      if (detail) {
        method(req, ['GET']);
        await readDetail(req, res, detail[1] as string);
        return true;
      }
      if (pathname === FLOOR_ALERT_POLICY_PATH) {
        method(req, ['GET', 'PUT']);
        await policyRoute(req, res);
        return true;
      }
      return false;
    },
    async close(): Promise<void> {
      clearInterval(sweepTimer);
      await sweeping;
    },
  };
}

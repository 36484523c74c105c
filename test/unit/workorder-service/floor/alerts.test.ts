import { afterEach, describe, expect, it } from 'vitest';
import { SIGN_IN_PATH } from '../../../../src/shared/domain/centre/sign-in';
import {
  FLOOR_ALERT_POLICY_PATH,
  FLOOR_ALERTS_PATH,
  FLOOR_DETAIL_PATH,
  FLOOR_PATH,
  FLOOR_STATE_PATH,
  type AlertRaise,
  type FloorAlert,
} from '../../../../src/shared/domain/floor';
import { runAdminCommand } from '../../../../services/workorder/admin-commands';
import { STORE_KINDS, startFixture, type Fixture, type StoreKind } from '../fixture';
import { PASSWORDS, io, seedCentre } from '../people/seed';
import { openFloorStream } from './sse';

type Stream = Awaited<ReturnType<typeof openFloorStream>>;

const RAISE: AlertRaise = {
  callId: 'call-1',
  callerNumber: '13812345678',
  reason: 'danger-word',
  matchedTerms: ['煤气'],
  draft: { summary: '闻到煤气味', description: '楼道里煤气味很重', address: '幸福路 3 号', category: '' },
};

let open: { fx: Fixture; streams: Stream[] } | null = null;
afterEach(async () => {
  if (!open) return;
  await Promise.all(open.streams.map((s) => s.close()));
  await open.fx.close();
  open = null;
});

/**
 * The people seed (agent 0307 of team a; lead 0401 of a, also leading b; admin
 * 9001; agent 0501 of b) plus agent 0601 of team c and 0701, a lead of team c
 * only, who is the duty manager when a test sets the policy.
 */
async function centre(kind: StoreKind, instances = 1) {
  const fx = await startFixture({ admission: false, retention: false, floor: { alerts: { sweepEveryMs: 100 } } }, kind, instances);
  const store = await fx.openStore();
  try {
    await seedCentre(store);
    const add = (argv: string[], pw: string) => runAdminCommand(store, argv, Date.now(), io(`${pw}\n`));
    await add(['create-person', '--work-number', '0601', '--name', '孙丽', '--team', 'team-c', '--roles', 'agent', '--password-stdin'], 'agent-0601-pw');
    await add(['create-person', '--work-number', '0701', '--name', '值班经理', '--team', 'team-c', '--roles', 'lead', '--password-stdin'], 'duty-0701-pw');
  } finally {
    await store.close();
  }
  const signIn = async (workNumber: string, password: string) => {
    const reply = await fx.as(null)('POST', SIGN_IN_PATH, { body: { workNumber, password, deskId: `desk-${workNumber}` } });
    expect(reply.status).toBe(200);
    return reply.body.token as string;
  };
  const tokens = {
    agent: await signIn('0307', PASSWORDS.agent),
    lead: await signIn('0401', PASSWORDS.lead),
    admin: await signIn('9001', PASSWORDS.admin),
    agentC: await signIn('0601', 'agent-0601-pw'),
    duty: await signIn('0701', 'duty-0701-pw'),
  };
  const streams: Stream[] = [];
  open = { fx, streams };
  const stream = async (token: string, instance = 0) => {
    const s = await openFloorStream(fx.urls[instance] as string, token);
    streams.push(s);
    expect(s.status).toBe(200);
    return s;
  };
  const alertsOf = (s: Stream) => s.events.filter((e) => e.event === 'alert').map((e) => JSON.parse(e.data).alert as FloorAlert);
  return { fx, tokens, stream, alertsOf };
}

describe.each(STORE_KINDS)('emergencies on the floor on %s', (kind) => {
  it('an alert pops on the lead\'s stream at once; the first to acknowledge is recorded, a second is told who; the agent reads who took it', async () => {
    const { fx, tokens, stream, alertsOf } = await centre(kind);
    const lead = await stream(tokens.lead);
    const admin = await stream(tokens.admin);

    const raised = await fx.as(tokens.agent)('POST', FLOOR_ALERTS_PATH, { body: RAISE });
    expect(raised.status).toBe(201);
    const alert = raised.body.alert as FloorAlert;
    expect(alert).toMatchObject({ agent: { workNumber: '0307', name: '李娜' }, callerNumber: '138****5678', draft: { summary: '闻到煤气味' }, acknowledgedBy: null });
    // Raising twice on the same call gives the same alert.
    expect((await fx.as(tokens.agent)('POST', FLOOR_ALERTS_PATH, { body: RAISE })).body.alert.id).toBe(alert.id);

    await lead.until(() => alertsOf(lead).some((a) => a.id === alert.id), 'the alert on the lead\'s stream');
    await admin.until(() => alertsOf(admin).some((a) => a.id === alert.id), 'the alert on the admin\'s stream');
    expect(JSON.stringify(lead.events)).not.toContain('13812345678');

    // An agent cannot acknowledge; a lead of another team cannot see it.
    expect((await fx.as(tokens.agentC)('POST', `${FLOOR_ALERTS_PATH}/${alert.id}/ack`)).status).toBe(404);
    expect((await fx.as(tokens.duty)('POST', `${FLOOR_ALERTS_PATH}/${alert.id}/ack`)).status).toBe(404);

    const [first, second] = [
      await fx.as(tokens.lead)('POST', `${FLOOR_ALERTS_PATH}/${alert.id}/ack`),
      await fx.as(tokens.admin)('POST', `${FLOOR_ALERTS_PATH}/${alert.id}/ack`),
    ];
    expect(first.body).toMatchObject({ first: true, alert: { acknowledgedBy: { workNumber: '0401', name: '王班长' } } });
    expect(second.body).toMatchObject({ first: false, alert: { acknowledgedBy: { workNumber: '0401' } } });
    await admin.until(() => alertsOf(admin).some((a) => a.id === alert.id && a.acknowledgedBy?.workNumber === '0401'), 'who took it, on the other stream');

    // The agent sees that a lead acknowledged; the floor lists the alert.
    expect((await fx.as(tokens.agent)('GET', `${FLOOR_ALERTS_PATH}/${alert.id}`)).body.alert.acknowledgedBy.name).toBe('王班长');
    expect((await fx.as(tokens.agentC)('GET', `${FLOOR_ALERTS_PATH}/${alert.id}`)).status).toBe(404);
    const floor = (await fx.as(tokens.lead)('GET', FLOOR_PATH)).body;
    expect(floor.alerts.map((a: FloorAlert) => a.id)).toEqual([alert.id]);
    expect(typeof floor.serverTime).toBe('number');
  });

  it('an alert of team c never reaches the lead of teams a and b', async () => {
    const { fx, tokens, stream, alertsOf } = await centre(kind);
    const lead = await stream(tokens.lead);
    const duty = await stream(tokens.duty);
    const raised = (await fx.as(tokens.agentC)('POST', FLOOR_ALERTS_PATH, { body: RAISE })).body.alert as FloorAlert;
    await duty.until(() => alertsOf(duty).some((a) => a.id === raised.id), 'team c\'s alert on its lead');
    const marker = await fx.as(tokens.agent)('POST', FLOOR_STATE_PATH, { body: { agentState: 'ready', since: Date.now(), callPhase: 'idle' } });
    await lead.until(() => lead.events.some((e) => e.id === marker.body.eventId), 'a later state');
    expect(alertsOf(lead)).toEqual([]);
    expect((await fx.as(tokens.lead)('GET', FLOOR_PATH)).body.alerts).toEqual([]);
  });

  it('nobody acknowledges: after the policy\'s bound the alert is escalated to the duty managers, whatever their teams', async () => {
    const { fx, tokens, stream, alertsOf } = await centre(kind);
    expect((await fx.as(tokens.lead)('PUT', FLOOR_ALERT_POLICY_PATH, { body: { dutyManagers: ['0701'], escalateAfterSeconds: 1 } })).status).toBe(403);
    const set = await fx.as(tokens.admin)('PUT', FLOOR_ALERT_POLICY_PATH, { body: { dutyManagers: ['0701'], escalateAfterSeconds: 1 } });
    expect(set.status).toBe(200);
    const duty = await stream(tokens.duty);
    const lead = await stream(tokens.lead);
    const raisedAt = Date.now();
    const alert = (await fx.as(tokens.agent)('POST', FLOOR_ALERTS_PATH, { body: RAISE })).body.alert as FloorAlert;
    await duty.until(() => alertsOf(duty).some((a) => a.id === alert.id && a.escalatedAt !== null), 'the escalated alert on the duty manager', 5_000);
    const escalated = alertsOf(duty).find((a) => a.id === alert.id) as FloorAlert;
    expect(escalated.escalatedAt! - raisedAt).toBeGreaterThanOrEqual(1_000);
    // The team's lead sees it escalated too; the duty manager may now acknowledge it.
    await lead.until(() => alertsOf(lead).some((a) => a.escalatedAt !== null), 'the escalation on the lead');
    const ack = await fx.as(tokens.duty)('POST', `${FLOOR_ALERTS_PATH}/${alert.id}/ack`);
    expect(ack.body).toMatchObject({ first: true, alert: { acknowledgedBy: { workNumber: '0701' } } });
    // Escalated once only.
    expect(alertsOf(duty).filter((a) => a.id === alert.id && a.escalatedAt !== null && a.acknowledgedBy === null)).toHaveLength(1);
  });

  it('the agent\'s draft as typed is kept for the lead of the team only', async () => {
    const { fx, tokens } = await centre(kind);
    const draft = { callId: 'call-9', draft: { summary: '路灯不亮', description: '幸福路路灯坏了三天', address: '', category: '' } };
    expect((await fx.as(tokens.agent)('POST', FLOOR_DETAIL_PATH, { body: draft })).status).toBe(204);
    const floor = (await fx.as(tokens.lead)('GET', FLOOR_PATH)).body;
    const personId = floor.agents.find((a: { workNumber: string }) => a.workNumber === '0307').personId as string;
    const read = await fx.as(tokens.lead)('GET', `${FLOOR_DETAIL_PATH}/${personId}`);
    expect(read.body.detail).toMatchObject({ callId: 'call-9', draft: { summary: '路灯不亮' } });
    expect((await fx.as(tokens.duty)('GET', `${FLOOR_DETAIL_PATH}/${personId}`)).status).toBe(404);
    expect((await fx.as(tokens.agentC)('GET', `${FLOOR_DETAIL_PATH}/${personId}`)).status).toBe(403);
    expect((await fx.as(tokens.agent)('POST', FLOOR_DETAIL_PATH, { body: { callId: 'x', draft: null, extra: 1 } })).status).toBe(422);
  });
});

describe('emergencies across two service instances on one PostgreSQL', () => {
  it('raised through instance A, shown to leads on A and B; two leads acknowledging at once: exactly one is first', async () => {
    const { fx, tokens, stream, alertsOf } = await centre('postgres', 2);
    const onA = await stream(tokens.admin, 0);
    const onB = await stream(tokens.lead, 1);
    const alert = (await fx.as(tokens.agent, 0)('POST', FLOOR_ALERTS_PATH, { body: RAISE })).body.alert as FloorAlert;
    await onB.until(() => alertsOf(onB).some((a) => a.id === alert.id), 'the alert on instance B');
    await onA.until(() => alertsOf(onA).some((a) => a.id === alert.id), 'the alert on instance A');
    const replies = await Promise.all([
      fx.as(tokens.lead, 1)('POST', `${FLOOR_ALERTS_PATH}/${alert.id}/ack`),
      fx.as(tokens.admin, 0)('POST', `${FLOOR_ALERTS_PATH}/${alert.id}/ack`),
    ]);
    expect(replies.map((r) => r.body.first).sort()).toEqual([false, true]);
    const winner = replies.find((r) => r.body.first)!.body.alert.acknowledgedBy.workNumber;
    expect(replies.every((r) => r.body.alert.acknowledgedBy.workNumber === winner)).toBe(true);
    await onA.until(() => alertsOf(onA).some((a) => a.acknowledgedBy?.workNumber === winner), 'who took it, on A');
    await onB.until(() => alertsOf(onB).some((a) => a.acknowledgedBy?.workNumber === winner), 'who took it, on B');
  });
});

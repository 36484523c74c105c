import { afterEach, describe, expect, it } from 'vitest';
import { SIGN_IN_PATH } from '../../../../src/shared/domain/centre/sign-in';
import { FLOOR_PATH, FLOOR_STATE_PATH, type FloorStateReport } from '../../../../src/shared/domain/floor';
import { runAdminCommand } from '../../../../services/workorder/admin-commands';
import { STORE_KINDS, startFixture, type Fixture, type StoreKind } from '../fixture';
import { PASSWORDS, io, seedCentre } from '../people/seed';
import { openFloorStream } from './sse';

type Stream = Awaited<ReturnType<typeof openFloorStream>>;

const T0 = Date.UTC(2026, 11, 2, 8);

function report(change: Partial<FloorStateReport> = {}): FloorStateReport {
  return { agentState: 'ready', since: T0, callPhase: 'idle', ...change };
}

/**
 * The people seed (teams a, b, c; agent 0307 of a, lead 0401 of a who also
 * leads b, admin 9001, agent 0501 of b) plus agent 0601 of team c, whom the
 * lead may not see; everyone signed in.
 */
async function centre(kind: StoreKind, instances = 1, options: Parameters<typeof startFixture>[0] = {}) {
  const fx = await startFixture({ admission: false, retention: false, ...options }, kind, instances);
  const store = await fx.openStore();
  try {
    await seedCentre(store);
    await runAdminCommand(
      store,
      ['create-person', '--work-number', '0601', '--name', '孙丽', '--team', 'team-c', '--roles', 'agent', '--password-stdin'],
      Date.now(),
      io('agent-0601-pw\n'),
    );
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
    agentB: await signIn('0501', PASSWORDS.agentB),
    agentC: await signIn('0601', 'agent-0601-pw'),
  };
  const post = async (token: string, body: FloorStateReport, instance = 0) => {
    const reply = await fx.as(token, instance)('POST', FLOOR_STATE_PATH, { body });
    expect(reply.status).toBe(200);
    return reply.body.eventId as string;
  };
  return { fx, tokens, post };
}

let open: { fx: Fixture; streams: Stream[] } | null = null;
afterEach(async () => {
  if (!open) return;
  await Promise.all(open.streams.map((s) => s.close()));
  await open.fx.close();
  open = null;
});

async function track(kind: StoreKind, instances = 1, options: Parameters<typeof startFixture>[0] = {}) {
  const c = await centre(kind, instances, options);
  const streams: Stream[] = [];
  open = { fx: c.fx, streams };
  const stream = async (token: string, lastEventId?: string, instance = 0) => {
    const s = await openFloorStream(c.fx.urls[instance] as string, token, lastEventId);
    streams.push(s);
    return s;
  };
  return { ...c, stream };
}

describe.each(STORE_KINDS)('the live floor on %s', (kind) => {
  it('an agent token cannot read the floor or its stream (403); a lead sees only their own and led teams', async () => {
    const { fx, tokens, post, stream } = await track(kind);
    expect((await fx.as(tokens.agent)('GET', FLOOR_PATH)).status).toBe(403);
    const refused = await stream(tokens.agent);
    expect(refused.status).toBe(403);
    expect(JSON.parse(await refused.body()).error.code).toBe('forbidden');

    await post(tokens.agent, report({ agentState: 'not-ready', callPhase: 'talking', callStartedAt: T0, callerNumber: '13812345678', scriptStep: 'ask-address' }));
    await post(tokens.agentB, report());
    await post(tokens.agentC, report({ callPhase: 'talking', callStartedAt: T0, callerNumber: '13900001111', prompts: ['emergency'] }));

    const floor = (await fx.as(tokens.lead)('GET', FLOOR_PATH)).body;
    expect(floor.teams).toEqual(['team-a', 'team-b']);
    // The lead (agent and lead) is on the floor too, never reported: offline.
    expect(floor.agents.map((a: { workNumber: string }) => a.workNumber).sort()).toEqual(['0307', '0401', '0501']);
    expect(JSON.stringify(floor)).not.toContain('13900001111');
    expect(floor.counts).toEqual({ ready: 1, 'not-ready': 0, talking: 1, 'after-call': 0, break: 0, offline: 1 });
    const li = floor.agents.find((a: { workNumber: string }) => a.workNumber === '0307');
    expect(li).toMatchObject({ name: '李娜', teamId: 'team-a', callPhase: 'talking', callerNumber: '138****5678', scriptStep: 'ask-address' });
    expect(JSON.stringify(floor)).not.toContain('13812345678');

    // The admin sees every team, team c's emergency first.
    const all = (await fx.as(tokens.admin)('GET', FLOOR_PATH)).body;
    expect(all.agents[0]).toMatchObject({ workNumber: '0601', callerNumber: '139****1111', prompts: ['emergency'] });
    // The number is stored masked, not only served so.
    const stored = JSON.stringify(await fx.rows('SELECT state FROM floor_states')) + JSON.stringify(await fx.rows('SELECT body FROM floor_events'));
    expect(stored).toContain('138****5678');
    expect(stored).not.toContain('13812345678');
  });

  it("carries the agent's current call id (the one a monitor grant names) through the store to the floor and its stream; null when idle or never reported", async () => {
    const { fx, tokens, post, stream } = await track(kind);
    const before = (await fx.as(tokens.lead)('GET', FLOOR_PATH)).body;
    expect(before.agents.find((a: { workNumber: string }) => a.workNumber === '0307')).toMatchObject({ callId: null });
    const live = await stream(tokens.lead, before.lastEventId);
    const id = await post(tokens.agent, report({ callPhase: 'talking', callStartedAt: T0, callId: 'desk-call-42' }));
    await post(tokens.agentB, report());
    await live.until(() => live.events.some((e) => e.id === id), 'the posted state');
    expect(live.states()[0]).toMatchObject({ id, agent: { workNumber: '0307', callId: 'desk-call-42' } });
    const floor = (await fx.as(tokens.lead)('GET', FLOOR_PATH)).body;
    const byNumber = (n: string) => floor.agents.find((a: { workNumber: string }) => a.workNumber === n);
    expect(byNumber('0307')).toMatchObject({ callPhase: 'talking', callId: 'desk-call-42' });
    expect(byNumber('0501')).toMatchObject({ callPhase: 'idle', callId: null });
    expect(byNumber('0401')).toMatchObject({ agentState: 'offline', callId: null });
    // Bounded: an id past 100 characters is refused, and the stored one stays.
    const tooLong = await fx.as(tokens.agent)('POST', FLOOR_STATE_PATH, { body: report({ callId: 'x'.repeat(101) }) });
    expect(tooLong.status).toBe(422);
    const after = (await fx.as(tokens.lead)('GET', FLOOR_PATH)).body;
    expect(after.agents.find((a: { workNumber: string }) => a.workNumber === '0307')).toMatchObject({ callId: 'desk-call-42' });
  });

  it('sorts the lead\'s floor for action: the emergency first, then overruns, then the longest call', async () => {
    const { fx, tokens, post } = await track(kind);
    await post(tokens.agent, report({ agentState: 'after-call', callPhase: 'after-call', overruns: ['after-call'] }));
    await post(tokens.agentB, report({ agentState: 'not-ready', callPhase: 'talking', callStartedAt: T0, prompts: ['abusive', 'emergency'] }));
    await post(tokens.lead, report({ agentState: 'not-ready', callPhase: 'talking', callStartedAt: T0 - 60_000 }));
    const floor = (await fx.as(tokens.lead)('GET', FLOOR_PATH)).body;
    expect(floor.agents.map((a: { workNumber: string }) => a.workNumber)).toEqual(['0501', '0307', '0401']);
  });

  it('the stream receives a posted state; after a disconnect, Last-Event-ID gets exactly the missed events', async () => {
    const { fx, tokens, post, stream } = await track(kind);
    const floor = (await fx.as(tokens.lead)('GET', FLOOR_PATH)).body;
    const first = await stream(tokens.lead, floor.lastEventId);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/event-stream');
    const id1 = await post(tokens.agent, report({ callPhase: 'ringing', callStartedAt: T0, callerNumber: '13812345678' }));
    await first.until(() => first.events.some((e) => e.id === id1), 'the posted state');
    expect(first.states()[0]).toMatchObject({ id: id1, agent: { workNumber: '0307', callPhase: 'ringing', callerNumber: '138****5678' } });
    await first.close();

    // While the lead is away: two states of the lead's teams, one of team c (not theirs).
    const missed = [
      await post(tokens.agent, report({ callPhase: 'talking', callStartedAt: T0 })),
      await post(tokens.agentC, report({ agentState: 'break', breakReason: '用餐' })),
      await post(tokens.agentB, report({ agentState: 'break', breakReason: '用餐' })),
    ];
    const again = await stream(tokens.lead, id1);
    await post(tokens.agentC, report({ agentState: 'ready' }));
    const live = await post(tokens.agent, report({ agentState: 'after-call', callPhase: 'after-call' }));
    await again.until(() => again.events.some((e) => e.id === live), 'the live state after the backlog');
    expect(again.events.filter((e) => e.event === 'state').map((e) => e.id)).toEqual([missed[0], missed[2], live]);
    expect(again.states().map((s) => s.agent.workNumber)).toEqual(['0307', '0501', '0307']);
  });

  it('retention: events older than the keep are deleted; a Last-Event-ID before them gets a reset event, then live events', async () => {
    const { fx, tokens, post, stream } = await track(kind);
    const old = await post(tokens.agent, report());
    await post(tokens.agent, report({ agentState: 'break', breakReason: '用餐' }));
    // What the service's prune timer runs (every 10 min, events older than 24 h), here at once and for everything.
    const store = await fx.openStore();
    try {
      expect(await store.floor.prune(Date.now() + 1, 1_000)).toBe(2);
      expect(await store.floor.eventsAfter(0, ['team-a'], 10)).toEqual([]);
    } finally {
      await store.close();
    }
    const resumed = await stream(tokens.lead, String(Number(old) - 1));
    await resumed.until(() => resumed.events.some((e) => e.event === 'reset'), 'reset');
    expect(JSON.parse(resumed.events[0]?.data ?? '{}')).toMatchObject({ reason: 'retention' });
    const live = await post(tokens.agent, report({ agentState: 'ready' }));
    await resumed.until(() => resumed.events.some((e) => e.id === live), 'the live state after the reset');
    expect(resumed.events.map((e) => e.event)).toEqual(['reset', 'state']);
    // The floor itself (the latest state per person) is not subject to retention.
    const floor = (await fx.as(tokens.lead)('GET', FLOOR_PATH)).body;
    expect(floor.agents.find((a: { workNumber: string }) => a.workNumber === '0307').agentState).toBe('ready');
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    const { tokens, stream } = await track(kind, 1, { floor: { heartbeatMs: 50 } });
    const s = await stream(tokens.lead);
    await s.until(() => s.comments.includes('heartbeat'), 'heartbeat');
  });
});

describe('floor stream limits', () => {
  it('answers 503 floor-streams-full past the per-instance bound, and takes a stream again once one closes', async () => {
    const { tokens, stream } = await track('sqlite', 1, { floor: { maxStreams: 1 } });
    const one = await stream(tokens.lead);
    expect(one.status).toBe(200);
    const two = await stream(tokens.admin);
    expect(two.status).toBe(503);
    expect(two.headers.get('retry-after')).toBe('5');
    expect(JSON.parse(await two.body()).error.code).toBe('floor-streams-full');
    await one.close();
    // The service sees the close when the socket does: try again, a bounded number of times.
    let status = 0;
    for (let attempt = 0; attempt < 200 && status !== 200; attempt += 1) {
      const next = await stream(tokens.admin);
      status = next.status;
      if (status !== 200) await next.close();
    }
    expect(status).toBe(200);
  });
});

describe('two service instances on one PostgreSQL', () => {
  it('a state posted to instance A reaches a lead streaming from instance B (LISTEN/NOTIFY)', async () => {
    const { tokens, post, stream } = await track('postgres', 2);
    const onB = await stream(tokens.lead, undefined, 1);
    expect(onB.status).toBe(200);
    const id = await post(tokens.agent, report({ callPhase: 'talking', callStartedAt: T0, prompts: ['emergency'] }), 0);
    await onB.until(() => onB.events.some((e) => e.id === id), 'the state posted to A');
    expect(onB.states()[0]).toMatchObject({ agent: { workNumber: '0307', prompts: ['emergency'] } });
  });

  it('60 posts at once on both instances (appends committed in batches): every event reaches the lead once, in id order, and each agent ends in its last state', async () => {
    const { fx, tokens, post, stream } = await track('postgres', 2);
    const onB = await stream(tokens.lead, undefined, 1);
    const agents = [tokens.agent, tokens.agentB];
    // 60 posts at once, alternating instances, each with its own call start (so each state is told apart).
    const ids = await Promise.all(
      Array.from({ length: 60 }, (_, n) => post(agents[n % 2] as string, report({ callPhase: 'talking', callStartedAt: T0 + n }), n % 2)),
    );
    expect(new Set(ids).size).toBe(60);
    const newest = Math.max(...ids.map(Number));
    await onB.until(() => onB.events.some((e) => Number(e.id) === newest), 'the newest of the 60');
    expect(onB.events.map((e) => Number(e.id))).toEqual([...ids.map(Number)].sort((a, b) => a - b));
    // Each agent's stored state is the one of its newest event.
    const states = onB.states() as { agent: { workNumber: string; callStartedAt: number } }[];
    for (const workNumber of ['0307', '0501']) {
      const last = states.filter((e) => e.agent.workNumber === workNumber).at(-1);
      const stored = (await fx.rows(
        `SELECT s.state FROM floor_states s JOIN people p ON p.id = s.person_id WHERE p.work_number = '${workNumber}'`,
      )) as { state: string }[];
      expect(JSON.parse(stored[0]?.state ?? '{}')).toMatchObject({ callStartedAt: last?.agent.callStartedAt });
    }
  });

  it('when the LISTEN connection drops, the streams end and resuming from Last-Event-ID misses nothing', async () => {
    const { fx, tokens, post, stream } = await track('postgres', 2);
    const onB = await stream(tokens.lead, undefined, 1);
    const id1 = await post(tokens.agent, report({ callPhase: 'ringing', callStartedAt: T0 }), 0);
    await onB.until(() => onB.events.some((e) => e.id === id1), 'the first state');
    // The database ends the listeners' connections (a failover, an admin's pg_terminate_backend).
    const killed = await fx.rows(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hotline-workorder-floor' AND datname = current_database()",
    );
    expect(killed.length).toBeGreaterThan(0);
    await onB.untilEnded();
    const missed = await post(tokens.agent, report({ callPhase: 'talking', callStartedAt: T0 }), 0);
    const again = await stream(tokens.lead, id1, 1);
    expect(again.status).toBe(200);
    const live = await post(tokens.agentB, report({ agentState: 'break', breakReason: '培训' }), 0);
    await again.until(() => again.events.some((e) => e.id === live), 'the live state on the new listener');
    expect(again.events.map((e) => e.id)).toEqual([missed, live]);
  });
});

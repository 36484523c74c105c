import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SIGN_IN_PATH } from '../../../../src/shared/domain/centre/sign-in';
import { PRACTICE_OVERVIEW_PATH, PRACTICE_RESULTS_PATH, type PracticeOverview, type PracticeResult } from '../../../../src/shared/practice/result';
import { runAdminCommand } from '../../../../services/workorder/admin-commands';
import { STORE_KINDS, startFixture, type Fixture, type StoreKind } from '../fixture';
import { PASSWORDS, io, seedCentre } from '../people/seed';

let open: Fixture | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

/** The people seed (agent 0307 team a, lead 0401 team a + b, admin 9001, agent 0501 team b) and trainer 0601 of team b. */
async function centre(kind: StoreKind, instances = 1) {
  const fx = await startFixture({ admission: false, retention: false }, kind, instances);
  open = fx;
  const store = await fx.openStore();
  try {
    await seedCentre(store);
    await runAdminCommand(store, ['create-person', '--work-number', '0601', '--name', '培训师', '--team', 'team-b', '--roles', 'trainer', '--password-stdin'], Date.now(), io('trainer-0601-pw\n'));
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
    trainerB: await signIn('0601', 'trainer-0601-pw'),
  };
  const send = (token: string, result: PracticeResult, key: string = randomUUID(), instance = 0) =>
    fx.as(token, instance)('POST', PRACTICE_RESULTS_PATH, { body: result, headers: { 'idempotency-key': key } });
  return { fx, tokens, send };
}

let calls = 0;
function result(scenarioId: string, score: number, endedAt: number, change: Partial<PracticeResult> = {}): PracticeResult {
  calls += 1;
  return {
    callId: `practice-${randomUUID()}`,
    scenarioId,
    scenarioVersion: 'v1-0a1b2c3d',
    startedAt: endedAt - 60_000,
    answeredAt: endedAt - 55_000,
    endedAt,
    durationMs: 55_000,
    endedBy: 'caller',
    templateId: 'hotline-12345',
    templateVersion: 1,
    score,
    maxScore: 100,
    zeroed: false,
    items: [{ id: 'greeting', verdict: 'pass', points: 10, maxPoints: 10 }],
    signals: { 'signal:interruption': calls % 3, 'prompt:dead-air': 1 },
    lines: [{ id: 'open', atMs: 5_000 }],
    holds: [],
    ...change,
  };
}

describe.each(STORE_KINDS)('practice results on %s', (kind) => {
  it('a result is stored once: the same key again, or the same call under another key, stores nothing more', { timeout: 30_000 }, async () => {
    const { fx, tokens, send } = await centre(kind, kind === 'postgres' ? 2 : 1);
    const first = result('policy-question', 80, Date.now());
    const key = randomUUID();
    expect((await send(tokens.agent, first, key)).status).toBe(201);
    // A desk whose answer was lost sends again, maybe to the other instance.
    const again = await send(tokens.agent, first, key, kind === 'postgres' ? 1 : 0);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await send(tokens.agent, first)).status).toBe(200);
    // The key belongs to that call: another call under it is refused.
    expect((await send(tokens.agent, result('policy-question', 50, Date.now()), key)).status).toBe(422);
    const mine = await fx.as(tokens.agent)('GET', PRACTICE_RESULTS_PATH);
    expect(mine.status).toBe(200);
    expect(mine.body.results).toHaveLength(1);
    expect(mine.body.results[0]).toMatchObject({ callId: first.callId, agent: '0307', teamId: 'team-a', score: 80, signals: first.signals, lines: first.lines });
  });

  it('refuses a result without an idempotency key or with a body that is not a result', { timeout: 30_000 }, async () => {
    const { fx, tokens } = await centre(kind);
    expect((await fx.as(tokens.agent)('POST', PRACTICE_RESULTS_PATH, { body: result('policy-question', 80, Date.now()) })).status).toBe(400);
    const bad = await fx.as(tokens.agent)('POST', PRACTICE_RESULTS_PATH, { body: { ...result('x', 1, 1), score: -1 }, headers: { 'idempotency-key': randomUUID() } });
    expect(bad.status).toBe(422);
    expect((await fx.as(null)('GET', PRACTICE_RESULTS_PATH)).status).toBe(401);
  });

  it('the trainee sees their own; a lead or trainer their teams\' trainees; an admin all; anyone else 403', { timeout: 30_000 }, async () => {
    const { fx, tokens, send } = await centre(kind);
    const t0 = Date.now() - 10 * 60_000;
    await send(tokens.agent, result('policy-question', 40, t0));
    await send(tokens.agent, result('policy-question', 90, t0 + 60_000));
    await send(tokens.agent, result('policy-question', 70, t0 + 120_000));
    await send(tokens.agent, result('abusive-caller', 55, t0 + 180_000));
    await send(tokens.agentB, result('silent-call', 65, t0 + 240_000));

    const get = (token: string, path: string) => fx.as(token)('GET', path);
    // A trainee: their own, never another's, never the overview.
    expect((await get(tokens.agent, `${PRACTICE_RESULTS_PATH}?agent=0307`)).body.results).toHaveLength(4);
    expect((await get(tokens.agent, `${PRACTICE_RESULTS_PATH}?agent=0501`)).status).toBe(403);
    expect((await get(tokens.agentB, PRACTICE_OVERVIEW_PATH)).status).toBe(403);
    // The lead of teams a and b: both trainees.
    expect((await get(tokens.lead, `${PRACTICE_RESULTS_PATH}?agent=0501`)).body.results).toHaveLength(1);
    const overview = (await get(tokens.lead, PRACTICE_OVERVIEW_PATH)).body as PracticeOverview;
    expect(overview.teamIds.sort()).toEqual(['team-a', 'team-b']);
    const lina = overview.trainees.find((trainee) => trainee.agent === '0307')!;
    expect(lina).toMatchObject({ name: '李娜', teamId: 'team-a', lastAt: t0 + 180_000 });
    expect(lina.scenarios).toEqual([
      { scenarioId: 'abusive-caller', attempts: 1, trend: [55], latest: { score: 55, maxScore: 100, at: t0 + 180_000 }, best: { score: 55, maxScore: 100, at: t0 + 180_000 } },
      { scenarioId: 'policy-question', attempts: 3, trend: [40, 90, 70], latest: { score: 70, maxScore: 100, at: t0 + 120_000 }, best: { score: 90, maxScore: 100, at: t0 + 60_000 } },
    ]);
    // The lead takes calls too and is listed (agent role), with no practice yet.
    expect(overview.trainees.find((trainee) => trainee.agent === '0401')).toMatchObject({ lastAt: null, scenarios: [] });
    // The trainer of team b: team b only; team a's trainee is 403.
    const trainer = (await get(tokens.trainerB, PRACTICE_OVERVIEW_PATH)).body as PracticeOverview;
    expect(trainer.teamIds).toEqual(['team-b']);
    expect(trainer.trainees.map((trainee) => trainee.agent)).toEqual(['0501']);
    expect((await get(tokens.trainerB, `${PRACTICE_RESULTS_PATH}?agent=0307`)).status).toBe(403);
    // An admin: every team.
    const all = (await get(tokens.admin, PRACTICE_OVERVIEW_PATH)).body as PracticeOverview;
    expect(all.teamIds.sort()).toEqual(['team-a', 'team-b', 'team-c']);
    expect(all.trainees.filter((trainee) => trainee.scenarios.length > 0).map((trainee) => trainee.agent)).toEqual(['0307', '0501']);
  });

  it('practice results are not work orders: the work-order feed and history stay empty', { timeout: 30_000 }, async () => {
    const { fx, tokens, send } = await centre(kind);
    await send(tokens.agent, result('policy-question', 80, Date.now()));
    const changes = await fx.as(tokens.agent)('GET', '/v1/changes?since=0');
    expect(changes.status).toBe(200);
    expect(changes.body.changes).toEqual([]);
  });
});

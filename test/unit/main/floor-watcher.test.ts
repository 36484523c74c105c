import { afterEach, describe, expect, it } from 'vitest';
import { SIGN_IN_PATH } from '../../../src/shared/domain/centre/sign-in';
import { FLOOR_ALERTS_PATH, FLOOR_STATE_PATH, type FloorAlert } from '../../../src/shared/domain/floor';
import type { FloorPush } from '../../../src/shared/ipc/contract-floor';
import { FloorWatcher } from '../../../src/main/floor/floor-watcher';
import { startFixture, type Fixture } from '../workorder-service/fixture';
import { PASSWORDS, seedCentre } from '../workorder-service/people/seed';

let fx: Fixture | null = null;
let watcher: FloorWatcher | null = null;
afterEach(async () => {
  watcher?.close();
  watcher = null;
  await fx?.close();
  fx = null;
});

async function centre() {
  fx = await startFixture({ admission: false, retention: false }, 'sqlite', 1);
  const store = await fx.openStore();
  await seedCentre(store);
  await store.close();
  const signIn = async (workNumber: string, password: string) =>
    (await fx!.as(null)('POST', SIGN_IN_PATH, { body: { workNumber, password, deskId: `desk-${workNumber}` } })).body.token as string;
  return { url: fx.urls[0] as string, lead: await signIn('0401', PASSWORDS.lead), agent: await signIn('0307', PASSWORDS.agent) };
}

async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('FloorWatcher: the lead\'s desk follows the floor (real centre service)', () => {
  it('reads the floor, goes live, forwards states and alerts, and notices a new alert once', async () => {
    const c = await centre();
    const pushes: FloorPush[] = [];
    const alerts: [FloorAlert, FloorAlert | null][] = [];
    watcher = new FloorWatcher({ target: () => ({ centreUrl: c.url, token: c.lead }), push: (p) => pushes.push(p), onAlert: (a, prev) => alerts.push([a, prev]), checkEveryMs: 50 });
    watcher.start();
    await until(() => watcher!.snapshot().connection.state === 'live', 'live stream');
    expect(watcher.snapshot().view?.teams).toEqual(['team-a', 'team-b']);
    await fx!.as(c.agent)('POST', FLOOR_STATE_PATH, { body: { agentState: 'break', since: Date.now(), breakReason: '用餐', callPhase: 'idle' } });
    await until(() => pushes.some((p) => p.kind === 'state' && p.agent.workNumber === '0307' && p.agent.agentState === 'break'), 'the agent\'s state');
    expect(watcher.snapshot().view?.agents.find((a) => a.workNumber === '0307')?.breakReason).toBe('用餐');
    const raised = await fx!.as(c.agent)('POST', FLOOR_ALERTS_PATH, { body: { callId: 'c1', callerNumber: '13812345678', reason: 'manual' } });
    expect(raised.status).toBe(201);
    await until(() => alerts.length === 1, 'the alert');
    expect(alerts[0]![0]).toMatchObject({ callerNumber: '138****5678', acknowledgedBy: null });
    expect(alerts[0]![1]).toBeNull();
  });

  it('an agent\'s token gets no floor: the connection stays off', async () => {
    const c = await centre();
    const pushes: FloorPush[] = [];
    watcher = new FloorWatcher({ target: () => ({ centreUrl: c.url, token: c.agent }), push: (p) => pushes.push(p), checkEveryMs: 50 });
    watcher.start();
    await until(() => pushes.some((p) => p.kind === 'connection' && p.connection.state === 'connecting'), 'an attempt');
    await until(() => watcher!.snapshot().connection.state === 'off', 'off after 403');
    expect(watcher.snapshot().view).toBeNull();
  });
});

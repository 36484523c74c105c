import { afterEach, describe, expect, it } from 'vitest';
import { SIGN_IN_PATH } from '../../../src/shared/domain/centre/sign-in';
import { FLOOR_PATH } from '../../../src/shared/domain/floor';
import { SIGN_OUT_PATH } from '../../../src/main/centre/centre-client';
import { FloorReporter } from '../../../src/main/floor/floor-reporter';
import { startFixture, type Fixture } from '../workorder-service/fixture';
import { PASSWORDS, seedCentre } from '../workorder-service/people/seed';

interface FloorRow {
  workNumber: string;
  agentState: string;
  callPhase: string;
  callerNumber: string | null;
  callId: string | null;
  reportedAt: number | null;
}

async function until<T>(read: () => Promise<T | null>, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('FloorReporter against the real centre service (SQLite)', () => {
  let fx: Fixture | null = null;
  let floor: FloorReporter | null = null;
  afterEach(async () => {
    floor?.close();
    await fx?.close();
    fx = null;
    floor = null;
  });

  it("the agent's state reaches the lead's floor, masked; a revoked token goes to the session's sign-out", async () => {
    fx = await startFixture({ admission: false, retention: false }, 'sqlite');
    const store = await fx.openStore();
    try {
      await seedCentre(store);
    } finally {
      await store.close();
    }
    const signIn = async (workNumber: string, password: string) =>
      (await fx!.as(null)('POST', SIGN_IN_PATH, { body: { workNumber, password, deskId: `desk-${workNumber}` } })).body.token as string;
    const agentToken = await signIn('0307', PASSWORDS.agent);
    const leadToken = await signIn('0401', PASSWORDS.lead);
    const refused: string[] = [];
    floor = new FloorReporter({
      target: () => ({ centreUrl: fx!.url, token: agentToken }),
      heartbeatMs: 50,
      onTokenRefused: (code) => refused.push(code),
    });
    floor.start();
    floor.agentChanged({ status: 'ready', reason: null, cause: 'agent', at: Date.now() });
    floor.callEvent({ type: 'answered', id: 'call-1', direction: 'inbound', remoteNumber: '13812345678', remoteName: '', startedAt: Date.now(), answeredAt: Date.now(), practice: false, consultFor: null });

    const row = await until(async () => {
      const view = (await fx!.as(leadToken)('GET', FLOOR_PATH)).body as { agents: FloorRow[] };
      const li = view.agents.find((a) => a.workNumber === '0307');
      return li && li.callPhase === 'talking' ? li : null;
    }, 'the call on the lead floor');
    expect(row).toMatchObject({ agentState: 'ready', callPhase: 'talking', callerNumber: '138****5678', callId: 'call-1' });
    expect(row.reportedAt).not.toBeNull();

    // Signed out on the centre (e.g. from another desk's admin): the next heartbeat is refused, once, and handed over.
    expect((await fx.as(agentToken)('POST', SIGN_OUT_PATH)).status).toBeLessThan(300);
    await until(async () => (refused.length > 0 ? refused : null), 'the refusal');
    expect(refused).toEqual(['token_revoked']);
  });
});

/**
 * The desk's sign-in against the real centre service (services/workorder with
 * its people routes), set up through the admin commands IT runs: the wire
 * contract as both sides implement it, without the SIP lab.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/app-core';
import type { CentreStatus } from '../../../src/shared/ipc/contract-centre';
import { APP_SENDER, openTestCore } from '../../support/app-core';
import { CENTRE_AGENT, CENTRE_AGENT_WITHOUT_PHONE, startRealCentre, type RealCentre } from '../../support/real-centre';
import { createTestCipher } from '../../support/test-cipher';
import { makeTempDir } from '../../support/temp-dir';
import { completeDraft } from '../work-orders/helpers';
import type { WorkOrderView } from '../../../src/shared/domain/work-order-sync';

const SIP = { uri: 'sip:1002@hotline.test', authUser: '1002', password: 'pw-1002', servers: ['ws://127.0.0.1:5066'] };

describe('centre sign-in against the real centre service', () => {
  let centre: RealCentre;
  let dir: ReturnType<typeof makeTempDir>;
  let core: AppCore;
  const cipher = createTestCipher();
  let signedOut: CentreStatus[];

  const open = () => {
    core = openTestCore(dir.path, cipher);
    signedOut = [];
    core.events.on((event, payload) => {
      if (event === 'centre:signedOut') signedOut.push(payload as CentreStatus);
    });
  };
  const call = async (channel: string, payload: unknown) => {
    const reply = await core.router.handle(APP_SENDER, channel, payload);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
    return reply.value as Record<string, unknown>;
  };
  const signIn = (workNumber: string, password: string) => call('centre:signIn', { centreUrl: centre.url, workNumber, password });

  beforeEach(async () => {
    centre = await startRealCentre(SIP);
    dir = makeTempDir('hotline-centre-desk-');
    open();
  });

  afterEach(async () => {
    await core.close();
    await centre.close();
    dir.remove();
  });

  it('each refusal is its own failure; then the handed-out account is applied and work orders sync with the token', async () => {
    expect(await signIn('9999', 'whatever-pw')).toMatchObject({ outcome: 'refused', failure: 'unknown-work-number' });
    expect(await signIn(CENTRE_AGENT.workNumber, 'wrong-password')).toMatchObject({ outcome: 'refused', failure: 'wrong-password' });
    expect(await signIn(CENTRE_AGENT_WITHOUT_PHONE.workNumber, CENTRE_AGENT_WITHOUT_PHONE.password)).toMatchObject({
      outcome: 'refused',
      failure: 'no-phone-account',
    });
    expect(await signIn(CENTRE_AGENT.workNumber, CENTRE_AGENT.password)).toMatchObject({
      outcome: 'signed-in',
      status: { state: 'signed-in', person: { name: CENTRE_AGENT.name, workNumber: CENTRE_AGENT.workNumber } },
    });
    expect((await call('settings:get', {})).settings).toMatchObject({
      account: { wsServer: SIP.servers[0], sipUri: SIP.uri, authUser: SIP.authUser },
      agent: { workNumber: CENTRE_AGENT.workNumber, city: '重庆' },
    });
    expect(await call('settings:sipCredentials', {})).toEqual({ password: SIP.password });
    expect(((await call('workOrders:departments', {})) as unknown as { id: string }[]).map((d) => d.id)).toEqual([
      'labour-inspection',
      'market-regulation',
    ]);
    // The person's token opens the work-order API: the sync reaches the centre.
    await core.workOrders.worker.pollChanges();
    expect(core.workOrders.overview()).toMatchObject({ target: 'remote', offlineSince: null });
  });

  it('locked out after repeated wrong passwords, with the minutes the centre said', async () => {
    let reply: Record<string, unknown> = {};
    for (let attempt = 0; attempt < 6 && reply.failure !== 'locked-out'; attempt++) reply = await signIn(CENTRE_AGENT.workNumber, `wrong-${attempt}`);
    expect(reply).toMatchObject({ outcome: 'refused', failure: 'locked-out' });
    expect(reply.retryAfterMinutes).toBeGreaterThanOrEqual(1);
  });

  it('sessions revoked centrally: the next sync request signs the desk out; at the next start GET /v1/me does too', async () => {
    await signIn(CENTRE_AGENT.workNumber, CENTRE_AGENT.password);
    await centre.admin(['sign-out-person', '--work-number', CENTRE_AGENT.workNumber]);
    await core.workOrders.worker.pollChanges();
    const deadline = Date.now() + 5_000;
    while (signedOut.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(signedOut[0]).toMatchObject({ state: 'signed-out', reason: 'revoked' });
    expect(await call('settings:sipCredentials', {})).toEqual({ password: null });

    // Signed in again, revoked while the desk was closed: the start-up check finds it.
    await signIn(CENTRE_AGENT.workNumber, CENTRE_AGENT.password);
    await core.close();
    await centre.admin(['sign-out-person', '--work-number', CENTRE_AGENT.workNumber]);
    open();
    await core.centre.checkAtStart();
    expect(core.centre.status()).toMatchObject({ state: 'signed-out', reason: 'revoked' });
  });

  it('a work order sent after the centre revoked the session waits for the next sign-in (not 需处理), then syncs', async () => {
    await signIn(CENTRE_AGENT.workNumber, CENTRE_AGENT.password);
    // The sync has talked to the centre once (its change cursor is set): the next request is the work order itself.
    await core.workOrders.worker.pollChanges();
    await centre.admin(['sign-out-person', '--work-number', CENTRE_AGENT.workNumber]);
    const draft = (await call('workOrders:create', { callerPhone: '' })) as unknown as WorkOrderView;
    await call('workOrders:save', { id: draft.id, fields: completeDraft('after-revoke') });
    await call('workOrders:submit', { id: draft.id });
    const waitUntil = async (check: () => boolean, what: string) => {
      const deadline = Date.now() + 10_000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await waitUntil(() => signedOut.length > 0, 'the sign-out');
    expect(signedOut[0]).toMatchObject({ reason: 'revoked' });
    expect(core.workOrders.repo.get(draft.id)).toMatchObject({ sync: { state: 'queued', attention: null } });
    expect(core.workOrders.overview().needsAttention).toBe(0);

    await signIn(CENTRE_AGENT.workNumber, CENTRE_AGENT.password);
    await waitUntil(() => core.workOrders.repo.get(draft.id)?.sync.state === 'synced', 'the work order to sync after signing in again');
  });

  it('signing out on the desk revokes the token at the centre', async () => {
    await signIn(CENTRE_AGENT.workNumber, CENTRE_AGENT.password);
    const row = core.db.prepare("SELECT ciphertext FROM secrets WHERE name = 'centre-token'").get() as { ciphertext: Buffer };
    const token = cipher.decrypt(row.ciphertext);
    const me = () => fetch(`${centre.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me()).status).toBe(200);
    expect(await call('centre:signOut', {})).toMatchObject({ state: 'signed-out', reason: 'signed-out' });
    expect(core.db.prepare("SELECT 1 FROM secrets WHERE name = 'centre-token'").get()).toBeUndefined();
    // The revoke is not waited for by the desk; the centre has it within moments.
    const deadline = Date.now() + 5_000;
    let answer = await me();
    while (answer.status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      answer = await me();
    }
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ error: { code: 'token_revoked' } });
  });
});

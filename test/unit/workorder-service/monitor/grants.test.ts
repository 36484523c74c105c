import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPair, SignJWT, importJWK, decodeJwt, type JWK } from 'jose';
import { SIGN_IN_PATH } from '../../../../src/shared/domain/centre/sign-in';
import {
  MONITOR_END_PATH,
  MONITOR_GRANT_AUDIENCE,
  MONITOR_GRANT_ISSUER,
  MONITOR_GRANTS_PATH,
  MONITOR_KEY_PATH,
  MONITOR_LOG_PATH,
  MONITOR_REDEEM_PATH,
  MONITOR_SETTINGS_PATH,
  type MonitorLogEntry,
} from '../../../../src/shared/domain/monitor';
import { verifyGrant } from '../../../../services/workorder/monitor/grant-signer';
import { runAdminCommand } from '../../../../services/workorder/admin-commands';
import { STORE_KINDS, startFixture, type Fixture, type StoreKind } from '../fixture';
import { PASSWORDS, io, seedCentre } from '../people/seed';

let open: Fixture | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

/** The people seed: agent 0307 (team a), lead 0401 (team a, also b), admin 9001, agent 0501 (team b); plus lead 0701 of team c only. */
async function centre(kind: StoreKind, instances = 1) {
  const fx = await startFixture({ admission: false, retention: false }, kind, instances);
  open = fx;
  const store = await fx.openStore();
  const ids: Record<string, string> = {};
  try {
    await seedCentre(store);
    await runAdminCommand(store, ['create-person', '--work-number', '0701', '--name', '丙组班长', '--team', 'team-c', '--roles', 'lead', '--password-stdin'], Date.now(), io('lead-0701-pw\n'));
    for (const n of ['0307', '0401', '0501', '0701', '9001']) ids[n] = (await store.people.personByWorkNumber(n))!.personId;
  } finally {
    await store.close();
  }
  const signIn = async (workNumber: string, password: string, instance = 0) => {
    const reply = await fx.as(null, instance)('POST', SIGN_IN_PATH, { body: { workNumber, password, deskId: `desk-${workNumber}` } });
    expect(reply.status).toBe(200);
    return reply.body.token as string;
  };
  const tokens = {
    agent: await signIn('0307', PASSWORDS.agent),
    lead: await signIn('0401', PASSWORDS.lead),
    admin: await signIn('9001', PASSWORDS.admin),
    agentB: await signIn('0501', PASSWORDS.agentB),
    leadC: await signIn('0701', 'lead-0701-pw'),
  };
  const ask = (token: string, body: unknown, instance = 0) => fx.as(token, instance)('POST', MONITOR_GRANTS_PATH, { body });
  const redeem = (token: string, body: unknown, instance = 0) => fx.as(token, instance)('POST', MONITOR_REDEEM_PATH, { body });
  const logOf = async () => ((await fx.as(tokens.admin)('GET', MONITOR_LOG_PATH)).body.entries as MonitorLogEntry[]);
  return { fx, ids, tokens, ask, redeem, logOf };
}

describe.each(STORE_KINDS)('monitor grants on %s', (kind) => {
  it('a lead gets a signed grant for one mode on one agent\'s call; the agent redeems it once; it is logged', async () => {
    const { fx, ids, tokens, ask, redeem, logOf } = await centre(kind);
    const granted = await ask(tokens.lead, { agentPersonId: ids['0307'], callId: 'call-1', mode: 'listen' });
    expect(granted.status).toBe(201);
    expect(granted.body.agentSipUri).toBe('sip:0307@centre.example');
    const claims = decodeJwt(granted.body.grant);
    expect(claims).toMatchObject({ sub: ids['0401'], agent: ids['0307'], team: 'team-a', call: 'call-1', mode: 'listen', iss: MONITOR_GRANT_ISSUER, aud: MONITOR_GRANT_AUDIENCE });
    expect((claims.exp as number) - (claims.iat as number)).toBe(30);

    // The published key verifies it (as the agent's desk does with its cached copy).
    const key = await fx.as(null)('GET', MONITOR_KEY_PATH);
    expect(key.status).toBe(200);
    expect(key.body.jwk.d).toBeUndefined();
    const publicKey = await importJWK(key.body.jwk as JWK, 'ES256');
    expect((await verifyGrant(granted.body.grant, publicKey as CryptoKey, Date.now())).ok).toBe(true);

    const first = await redeem(tokens.agent, { grant: granted.body.grant, callId: 'call-1', mode: 'listen' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ mode: 'listen', lead: { personId: ids['0401'], workNumber: '0401' }, showToAgent: false });
    const again = await redeem(tokens.agent, { grant: granted.body.grant, callId: 'call-1', mode: 'listen' });
    expect(again.status).toBe(403);
    expect(again.body.reason).toBe('replayed');

    const ended = await fx.as(tokens.lead)('POST', MONITOR_END_PATH, { body: { jti: granted.body.jti, callId: 'call-1' } });
    expect(ended.status).toBe(200);
    // The agent's desk says so too: still one end in the log.
    expect((await fx.as(tokens.agent)('POST', MONITOR_END_PATH, { body: { jti: granted.body.jti, callId: 'call-1' } })).status).toBe(200);
    // Nobody else may end it.
    expect((await fx.as(tokens.agentB)('POST', MONITOR_END_PATH, { body: { jti: granted.body.jti, callId: 'call-1' } })).status).toBe(404);
    const kinds = (await logOf()).map((e) => `${e.kind}:${e.reason ?? ''}`).reverse();
    expect(kinds).toEqual(['granted:', 'started:', 'refused:replayed', 'ended:']);
  });

  it('refuses every kind of bad grant with 403 and logs each attempt', async () => {
    const { fx, ids, tokens, ask, redeem, logOf } = await centre(kind, 1);
    const grant = async (mode: string) => (await ask(tokens.lead, { agentPersonId: ids['0307'], callId: 'call-2', mode })).body.grant as string;
    const reasonOf = async (token: string, body: unknown) => {
      const reply = await redeem(token, body);
      expect(reply.status).toBe(403);
      return reply.body.reason as string;
    };

    // Forged: same claims, signed with a key that is not the service's.
    const real = decodeJwt(await grant('listen'));
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ ...real }).setProtectedHeader({ alg: 'ES256', typ: 'monitor+jwt' }).sign(privateKey);
    expect(await reasonOf(tokens.agent, { grant: forged, callId: 'call-2', mode: 'listen' })).toBe('bad-signature');
    // Tampered: the service's signature over other claims.
    const good = await grant('listen');
    const [h, , s] = good.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...decodeJwt(good), mode: 'barge' })).toString('base64url')}.${s}`;
    expect(await reasonOf(tokens.agent, { grant: tampered, callId: 'call-2', mode: 'barge' })).toBe('bad-signature');
    // Wrong mode: a listen grant presented for a barge.
    expect(await reasonOf(tokens.agent, { grant: await grant('listen'), callId: 'call-2', mode: 'barge' })).toBe('wrong-mode');
    // A genuine grant is used up by its first presentation, even a refused one: the right mode afterwards is a replay.
    const burned = await grant('listen');
    expect(await reasonOf(tokens.agent, { grant: burned, callId: 'call-2', mode: 'whisper' })).toBe('wrong-mode');
    expect(await reasonOf(tokens.agent, { grant: burned, callId: 'call-2', mode: 'listen' })).toBe('replayed');
    // Wrong call, wrong agent.
    expect(await reasonOf(tokens.agent, { grant: await grant('listen'), callId: 'call-9', mode: 'listen' })).toBe('wrong-call');
    expect(await reasonOf(tokens.agentB, { grant: await grant('listen'), callId: 'call-2', mode: 'listen' })).toBe('wrong-agent');
    // Expired: the service's own key, a time in the past (read from the store, as only the service has it).
    const store = await fx.openStore();
    const pair = await store.monitor.keyPair(() => Promise.reject(new Error('the key exists')));
    await store.close();
    const past = Math.floor(Date.now() / 1000) - 120;
    const expired = await new SignJWT({ ...real, iat: past, exp: past + 30, jti: 'expired-1' })
      .setProtectedHeader({ alg: 'ES256', kid: pair.kid, typ: 'monitor+jwt' })
      .sign(await importJWK(JSON.parse(pair.privateJwk) as JWK, 'ES256'));
    expect(await reasonOf(tokens.agent, { grant: expired, callId: 'call-2', mode: 'listen' })).toBe('expired');
    // Other team at the grant: lead of team c asks for an agent of team a.
    const other = await ask(tokens.leadC, { agentPersonId: ids['0307'], callId: 'call-2', mode: 'listen' });
    expect(other.status).toBe(403);
    expect(other.body.reason).toBe('other-team');
    // Other team at redeem: the lead stops leading the team between grant and redeem.
    const late = await grant('whisper');
    const admin = await fx.openStore();
    await runAdminCommand(admin, ['set-person', '--work-number', '0401', '--team', 'team-b', '--leads', 'team-b'], Date.now(), io(''));
    await admin.close();
    expect(await reasonOf(tokens.agent, { grant: late, callId: 'call-2', mode: 'whisper' })).toBe('other-team');
    // An agent cannot ask for a grant at all.
    expect((await ask(tokens.agent, { agentPersonId: ids['0501'], callId: 'c', mode: 'listen' })).status).toBe(403);

    const refused = (await logOf()).filter((e) => e.kind === 'refused').map((e) => e.reason).sort();
    expect(refused).toEqual(['bad-signature', 'bad-signature', 'expired', 'other-team', 'other-team', 'replayed', 'wrong-agent', 'wrong-call', 'wrong-mode', 'wrong-mode']);
  });

  it('a grant redeemed on one instance is a replay on the other; the listen setting is the centre\'s', async () => {
    const { fx, ids, tokens, ask, redeem } = await centre(kind, kind === 'postgres' ? 2 : 1);
    const last = fx.urls.length - 1;
    const granted = await ask(tokens.lead, { agentPersonId: ids['0307'], callId: 'call-3', mode: 'listen' });
    const body = { grant: granted.body.grant, callId: 'call-3', mode: 'listen' };
    const both = await Promise.all([redeem(tokens.agent, body, 0), redeem(tokens.agent, body, last)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 403]);

    expect((await fx.as(tokens.lead)('PUT', MONITOR_SETTINGS_PATH, { body: { showListenToAgent: true } })).status).toBe(403);
    expect((await fx.as(tokens.admin)('PUT', MONITOR_SETTINGS_PATH, { body: { showListenToAgent: true } })).status).toBe(200);
    const next = await ask(tokens.lead, { agentPersonId: ids['0307'], callId: 'call-3', mode: 'listen' });
    const shown = await redeem(tokens.agent, { grant: next.body.grant, callId: 'call-3', mode: 'listen', change: true });
    expect(shown.body.showToAgent).toBe(true);
    // Whisper is always shown; the agent's own token reads the setting too.
    expect((await fx.as(tokens.agent)('GET', MONITOR_SETTINGS_PATH)).body).toEqual({ showListenToAgent: true });
  });
});

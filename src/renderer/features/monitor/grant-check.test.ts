import { describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { MONITOR_GRANT_AUDIENCE, MONITOR_GRANT_ISSUER } from '../../../shared/domain/monitor';
import { GrantVerifier, peekClaims } from './grant-check';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const CLAIMS = { agent: 'agent-1', team: 'team-a', call: 'call-1', mode: 'listen', leadName: '李班长', leadWorkNumber: '0401' };

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid } };
}

const sign = (key: CryptoKey, kid: string, overrides: Record<string, unknown> = {}, iat = Math.floor(NOW / 1000)) =>
  new SignJWT({ ...CLAIMS, ...overrides })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'monitor+jwt' })
    .setIssuer(MONITOR_GRANT_ISSUER)
    .setAudience(MONITOR_GRANT_AUDIENCE)
    .setSubject('lead-1')
    .setJti(crypto.randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + 30)
    .sign(key);

describe('the agent desk\'s grant check', () => {
  it('accepts a grant of the centre\'s key for this call and mode, and says why it refuses the others', async () => {
    const centre = await keyPair('k1');
    const other = await keyPair('k1');
    let fetches = 0;
    const verifier = new GrantVerifier(async () => {
      fetches += 1;
      return centre.jwk;
    }, () => NOW);
    const good = await sign(centre.privateKey, 'k1');
    expect(peekClaims(good)?.call).toBe('call-1');
    expect(await verifier.check(good, { callId: 'call-1', mode: 'listen' })).toMatchObject({ ok: true, claims: { agent: 'agent-1', mode: 'listen' } });
    expect(await verifier.check(good, { callId: 'call-1', mode: 'barge' })).toEqual({ ok: false, reason: 'wrong-mode' });
    expect(await verifier.check(good, { callId: 'call-2', mode: 'listen' })).toEqual({ ok: false, reason: 'wrong-call' });
    expect(await verifier.check(await sign(other.privateKey, 'k1'), { callId: 'call-1', mode: 'listen' })).toEqual({ ok: false, reason: 'bad-signature' });
    const old = await sign(centre.privateKey, 'k1', {}, Math.floor(NOW / 1000) - 120);
    expect(await verifier.check(old, { callId: 'call-1', mode: 'listen' })).toEqual({ ok: false, reason: 'expired' });
    expect(await verifier.check('not.a.grant', { callId: 'call-1', mode: 'listen' })).toEqual({ ok: false, reason: 'malformed' });
    // The key is fetched once and kept.
    expect(fetches).toBe(1);
  });

  it('fetches the key again for a key id it does not know, and again after a failed fetch', async () => {
    const first = await keyPair('k1');
    const second = await keyPair('k2');
    const served = [null, first.jwk, second.jwk];
    let fetches = 0;
    const verifier = new GrantVerifier(async () => served[Math.min(fetches++, served.length - 1)] ?? null, () => NOW);
    const grant = await sign(first.privateKey, 'k1');
    expect(await verifier.check(grant, { callId: 'call-1', mode: 'listen' })).toEqual({ ok: false, reason: 'bad-signature' });
    expect((await verifier.check(grant, { callId: 'call-1', mode: 'listen' })).ok).toBe(true);
    expect((await verifier.check(await sign(second.privateKey, 'k2'), { callId: 'call-1', mode: 'listen' })).ok).toBe(true);
    expect(fetches).toBe(3);
  });
});

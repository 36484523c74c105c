import { randomUUID } from 'node:crypto';
import type { CryptoKey, JWK } from 'jose';
import {
  GrantClaimsSchema,
  MONITOR_GRANT_ALG,
  MONITOR_GRANT_AUDIENCE,
  MONITOR_GRANT_ISSUER,
  type GrantClaims,
  type RefusalReason,
} from '../../../src/shared/domain/monitor';
import type { MonitorStore, StoredKeyPair } from './monitor-store';

/**
 * jose at first use: the service runs inside the desktop's main process, whose bundle Electron runs before the window
 * exists, and jose's ~40 ms of loading is needed only once a lead monitors a call.
 */
const jose = () => import('jose');

export type VerifyOutcome = { ok: true; claims: GrantClaims } | { ok: false; reason: RefusalReason };

interface Keys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * Signs and checks monitor grants (compact JWS, ES256). The key pair is made
 * on first use and kept in the store, so every instance on one database signs
 * with the same key and the desks cache one public key.
 */
export class GrantSigner {
  private keys: Promise<Keys> | null = null;

  constructor(private readonly store: MonitorStore) {}

  private load(): Promise<Keys> {
    this.keys ??= (async () => {
      const stored = await this.store.keyPair(makeKeyPair);
      const { importJWK } = await jose();
      const publicJwk = JSON.parse(stored.publicJwk) as JWK;
      return {
        kid: stored.kid,
        privateKey: (await importJWK(JSON.parse(stored.privateJwk) as JWK, MONITOR_GRANT_ALG)) as CryptoKey,
        publicKey: (await importJWK(publicJwk, MONITOR_GRANT_ALG)) as CryptoKey,
        publicJwk,
      };
    })().catch((error: unknown) => {
      this.keys = null;
      throw error;
    });
    return this.keys;
  }

  /** What `GET /v1/monitor/key` publishes. */
  async publicKey(): Promise<{ kid: string; alg: string; jwk: JWK }> {
    const keys = await this.load();
    return { kid: keys.kid, alg: MONITOR_GRANT_ALG, jwk: keys.publicJwk };
  }

  async sign(claims: Omit<GrantClaims, 'iat' | 'exp' | 'jti'>, nowMs: number, ttlS: number): Promise<{ token: string; jti: string; expiresAt: number }> {
    const keys = await this.load();
    const jti = randomUUID();
    const iat = Math.floor(nowMs / 1000);
    const { sub, ...rest } = claims;
    const { SignJWT } = await jose();
    const token = await new SignJWT({ ...rest })
      .setProtectedHeader({ alg: MONITOR_GRANT_ALG, kid: keys.kid, typ: 'monitor+jwt' })
      .setIssuer(MONITOR_GRANT_ISSUER)
      .setAudience(MONITOR_GRANT_AUDIENCE)
      .setSubject(sub)
      .setJti(jti)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlS)
      .sign(keys.privateKey);
    return { token, jti, expiresAt: (iat + ttlS) * 1000 };
  }

  async verify(token: string, nowMs: number): Promise<VerifyOutcome> {
    const keys = await this.load();
    return verifyGrant(token, keys.publicKey, nowMs);
  }
}

/** Checks a grant against a public key; the same rules on the service and (with the cached key) on the desk. */
export async function verifyGrant(token: string, publicKey: CryptoKey | Uint8Array, nowMs: number): Promise<VerifyOutcome> {
  const { errors, jwtVerify } = await jose();
  try {
    const { payload } = await jwtVerify(token, publicKey, {
      algorithms: [MONITOR_GRANT_ALG],
      issuer: MONITOR_GRANT_ISSUER,
      audience: MONITOR_GRANT_AUDIENCE,
      typ: 'monitor+jwt',
      currentDate: new Date(nowMs),
      requiredClaims: ['exp', 'iat', 'jti', 'sub'],
    });
    const claims = GrantClaimsSchema.safeParse(payload);
    return claims.success ? { ok: true, claims: claims.data } : { ok: false, reason: 'malformed' };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'bad-signature' };
    return { ok: false, reason: 'malformed' };
  }
}

async function makeKeyPair(): Promise<StoredKeyPair> {
  const { exportJWK, generateKeyPair } = await jose();
  const { privateKey, publicKey } = await generateKeyPair(MONITOR_GRANT_ALG, { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: MONITOR_GRANT_ALG, use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: MONITOR_GRANT_ALG };
  return { kid, privateJwk: JSON.stringify(privateJwk), publicJwk: JSON.stringify(publicJwk) };
}

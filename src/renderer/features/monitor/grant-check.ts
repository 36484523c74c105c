import { decodeJwt, importJWK, jwtVerify, errors, type JWK } from 'jose';
import {
  GrantClaimsSchema,
  MONITOR_GRANT_ALG,
  MONITOR_GRANT_AUDIENCE,
  MONITOR_GRANT_ISSUER,
  type GrantClaims,
  type RefusalReason,
} from '../../../shared/domain/monitor';

export type GrantCheck = { ok: true; claims: GrantClaims } | { ok: false; reason: RefusalReason };

/** What a grant says, unchecked: enough to find the call it names before the signature is checked. */
export function peekClaims(grant: string): GrantClaims | null {
  try {
    const parsed = GrantClaimsSchema.safeParse(decodeJwt(grant));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

type KeySource = () => Promise<Record<string, unknown> | null>;

/**
 * Checks grants on the agent's desk with the centre's public key, fetched once
 * and kept (a key id the cache does not know fetches it again, once). The
 * centre checks again when the desk redeems the grant; this first check
 * refuses a forged INVITE without a round trip and without trusting the
 * centre's answer alone.
 */
export class GrantVerifier {
  private key: Promise<{ kid: string | null; key: CryptoKey } | null> | null = null;

  constructor(
    private readonly source: KeySource,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private load(): Promise<{ kid: string | null; key: CryptoKey } | null> {
    this.key ??= this.source()
      .then(async (jwk) => {
        if (!jwk) return null;
        const key = (await importJWK(jwk as JWK, MONITOR_GRANT_ALG)) as CryptoKey;
        return { kid: typeof jwk.kid === 'string' ? jwk.kid : null, key };
      })
      .catch(() => null)
      .then((loaded) => {
        if (!loaded) this.key = null; // not cached: the next grant tries again
        return loaded;
      });
    return this.key;
  }

  async check(grant: string, expected: { callId: string; mode: string; agentPersonId?: string | null }): Promise<GrantCheck> {
    let loaded = await this.load();
    const header = safeHeaderKid(grant);
    if (loaded && header && loaded.kid && header !== loaded.kid) {
      this.key = null;
      loaded = await this.load();
    }
    if (!loaded) return { ok: false, reason: 'bad-signature' };
    try {
      const { payload } = await jwtVerify(grant, loaded.key, {
        algorithms: [MONITOR_GRANT_ALG],
        issuer: MONITOR_GRANT_ISSUER,
        audience: MONITOR_GRANT_AUDIENCE,
        typ: 'monitor+jwt',
        currentDate: new Date(this.now()),
      });
      const claims = GrantClaimsSchema.safeParse(payload);
      if (!claims.success) return { ok: false, reason: 'malformed' };
      if (expected.agentPersonId && claims.data.agent !== expected.agentPersonId) return { ok: false, reason: 'wrong-agent' };
      if (claims.data.call !== expected.callId) return { ok: false, reason: 'wrong-call' };
      if (claims.data.mode !== expected.mode) return { ok: false, reason: 'wrong-mode' };
      return { ok: true, claims: claims.data };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'bad-signature' };
      return { ok: false, reason: 'malformed' };
    }
  }
}

function safeHeaderKid(grant: string): string | null {
  try {
    const header = JSON.parse(atob((grant.split('.')[0] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { kid?: unknown };
    return typeof header.kid === 'string' ? header.kid : null;
  } catch {
    return null;
  }
}

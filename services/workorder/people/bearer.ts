import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http';
import type { Principal, WorkOrderStore } from '../store/store';
import { hashToken, looksLikeToken } from '../tokens';
import type { PersonRecord, TokenState } from './people-store';

/** Who a request comes from: the token's principal and, for a signed-in desk, the person behind it. */
export interface Caller extends Principal {
  personId: string | null;
  expiresAt: number | null;
}

const CHALLENGE = 'Bearer realm="work-orders"';

/**
 * The bearer token of a request, on every route. A token that was revoked (by
 * IT, by signing the person out, or by disabling the person) answers 401
 * `token_revoked`, one past its expiry 401 `token_expired`: the desk signs out
 * on these and says why. An unknown or malformed token stays 401 `unauthorized`.
 */
export async function authenticateBearer(store: WorkOrderStore, req: IncomingMessage, now: number): Promise<Caller> {
  const token = bearerToken(req);
  return callerOf(looksLikeToken(token) ? await store.people.tokenState(hashToken(token)) : null, now);
}

/** As authenticateBearer, with the person behind the token read in the same statement. */
export async function authenticateBearerWithPerson(
  store: WorkOrderStore,
  req: IncomingMessage,
  now: number,
): Promise<{ caller: Caller; person: PersonRecord | null }> {
  const token = bearerToken(req);
  const found = looksLikeToken(token) ? await store.people.tokenWithPerson(hashToken(token)) : null;
  return { caller: callerOf(found?.state ?? null, now), person: found?.person ?? null };
}

function bearerToken(req: IncomingMessage): string {
  const match = /^Bearer +(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) throw new HttpError(401, 'unauthorized', 'Send Authorization: Bearer <token>.', {}, { 'www-authenticate': CHALLENGE });
  return match[1];
}

function callerOf(state: TokenState | null, now: number): Caller {
  if (!state) throw new HttpError(401, 'unauthorized', 'The token is unknown.', {}, { 'www-authenticate': CHALLENGE });
  const invalid = { 'www-authenticate': `${CHALLENGE}, error="invalid_token"` };
  if (state.revokedAt !== null || state.personDisabledAt !== null) {
    throw new HttpError(401, 'token_revoked', 'The token was revoked; sign in again.', {}, invalid);
  }
  if (state.expiresAt !== null && state.expiresAt <= now) {
    throw new HttpError(401, 'token_expired', 'The session ended; sign in again.', {}, invalid);
  }
  return { ...state.principal, personId: state.personId, expiresAt: state.expiresAt };
}

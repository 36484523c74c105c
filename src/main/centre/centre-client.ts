import { z } from 'zod';
import { lazySchema } from '../../shared/base/lazy-schema';
import {
  ME_PATH,
  PersonSchema,
  SIGN_IN_PATH,
  SignInErrorCodeSchema,
  SignInRequestSchema,
  SignInResponseSchema,
  type Person,
  type SignInErrorCode,
  type SignInRequest,
  type SignInResponse,
} from '../../shared/domain/centre/sign-in';
import { centreRequest, type CentreHttpReply } from './centre-request';

/** How a call to the centre ended, in the terms the desk acts on. */
export type CentreOutcome<T> =
  | { kind: 'ok'; value: T }
  /** The centre said no, with one of the contract's codes. */
  | { kind: 'refused'; status: number; code: SignInErrorCode; retryAfterSeconds: number | null }
  /** No answer at all. */
  | { kind: 'unreachable'; message: string }
  /** An answer outside the contract (not JSON, wrong shape, an unknown error code). */
  | { kind: 'bad-reply'; message: string };

/** The two codes that end a signed-in session on the desk. */
export type TokenRefusal = 'token_revoked' | 'token_expired';

/** A 401 whose body says the token was revoked or ran out; null for any other answer. */
export function tokenRefusalOf(status: number, code: unknown): TokenRefusal | null {
  return status === 401 && (code === 'token_revoked' || code === 'token_expired') ? code : null;
}

/** Ends this desk's session on the centre (its token is revoked there); the person's other desks stay signed in. */
export const SIGN_OUT_PATH = '/v1/sign-out';

const ErrorBodySchema = lazySchema(() => z.object({ error: z.object({ code: z.string().max(100) }).passthrough() }).passthrough());
/** GET /v1/me: at least the person (the centre may send more, e.g. the provisioning again). */
const MeResponseSchema = lazySchema(() => z.object({ person: PersonSchema }).passthrough());

export interface CentreClientOptions {
  baseUrl: string;
  /** Per request. */
  timeoutMs?: number;
  /** The centre's own CA (PEM) for https, read when a request starts. */
  caPem?: () => string | null;
}

/** The desk's side of the centre's sign-in API (src/shared/domain/centre/sign-in.ts). */
export class CentreClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: CentreClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  signIn(request: SignInRequest): Promise<CentreOutcome<SignInResponse>> {
    const body = SignInRequestSchema.parse(request);
    return this.send('POST', SIGN_IN_PATH, { body }, (value) => SignInResponseSchema.parse(value));
  }

  me(token: string): Promise<CentreOutcome<Person>> {
    return this.send('GET', ME_PATH, { token }, (value) => MeResponseSchema.parse(value).person);
  }

  /** Revokes `token` on the centre; true when the centre confirmed (204) or already did not know it. */
  async signOut(token: string): Promise<boolean> {
    const outcome = await this.send('POST', SIGN_OUT_PATH, { token }, () => true, true);
    return outcome.kind === 'ok' || (outcome.kind === 'refused' && tokenRefusalOf(outcome.status, outcome.code) !== null);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    path: string,
    init: { token?: string; body?: unknown },
    parse: (value: unknown) => T,
    emptyBodyOk = false,
  ): Promise<CentreOutcome<T>> {
    const reply: CentreHttpReply = await centreRequest({
      baseUrl: this.options.baseUrl,
      method,
      path,
      timeoutMs: this.timeoutMs,
      caPem: this.options.caPem?.() ?? null,
      ...init,
    });
    if (reply.kind === 'unreachable') return reply;
    const label = `${method} ${path}`;
    if (reply.status >= 200 && reply.status < 300) {
      if (emptyBodyOk && reply.body === null) return { kind: 'ok', value: parse(null) };
      if (reply.body === undefined) return { kind: 'bad-reply', message: `${label}: HTTP ${reply.status} with a body that is not JSON` };
      try {
        return { kind: 'ok', value: parse(reply.body) };
      } catch {
        return { kind: 'bad-reply', message: `${label}: HTTP ${reply.status} with an unexpected body` };
      }
    }
    const error = ErrorBodySchema.safeParse(reply.body);
    const code = error.success ? SignInErrorCodeSchema.safeParse(error.data.error.code) : null;
    if (code?.success) return { kind: 'refused', status: reply.status, code: code.data, retryAfterSeconds: reply.retryAfterSeconds };
    // A gateway's 502/503 page or a service that predates sign-in: no usable answer from the centre.
    if (reply.status >= 500 || reply.status === 404 || reply.status === 405) {
      return { kind: 'unreachable', message: `${label}: HTTP ${reply.status}` };
    }
    return { kind: 'bad-reply', message: `${label}: HTTP ${reply.status} (${error.success ? error.data.error.code : 'no error code'})` };
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { HttpError, readJsonBody } from '../http';
import type { WorkOrderStore } from '../store/store';
import { accessOfPerson, accessOfToken, type Access } from './access';
import { authenticateBearerWithPerson, type Caller } from './bearer';
import type { PersonRecord } from './people-store';
import type { SignInOptions } from './sign-in';

// What the people routes share: the store, the clock, the sign-in policy; the signed-in caller; bodies.

/** Bodies of these routes are small (a sign-in, a new person; at most a department list). */
const BODY_LIMIT = 64 * 1024;

export interface PeopleContext {
  store: WorkOrderStore;
  now: () => number;
  options: SignInOptions;
}

export type PeopleHandler = (ctx: PeopleContext, req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void>;

export interface SignedIn {
  caller: Caller;
  /** Null for a token with no person behind it (admin issue-token). */
  person: PersonRecord | null;
  access: Access;
}

/** The caller of a bearer route, with what they may see (access.ts). */
export async function signedIn(ctx: PeopleContext, req: IncomingMessage): Promise<SignedIn> {
  const { caller, person } = await authenticateBearerWithPerson(ctx.store, req, ctx.now());
  if (caller.personId === null) return { caller, person: null, access: accessOfToken(caller) };
  if (!person) throw new HttpError(401, 'token_revoked', 'The token was revoked; sign in again.');
  return { caller, person, access: accessOfPerson(person) };
}

export async function readBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const result = schema.safeParse(await readJsonBody(req, BODY_LIMIT));
  if (result.success) return result.data;
  throw new HttpError(422, 'invalid-payload', 'The body does not match the schema; nothing was changed.', {
    issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code })),
  });
}


export interface PeopleRoute {
  path: RegExp;
  methods: Record<string, PeopleHandler>;
}

import { randomUUID } from 'node:crypto';
import { SignInResponseSchema, type Person, type SignInRequest, type SignInResponse } from '../../../src/shared/domain/centre/sign-in';
import { HttpError } from '../http';
import type { TokenRole, WorkOrderStore } from '../store/store';
import { hashToken, mintToken } from '../tokens';
import { verifyPassword } from './passwords';
import type { LockoutPolicy, PersonRecord } from './people-store';
import { personView } from './people-admin';

export interface SignInOptions {
  /** How long a signed-in desk's token lasts (default 12 h, a long shift). */
  sessionMs: number;
  lockout: LockoutPolicy;
  /** The sign-in audit: one line per attempt (work number, outcome, desk), never a password or token. */
  log?: (line: string) => void;
}

/** 5 wrong passwords within 15 minutes lock the work number for 15 minutes. */
export const DEFAULT_SIGN_IN_OPTIONS: SignInOptions = {
  sessionMs: 12 * 60 * 60_000,
  lockout: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
};

/** Leads change work-order status (the token role `centre`), as a lead's issued token does today. */
export function tokenRoleOf(person: PersonRecord): TokenRole {
  return person.roles.includes('lead') ? 'centre' : 'agent';
}

const lockedOut = (lockedUntil: number, now: number) =>
  new HttpError(429, 'locked_out', 'Too many wrong passwords; try again later or ask the centre to reset the password.', { lockedUntil }, {
    'retry-after': String(Math.max(1, Math.ceil((lockedUntil - now) / 1000))),
  });

/**
 * Checks the work number and password and opens a session: a bearer token
 * (`hdw_…`, only its SHA-256 kept) for the person's team that expires after
 * the shift, and what the desk needs to work. The password is checked before
 * anything else about the person is said (disabled), and a locked work number
 * is refused without checking it. No session is opened when the centre cannot
 * provision the desk.
 */
export function signIn(store: WorkOrderStore, request: SignInRequest, now: number, options: SignInOptions): Promise<SignInResponse> {
  return audited(request, options, async () => {
    const person = await checkPerson(store, request, now, options);
    const provisioning = await provisioningFor(store, person);
    const session = await openSession(store, person, request.deskId, now, options);
    return SignInResponseSchema.parse({ ...session, ...provisioning });
  });
}

/**
 * The admin screen's sign-in: the same checks and lock-out, a session for an
 * admin only (403 `forbidden` for anyone else, said after the right password),
 * and no provisioning, so IT can sign in before the centre is set up.
 */
export function signInAdmin(
  store: WorkOrderStore,
  request: SignInRequest,
  now: number,
  options: SignInOptions,
): Promise<{ token: string; expiresAt: number; person: Person }> {
  return audited(request, options, async () => {
    const person = await checkPerson(store, request, now, options);
    if (!person.roles.includes('admin')) throw new HttpError(403, 'forbidden', 'Only an admin signs in here.');
    return { ...(await openSession(store, person, request.deskId, now, options)), person: personView(person) };
  });
}

/** One audit line per attempt: work number, outcome, desk (quoted: the desk names itself, so no line break reaches the log). */
async function audited<T>(request: SignInRequest, options: SignInOptions, work: () => Promise<T>): Promise<T> {
  const desk = JSON.stringify(request.deskId);
  try {
    const result = await work();
    options.log?.(`sign-in ${request.workNumber} ok desk ${desk}`);
    return result;
  } catch (error) {
    if (error instanceof HttpError && error.status < 500) options.log?.(`sign-in ${request.workNumber} refused ${error.code} desk ${desk}`);
    throw error;
  }
}

/** The person whose work number and password these are, or the refusal (401, 403 disabled, 429 locked). */
async function checkPerson(store: WorkOrderStore, request: SignInRequest, now: number, options: SignInOptions): Promise<PersonRecord> {
  const person = await store.people.personByWorkNumber(request.workNumber);
  if (!person) throw new HttpError(401, 'unknown_work_number', 'No one has this work number.');
  if (person.lockedUntil !== null && person.lockedUntil > now) throw lockedOut(person.lockedUntil, now);
  if (!(await verifyPassword(request.password, person.passwordHash))) {
    const { lockedUntil } = await store.people.recordFailedSignIn(person.personId, now, options.lockout);
    if (lockedUntil !== null && lockedUntil > now) throw lockedOut(lockedUntil, now);
    throw new HttpError(401, 'wrong_password', 'The password is wrong.');
  }
  if (person.disabledAt !== null) throw new HttpError(403, 'person_disabled', 'This person is disabled at the centre.');
  await store.people.clearFailedSignIns(person.personId);
  return person;
}

async function openSession(
  store: WorkOrderStore,
  person: PersonRecord,
  deskId: string,
  now: number,
  options: SignInOptions,
): Promise<{ token: string; expiresAt: number }> {
  const token = mintToken();
  const expiresAt = now + options.sessionMs;
  // One session per person and desk: signing in again on a desk ends the one it had.
  const label = `desk ${deskId}`;
  await store.people.revokeDeskSessions(person.personId, label, now);
  await store.people.insertSession({
    tokenId: randomUUID(),
    tokenHash: hashToken(token),
    personId: person.personId,
    agentId: person.workNumber,
    teamId: person.teamId,
    role: tokenRoleOf(person),
    label,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

/** The person and what the centre hands their desk (also GET /v1/me). */
export async function provisioningFor(store: WorkOrderStore, person: PersonRecord): Promise<Omit<SignInResponse, 'token' | 'expiresAt'>> {
  const [settings, departments] = await Promise.all([store.people.getCentreSettings(), store.people.listDepartments()]);
  if (!settings) {
    throw new HttpError(503, 'centre-not-configured', 'The centre has no settings yet (admin set-centre --city ...).', {}, { 'retry-after': '60' });
  }
  const sip =
    person.sip && settings.sipServers.length > 0
      ? { servers: settings.sipServers, sipUri: person.sip.uri, authUser: person.sip.authUser, password: person.sip.password, displayName: person.name }
      : null;
  return {
    person: personView(person),
    provisioning: {
      sip,
      departments,
      deskPolicy: { city: settings.city, afterCallWorkSeconds: settings.afterCallWorkSeconds, autoAnswerSeconds: settings.autoAnswerSeconds },
    },
  };
}

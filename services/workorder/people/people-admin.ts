import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  PERSON_ROLES,
  PersonRoleSchema,
  ProvisionedDepartmentSchema,
  WorkNumberSchema,
  type Person,
  type PersonRole,
} from '../../../src/shared/domain/centre/sign-in';
import { DepartmentIdSchema, TeamIdSchema } from '../../../src/shared/domain/work-order';
import type { WorkOrderStore } from '../store/store';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, generatePassword, hashPassword } from './passwords';
import type { CentreDepartment, CentreSettings, PersonRecord, SessionInfo } from './people-store';
import { CentreSettingsSchema } from './rows';

/**
 * What the centre's IT does to people, teams and settings: one function per
 * action, used by the admin CLI and by the admin routes alike. Input is
 * checked here (zod); a refusal is a PeopleAdminError with a code.
 */
export class PeopleAdminError extends Error {
  constructor(
    readonly code: 'invalid' | 'not-found' | 'work-number-taken' | 'no-team' | 'team-exists',
    message: string,
  ) {
    super(message);
    this.name = 'PeopleAdminError';
  }
}

export const PasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
const NameSchema = z.string().trim().min(1).max(64);

/** The person as the wire contract shows them (no hash, no SIP password). */
export function personView(person: PersonRecord): Person {
  return {
    personId: person.personId,
    workNumber: person.workNumber,
    name: person.name,
    roles: person.roles,
    teamId: person.teamId,
    leadsTeams: person.roles.includes('lead') ? person.leadsTeams : [],
  };
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || what}: ${issue.message}`).join('; ');
  throw new PeopleAdminError('invalid', `${what}: ${issues}`);
}

async function personOrThrow(store: WorkOrderStore, workNumber: string): Promise<PersonRecord> {
  const person = await store.people.personByWorkNumber(parse(WorkNumberSchema, workNumber, 'work number'));
  if (!person) throw new PeopleAdminError('not-found', `no person with work number ${workNumber}`);
  return person;
}

export const NewTeamSchema = z.object({ id: TeamIdSchema, name: NameSchema }).strict();

export async function createTeam(store: WorkOrderStore, input: z.input<typeof NewTeamSchema>, at: number): Promise<{ id: string; name: string }> {
  const team = parse(NewTeamSchema, input, 'team');
  const outcome = await store.people.createTeam({ ...team, createdAt: at });
  if (outcome === 'exists') throw new PeopleAdminError('team-exists', `team ${team.id} already exists`);
  return team;
}

export const NewPersonSchema = z
  .object({
    workNumber: WorkNumberSchema,
    name: NameSchema,
    teamId: TeamIdSchema,
    roles: z.array(PersonRoleSchema).min(1).max(PERSON_ROLES.length),
    /** Teams a lead leads besides their own (their own is always led). */
    leadsTeams: z.array(TeamIdSchema).max(64).default([]),
    /** Absent: a password is generated and returned once. */
    password: PasswordSchema.optional(),
  })
  .strict();

export interface CreatedPerson {
  person: Person;
  /** The generated first password (shown once), or null when one was given. */
  password: string | null;
}

export async function createPerson(store: WorkOrderStore, input: z.input<typeof NewPersonSchema>, at: number): Promise<CreatedPerson> {
  const data = parse(NewPersonSchema, input, 'person');
  const roles = [...new Set(data.roles)] as PersonRole[];
  if (!roles.includes('lead') && data.leadsTeams.length > 0) throw new PeopleAdminError('invalid', 'only a lead leads teams (add the lead role)');
  const leadsTeams = roles.includes('lead') ? [...new Set([data.teamId, ...data.leadsTeams])] : [];
  const generated = data.password === undefined ? generatePassword() : null;
  const outcome = await store.people.createPerson({
    personId: randomUUID(),
    workNumber: data.workNumber,
    name: data.name,
    teamId: data.teamId,
    roles,
    leadsTeams,
    passwordHash: await hashPassword(data.password ?? (generated as string)),
    at,
  });
  if (outcome === 'work-number-taken') throw new PeopleAdminError('work-number-taken', `work number ${data.workNumber} is taken`);
  if (outcome === 'no-team') throw new PeopleAdminError('no-team', `no such team: ${[data.teamId, ...data.leadsTeams].join(', ')} (create-team first)`);
  const person = await personOrThrow(store, data.workNumber);
  return { person: personView(person), password: generated };
}

export const PersonPatchSchema = z
  .object({
    name: NameSchema.optional(),
    teamId: TeamIdSchema.optional(),
    roles: z.array(PersonRoleSchema).min(1).max(PERSON_ROLES.length).optional(),
    /** Teams a lead leads besides their own (replaces the list). */
    leadsTeams: z.array(TeamIdSchema).max(64).optional(),
  })
  .strict();

/**
 * Changes a person's name, team, roles or led teams. A new team or new roles
 * end the person's sessions: a token carries its team and work-order role,
 * so the desk signs in again and gets the new ones.
 */
export async function updatePerson(
  store: WorkOrderStore,
  workNumber: string,
  patch: z.input<typeof PersonPatchSchema>,
  at: number,
): Promise<{ person: Person; revoked: number }> {
  const current = await personOrThrow(store, workNumber);
  const change = parse(PersonPatchSchema, patch, 'person');
  const teamId = change.teamId ?? current.teamId;
  const roles = [...new Set(change.roles ?? current.roles)] as PersonRole[];
  const lead = roles.includes('lead');
  if (!lead && (change.leadsTeams?.length ?? 0) > 0) throw new PeopleAdminError('invalid', 'only a lead leads teams (add the lead role)');
  const others = change.leadsTeams ?? current.leadsTeams.filter((team) => team !== current.teamId);
  const outcome = await store.people.updatePerson(
    current.personId,
    { name: change.name ?? current.name, teamId, roles, leadsTeams: lead ? [...new Set([teamId, ...others])] : [] },
    at,
  );
  if (outcome === 'no-team') throw new PeopleAdminError('no-team', `no such team: ${[teamId, ...others].join(', ')} (create-team first)`);
  if (outcome === 'not-found') throw new PeopleAdminError('not-found', `no person with work number ${workNumber}`);
  const moved = teamId !== current.teamId || [...roles].sort().join() !== [...current.roles].sort().join();
  const revoked = moved ? await store.people.revokeSessions(current.personId, at) : 0;
  return { person: personView(await personOrThrow(store, workNumber)), revoked };
}

/** Live sessions, with the desk each was opened on (of one person when given). */
export async function listSessions(store: WorkOrderStore, at: number, workNumber?: string): Promise<SessionInfo[]> {
  const personId = workNumber === undefined ? undefined : (await personOrThrow(store, workNumber)).personId;
  return store.people.listSessions(at, personId);
}

/** Sets a new password (a generated one when none is given, returned once), lifts a lock-out. */
export async function setPassword(store: WorkOrderStore, workNumber: string, password: string | undefined, at: number): Promise<string | null> {
  const person = await personOrThrow(store, workNumber);
  const given = password === undefined ? undefined : parse(PasswordSchema, password, 'password');
  const generated = given === undefined ? generatePassword() : null;
  await store.people.setPassword(person.personId, await hashPassword(given ?? (generated as string)), at);
  return generated;
}

/** Disables (or enables again) a person; disabling also ends every session. */
export async function setPersonDisabled(store: WorkOrderStore, workNumber: string, disabled: boolean, at: number): Promise<{ revoked: number }> {
  const person = await personOrThrow(store, workNumber);
  await store.people.setDisabled(person.personId, disabled, at);
  return { revoked: disabled ? await store.people.revokeSessions(person.personId, at) : 0 };
}

export async function signOutPerson(store: WorkOrderStore, workNumber: string, at: number): Promise<{ revoked: number }> {
  const person = await personOrThrow(store, workNumber);
  return { revoked: await store.people.revokeSessions(person.personId, at) };
}

export const SipAccountSchema = z
  .object({
    uri: z.string().trim().min(5).max(256).regex(/^sips?:[^\s@]+@[^\s@]+$/, 'a SIP URI such as sip:0307@centre.example'),
    authUser: z.string().trim().min(1).max(128),
    password: z.string().min(1).max(256),
  })
  .strict();

export async function setSip(store: WorkOrderStore, workNumber: string, sip: z.input<typeof SipAccountSchema> | null, at: number): Promise<void> {
  const person = await personOrThrow(store, workNumber);
  await store.people.setSip(person.personId, sip === null ? null : parse(SipAccountSchema, sip, 'SIP account'), at);
}

const SipServerSchema = z
  .string()
  .trim()
  .max(512)
  .refine((value) => {
    try {
      return ['ws:', 'wss:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'a WebSocket address, wss://host:port/path');

export const CentreSettingsPatchSchema = z
  .object({
    sipServers: z.array(SipServerSchema).min(1).max(8).optional(),
    city: z.string().trim().min(1).max(32).optional(),
    afterCallWorkSeconds: z.number().int().min(0).max(3600).optional(),
    autoAnswerSeconds: z.number().int().min(0).max(30).nullable().optional(),
    pbxPresence: z.enum(['off', 'dialog-info']).optional(),
  })
  .strict();

/** Defaults of what set-centre leaves out the first time (the city must be given). */
const SETTINGS_DEFAULTS = { sipServers: [], afterCallWorkSeconds: 60, autoAnswerSeconds: null };

/** Changes the given settings, keeps the others. */
export async function setCentre(store: WorkOrderStore, patch: z.input<typeof CentreSettingsPatchSchema>, at: number): Promise<CentreSettings> {
  const change = parse(CentreSettingsPatchSchema, patch, 'centre settings');
  const current = await store.people.getCentreSettings();
  if (!current && change.city === undefined) throw new PeopleAdminError('invalid', 'the first set-centre needs --city');
  const next = parse(
    CentreSettingsSchema,
    Object.fromEntries(Object.entries({ ...SETTINGS_DEFAULTS, ...current, ...change }).filter(([, v]) => v !== undefined)),
    'centre settings',
  );
  await store.people.setCentreSettings(next, at);
  return next;
}

const DepartmentListSchema = z
  .array(ProvisionedDepartmentSchema.extend({ id: DepartmentIdSchema }))
  .min(1)
  .max(500)
  .refine((list) => new Set(list.map((d) => d.id)).size === list.length, 'department ids must be unique');

/** `id|中文|English` per line; blank lines and lines starting with # are skipped. */
export function parseDepartmentLines(text: string): CentreDepartment[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const list = lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'))
    .map(({ line, index }) => {
      const parts = line.split('|').map((part) => part.trim());
      if (parts.length !== 3) throw new PeopleAdminError('invalid', `line ${index + 1}: expected id|中文|English`);
      const [id, zh, en] = parts as [string, string, string];
      return { id, zh, en };
    });
  return parse(DepartmentListSchema, list, 'departments');
}

export async function setDepartments(store: WorkOrderStore, departments: readonly CentreDepartment[], at: number): Promise<number> {
  const list = parse(DepartmentListSchema, departments, 'departments');
  await store.people.replaceDepartments(list, at);
  return list.length;
}

export interface PersonListing extends Person {
  disabled: boolean;
  hasSip: boolean;
  lockedUntil: number | null;
  liveSessions: number;
}

export async function listPeople(store: WorkOrderStore, at: number, teamId?: string): Promise<PersonListing[]> {
  const [people, sessions] = await Promise.all([store.people.listPeople(teamId), store.people.countLiveSessions(at)]);
  return people.map((person) => ({
    ...personView(person),
    disabled: person.disabledAt !== null,
    hasSip: person.sip !== null,
    lockedUntil: person.lockedUntil !== null && person.lockedUntil > at ? person.lockedUntil : null,
    liveSessions: sessions.get(person.personId) ?? 0,
  }));
}

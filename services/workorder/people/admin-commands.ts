import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { parseArgs } from 'node:util';
import type { WorkOrderStore } from '../store/store';
import {
  PeopleAdminError,
  createPerson,
  createTeam,
  listPeople,
  listSessions,
  parseDepartmentLines,
  setCentre,
  setDepartments,
  setPassword,
  setPersonDisabled,
  setSip,
  signOutPerson,
  updatePerson,
} from './people-admin';

export const PEOPLE_ADMIN_USAGE = `People, teams and the centre's settings (sign-in):
  admin create-team --id <team id> --name <name>
  admin create-person --work-number <工号> --name <name> --team <team id> --roles agent[,lead,trainer,inspector,admin,editor]
        [--leads <team id,...>] [--password-stdin]
      Without --password-stdin a first password is generated and printed once.
  admin set-person --work-number <工号> [--name <name>] [--team <team id>] [--roles agent,inspector] [--leads <team id,...>|none]
      A new team or new roles sign the person out (their desks sign in again).
  admin set-password --work-number <工号> [--password-stdin]      (also lifts a lock-out)
  admin disable-person --work-number <工号> [--enable]           (disabling signs the person out)
  admin set-sip --work-number <工号> --uri sip:<user>@<domain> --auth-user <user> --sip-password-stdin
  admin set-sip --work-number <工号> --clear
  admin set-centre [--sip-servers wss://a,wss://b] [--city <城市>] [--acw-seconds <n>] [--auto-answer-seconds <n>|off] [--pbx-presence dialog-info|off]
  admin set-departments --file <path>                          (lines: id|中文|English)
  admin sign-out-person --work-number <工号>                     (revokes every session of the person)
  admin list-people [--team <team id>]
  admin list-sessions [--work-number <工号>]                     (live sessions and their desks)
  admin list-teams`;

export const PEOPLE_COMMANDS = [
  'create-team',
  'create-person',
  'set-person',
  'list-sessions',
  'set-password',
  'disable-person',
  'set-sip',
  'set-centre',
  'set-departments',
  'sign-out-person',
  'list-people',
  'list-teams',
] as const;

export interface AdminIo {
  /** Everything on standard input (a password piped in, never on the command line). */
  readStdin(): Promise<string>;
  readFile(path: string): Promise<string>;
}

export const PROCESS_IO: AdminIo = {
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  },
  readFile: (path) => readFile(path, 'utf8'),
};

/** A refusal the CLI prints with the usage (admin.ts turns it into exit code 2). */
export class PeopleUsageError extends Error {}

/** Standard input without its line end: `echo secret | ...` gives "secret". */
async function secretFromStdin(io: AdminIo, what: string): Promise<string> {
  const text = (await io.readStdin()).replace(/\r?\n$/, '');
  if (text === '') throw new PeopleUsageError(`${what}: nothing on standard input`);
  return text;
}

function need(values: Record<string, unknown>, ...names: string[]): void {
  const missing = names.filter((name) => values[name] === undefined || values[name] === '');
  if (missing.length > 0) throw new PeopleUsageError(`needs ${missing.map((name) => `--${name}`).join(', ')}`);
}

const list = (value: string | undefined) => (value ?? '').split(',').map((part) => part.trim()).filter(Boolean);

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value)) throw new PeopleUsageError(`--${name} must be a whole number of seconds`);
  return Number(value);
}

/** Runs one people command; returns what to print. */
export async function runPeopleCommand(store: WorkOrderStore, command: string, args: string[], now: number, io: AdminIo): Promise<string> {
  try {
    return await run(store, command, args, now, io);
  } catch (error) {
    if (error instanceof PeopleAdminError) throw new PeopleUsageError(error.message);
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw new PeopleUsageError((error as Error).message);
    throw error;
  }
}

async function run(store: WorkOrderStore, command: string, args: string[], now: number, io: AdminIo): Promise<string> {
  const str = { type: 'string' } as const;
  const flag = { type: 'boolean', default: false } as const;
  switch (command) {
    case 'create-team': {
      const { values } = parseArgs({ args, options: { id: str, name: str } });
      need(values, 'id', 'name');
      return JSON.stringify(await createTeam(store, { id: values.id as string, name: values.name as string }, now), null, 2);
    }
    case 'create-person': {
      const { values } = parseArgs({
        args,
        options: { 'work-number': str, name: str, team: str, roles: str, leads: str, 'password-stdin': flag },
      });
      need(values, 'work-number', 'name', 'team', 'roles');
      const password = values['password-stdin'] ? await secretFromStdin(io, '--password-stdin') : undefined;
      const created = await createPerson(
        store,
        {
          workNumber: values['work-number'] as string,
          name: values.name as string,
          teamId: values.team as string,
          roles: list(values.roles) as never,
          leadsTeams: list(values.leads),
          ...(password === undefined ? {} : { password }),
        },
        now,
      );
      return JSON.stringify(created, null, 2);
    }
    case 'set-person': {
      const { values } = parseArgs({ args, options: { 'work-number': str, name: str, team: str, roles: str, leads: str } });
      need(values, 'work-number');
      const updated = await updatePerson(
        store,
        values['work-number'] as string,
        {
          ...(values.name === undefined ? {} : { name: values.name }),
          ...(values.team === undefined ? {} : { teamId: values.team }),
          ...(values.roles === undefined ? {} : { roles: list(values.roles) as never }),
          ...(values.leads === undefined ? {} : { leadsTeams: values.leads === 'none' ? [] : list(values.leads) }),
        },
        now,
      );
      return JSON.stringify(updated, null, 2);
    }
    case 'list-sessions': {
      const { values } = parseArgs({ args, options: { 'work-number': str } });
      return JSON.stringify(await listSessions(store, now, values['work-number']), null, 2);
    }
    case 'set-password': {
      const { values } = parseArgs({ args, options: { 'work-number': str, 'password-stdin': flag } });
      need(values, 'work-number');
      const password = values['password-stdin'] ? await secretFromStdin(io, '--password-stdin') : undefined;
      const generated = await setPassword(store, values['work-number'] as string, password, now);
      return generated === null ? 'password set' : JSON.stringify({ password: generated }, null, 2);
    }
    case 'disable-person': {
      const { values } = parseArgs({ args, options: { 'work-number': str, enable: flag } });
      need(values, 'work-number');
      const { revoked } = await setPersonDisabled(store, values['work-number'] as string, !values.enable, now);
      return values.enable ? `enabled ${values['work-number']}` : `disabled ${values['work-number']}; ${revoked} sessions revoked`;
    }
    case 'set-sip': {
      const { values } = parseArgs({ args, options: { 'work-number': str, uri: str, 'auth-user': str, 'sip-password-stdin': flag, clear: flag } });
      need(values, 'work-number');
      if (values.clear) {
        await setSip(store, values['work-number'] as string, null, now);
        return `SIP account of ${values['work-number']} cleared`;
      }
      need(values, 'uri', 'auth-user');
      if (!values['sip-password-stdin']) throw new PeopleUsageError('set-sip needs --sip-password-stdin (the SIP password on standard input)');
      const password = await secretFromStdin(io, '--sip-password-stdin');
      await setSip(store, values['work-number'] as string, { uri: values.uri as string, authUser: values['auth-user'] as string, password }, now);
      return `SIP account of ${values['work-number']} set`;
    }
    case 'set-centre': {
      const { values } = parseArgs({
        args,
        options: { 'sip-servers': str, city: str, 'acw-seconds': str, 'auto-answer-seconds': str, 'pbx-presence': str },
      });
      const autoAnswer = values['auto-answer-seconds'];
      const settings = await setCentre(
        store,
        {
          ...(values['sip-servers'] === undefined ? {} : { sipServers: list(values['sip-servers']) }),
          ...(values.city === undefined ? {} : { city: values.city }),
          ...(values['acw-seconds'] === undefined ? {} : { afterCallWorkSeconds: intOption(values['acw-seconds'], 'acw-seconds') }),
          ...(autoAnswer === undefined ? {} : { autoAnswerSeconds: autoAnswer === 'off' ? null : intOption(autoAnswer, 'auto-answer-seconds') }),
          // Checked by the settings schema (dialog-info or off).
          ...(values['pbx-presence'] === undefined ? {} : { pbxPresence: values['pbx-presence'] as 'off' | 'dialog-info' }),
        },
        now,
      );
      return JSON.stringify(settings, null, 2);
    }
    case 'set-departments': {
      const { values } = parseArgs({ args, options: { file: str } });
      need(values, 'file');
      const count = await setDepartments(store, parseDepartmentLines(await io.readFile(values.file as string)), now);
      return `${count} departments set`;
    }
    case 'sign-out-person': {
      const { values } = parseArgs({ args, options: { 'work-number': str } });
      need(values, 'work-number');
      const { revoked } = await signOutPerson(store, values['work-number'] as string, now);
      return `${revoked} sessions of ${values['work-number']} revoked`;
    }
    case 'list-people': {
      const { values } = parseArgs({ args, options: { team: str } });
      return JSON.stringify(await listPeople(store, now, values.team), null, 2);
    }
    case 'list-teams':
      parseArgs({ args, options: {} });
      return JSON.stringify(await store.people.listTeams(), null, 2);
    default:
      throw new PeopleUsageError(`unknown command ${command}`);
  }
}

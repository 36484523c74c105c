import { parseArgs } from 'node:util';
import { TOKEN_ROLES } from './store/store';
import type { TokenRole, WorkOrderStore } from './store/store';
import { issueToken } from './tokens';
import { PEOPLE_ADMIN_USAGE, PEOPLE_COMMANDS, PROCESS_IO, PeopleUsageError, runPeopleCommand, type AdminIo } from './people/admin-commands';
import { KNOWLEDGE_ADMIN_USAGE, KNOWLEDGE_COMMANDS, KnowledgeUsageError, runKnowledgeCommand } from './knowledge/admin-commands';

export const ADMIN_USAGE = `Usage:
  admin issue-token --agent <工号> --team <team id> [--role agent|centre] [--label <text>]
      Prints a new bearer token once; only its SHA-256 is stored.
  admin revoke-token --id <token id>
  admin list-tokens
${PEOPLE_ADMIN_USAGE}
${KNOWLEDGE_ADMIN_USAGE}
Database: DATABASE_URL (PostgreSQL, postgres://user:password@host:port/db) when set,
otherwise DATABASE_PATH (SQLite file, default ./workorder.sqlite).`;

export class UsageError extends Error {}

/** Runs one admin command against the store; returns what to print. */
export async function runAdminCommand(store: WorkOrderStore, argv: string[], now = Date.now(), io: AdminIo = PROCESS_IO): Promise<string> {
  const [command, ...rest] = argv;
  if (PEOPLE_COMMANDS.includes(command as (typeof PEOPLE_COMMANDS)[number])) {
    return runPeopleCommand(store, command as string, rest, now, io).catch((error: unknown) => {
      throw error instanceof PeopleUsageError ? new UsageError(`${command}: ${error.message}`) : error;
    });
  }
  if (KNOWLEDGE_COMMANDS.includes(command as (typeof KNOWLEDGE_COMMANDS)[number])) {
    return runKnowledgeCommand(store, command as string, rest, now).catch((error: unknown) => {
      throw error instanceof KnowledgeUsageError ? new UsageError(`${command}: ${error.message}`) : error;
    });
  }
  switch (command) {
    case 'issue-token': {
      const { values } = parseArgs({
        args: rest,
        options: {
          agent: { type: 'string' },
          team: { type: 'string' },
          role: { type: 'string', default: 'agent' },
          label: { type: 'string', default: '' },
        },
      });
      if (!values.agent || !values.team) throw new UsageError('issue-token needs --agent and --team');
      if (!TOKEN_ROLES.includes(values.role as TokenRole)) throw new UsageError(`--role must be one of ${TOKEN_ROLES.join(', ')}`);
      let issued;
      try {
        issued = await issueToken(store, {
          agentId: values.agent,
          teamId: values.team,
          role: values.role as TokenRole,
          label: values.label,
          now,
        });
      } catch (error) {
        if ((error as Error).name === 'ZodError') throw new UsageError('--agent is letters, digits and -, up to 16; --team up to 64 of letters, digits, . _ -');
        throw error;
      }
      return JSON.stringify(issued, null, 2);
    }
    case 'revoke-token': {
      const { values } = parseArgs({ args: rest, options: { id: { type: 'string' } } });
      if (!values.id) throw new UsageError('revoke-token needs --id');
      const revoked = await store.revokeToken(values.id, now);
      if (!revoked) throw new UsageError(`no active token with id ${values.id}`);
      return `revoked ${values.id}`;
    }
    case 'list-tokens':
      return JSON.stringify(await store.listTokens(), null, 2);
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'no command');
  }
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AgentIdSchema, TeamIdSchema } from '../../src/shared/domain/work-order';
import type { TokenRole, WorkOrderStore } from './store/store';

/** Bearer tokens look like `hdw_<43 base64url chars>` (256 random bits). */
const TOKEN_PREFIX = 'hdw_';
const TOKEN_SHAPE = /^hdw_[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

/** A new token value (shown once; store only hashToken of it). */
export function mintToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export interface IssuedToken {
  tokenId: string;
  /** Shown once; only its SHA-256 is stored. */
  token: string;
  agentId: string;
  teamId: string;
  role: TokenRole;
}

/** Issues a token for one agent in one team. */
export async function issueToken(
  store: WorkOrderStore,
  options: { agentId: string; teamId: string; role?: TokenRole; label?: string; now?: number },
): Promise<IssuedToken> {
  const agentId = AgentIdSchema.parse(options.agentId);
  const teamId = TeamIdSchema.parse(options.teamId);
  const role = options.role ?? 'agent';
  const token = mintToken();
  const tokenId = randomUUID();
  await store.insertToken({
    tokenId,
    tokenHash: hashToken(token),
    agentId,
    teamId,
    role,
    label: options.label ?? '',
    createdAt: options.now ?? Date.now(),
  });
  return { tokenId, token, agentId, teamId, role };
}

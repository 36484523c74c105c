import type { AgentStatus } from '../../../shared/domain/agent-state';

/**
 * Telling the PBX instead of answering 486: many PBXs pause the agent in their
 * call queues when the agent's phone "dials" a feature code (Asterisk-style
 * *72 / *73). We send a SIP MESSAGE to the code's URI (a short request that
 * needs no audio); a PBX can map it to queue pause/unpause.
 */
export type FeatureCode = 'pause' | 'unpause';

const TAKES_CALLS = (status: AgentStatus): boolean => status === 'ready';

/** The code a transition needs, if any. Going offline un-REGISTERs, which takes the agent out anyway. */
export function featureCodeFor(previous: AgentStatus, next: AgentStatus): FeatureCode | null {
  if (previous === next || previous === 'offline' || next === 'offline') return null;
  if (TAKES_CALLS(previous) && !TAKES_CALLS(next)) return 'pause';
  if (!TAKES_CALLS(previous) && TAKES_CALLS(next)) return 'unpause';
  return null;
}

/** `*72` with our `sip:1001@pbx.example.cn` → `sip:*72@pbx.example.cn`; a full SIP URI stays as it is. */
export function featureCodeTarget(code: string, accountUri: string): string | null {
  if (/^sips?:/i.test(code)) return code;
  const match = /^(sips?):[^@]+@([^;>?\s]+)/i.exec(accountUri);
  if (!match) return null;
  return `${match[1]!.toLowerCase()}:${code.replace(/#/g, '%23')}@${match[2]}`;
}

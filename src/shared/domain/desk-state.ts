import type { AgentState } from './agent-state';
import type { CallView } from './call/call-view';

/**
 * The one state the softphone bar shows: what the desk is doing now. A call in
 * progress outranks the agent's availability (an agent who chose 示闲 and is on
 * a call is 通话中, not 示闲); without a call it is the availability itself.
 */
export const DESK_STATES = [
  'offline',
  'ready',
  'ringing',
  'dialing',
  'talking',
  'held',
  'consulting',
  'after-call',
  'break',
  'not-ready',
] as const;
export type DeskStateKind = (typeof DESK_STATES)[number];

export interface DeskState {
  kind: DeskStateKind;
  /** When this state began (epoch ms), for the timer beside it. */
  since: number;
  /** Only for 'break'. */
  breakReason: string | null;
}

export function deskStateOf(agent: AgentState, calls: readonly CallView[], front: CallView | null): DeskState {
  const live = calls.filter((call) => call.phase !== 'ended');
  const ringing = live.find((call) => call.phase === 'ringing' && !call.waiting) ?? null;
  // A waiting call (a second call while talking) does not stop the agent talking.
  const talkingCall = front && front.phase === 'active' ? front : (live.find((call) => call.phase === 'active') ?? null);
  if (talkingCall) {
    if (talkingCall.consultFor !== null || talkingCall.transfer === 'consulting') {
      return { kind: 'consulting', since: talkingCall.answeredAt ?? talkingCall.startedAt, breakReason: null };
    }
    if (talkingCall.heldAt !== null) return { kind: 'held', since: talkingCall.heldAt, breakReason: null };
    return { kind: 'talking', since: talkingCall.answeredAt ?? talkingCall.startedAt, breakReason: null };
  }
  if (ringing) return { kind: 'ringing', since: ringing.startedAt, breakReason: null };
  const dialing = live.find((call) => call.phase === 'dialing');
  if (dialing) return { kind: 'dialing', since: dialing.startedAt, breakReason: null };
  return { kind: agent.status, since: agent.since, breakReason: agent.status === 'break' ? agent.breakReason : null };
}

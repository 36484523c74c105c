import { connectionLostSince } from './floor-connection';
import type { FloorAgent } from './floor';
import type { DialogInfoDialog } from './floor-dialog-info';

/**
 * The PBX's word on an agent (dialog-info presence), merged into the lead's
 * floor. The desk's own report always wins while the desk is heard from; the
 * PBX only speaks for an agent whose desk is lost, offline or never reported
 * (the app crashed, the PC froze), and is shown as the PBX's, never as the
 * desk's state. Pure; every time is on the service's clock.
 */

/** How the lead's desk's subscription to one agent stands. */
export const PBX_WATCH_STATES = ['pending', 'active', 'refused', 'failed'] as const;
export type PbxWatchState = (typeof PBX_WATCH_STATES)[number];

export interface PbxPresence {
  watch: PbxWatchState;
  /** The SIP status of the last refusal or failure (0: no answer), else null. */
  status: number | null;
  /** From the PBX's dialogs: on a call (confirmed), ringing (trying/proceeding/early), or none. */
  phase: 'talking' | 'ringing' | 'idle';
  /** When the PBX first showed the current phase's call (talking: answered); null when idle. */
  callSince: number | null;
  /** The other party, masked as the floor masks callers (138****5678); null if not given. */
  remote: string | null;
  /** When the PBX last reported a call of this agent ended; null before any. */
  endedAt: number | null;
}

export const PBX_UNKNOWN: PbxPresence = { watch: 'pending', status: null, phase: 'idle', callSince: null, remote: null, endedAt: null };

/** The floor's masking of a caller's number, applied to a SIP identity's user part (sip:13812345678@pbx → 138****5678). */
export function maskIdentity(identity: string | null): string | null {
  if (identity === null) return null;
  const user = /^(?:sips?|tel):([^@;?>]+)/i.exec(identity.trim())?.[1] ?? identity.trim();
  let digits = user.replace(/\D/g, '');
  if (digits.length === 0) return user === '' ? null : '****';
  if (/^(0086|86)1\d{10}$/.test(digits)) digits = digits.replace(/^(0086|86)/, '');
  if (digits.length <= 7) return '*'.repeat(Math.max(0, digits.length - 2)) + digits.slice(-2);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/**
 * The next presence after a NOTIFY whose dialogs (as DialogInfoView keeps
 * them, confirmed first) are `dialogs`, at `now`. The call's start holds
 * while the phase holds (ringing → talking restarts it: the call's time is
 * from the answer); a call that goes leaves `endedAt`.
 */
export function pbxPresenceAfter(previous: PbxPresence, dialogs: readonly DialogInfoDialog[], now: number): PbxPresence {
  const phase = dialogs.some((d) => d.state === 'confirmed') ? 'talking' : dialogs.length > 0 ? 'ringing' : 'idle';
  const front = dialogs[0] ?? null;
  if (phase === 'idle') {
    const ended = previous.phase !== 'idle' ? now : previous.endedAt;
    return { watch: 'active', status: null, phase, callSince: null, remote: null, endedAt: ended };
  }
  const callSince = previous.phase === phase && previous.callSince !== null ? previous.callSince : now;
  return { watch: 'active', status: null, phase, callSince, remote: maskIdentity(front?.remote ?? null), endedAt: previous.endedAt };
}

/** The subscription was refused (403, 489...) or failed (0: no answer, 408...): what the PBX said before no longer holds. */
export function pbxPresenceLost(previous: PbxPresence, status: number): PbxPresence {
  return { ...PBX_UNKNOWN, watch: status === 403 || status === 489 || status === 404 ? 'refused' : 'failed', status, endedAt: previous.endedAt };
}

/** What the floor's row shows for the agent's call. */
export type FloorCallView =
  /** The desk is heard from: its own report (call phase, caller, script step) as it is. */
  | { source: 'desk' }
  /** The desk is not heard from and the PBX reports a call: "talking (from the PBX)". */
  | { source: 'pbx'; phase: 'talking' | 'ringing'; since: number | null; remote: string | null }
  /** The desk is not heard from and the PBX reported the call ended after the desk went quiet. */
  | { source: 'pbx-ended'; endedAt: number }
  /** The desk is not heard from and the PBX says nothing of use. */
  | { source: 'none' };

/** True while the agent's own desk speaks for the agent (the PBX's word is not needed). */
export function deskIsHeard(agent: Pick<FloorAgent, 'reportedAt' | 'keepAliveMs' | 'agentState'>, serverNow: number): boolean {
  return agent.reportedAt !== null && agent.agentState !== 'offline' && connectionLostSince(agent, serverNow) === null;
}

/** The merge: the desk's report while it is heard; otherwise what an active PBX subscription reports. */
export function floorCallView(
  agent: Pick<FloorAgent, 'reportedAt' | 'keepAliveMs' | 'agentState'>,
  pbx: PbxPresence | undefined,
  serverNow: number,
): FloorCallView {
  if (deskIsHeard(agent, serverNow)) return { source: 'desk' };
  if (!pbx || pbx.watch !== 'active') return { source: 'none' };
  if (pbx.phase !== 'idle') return { source: 'pbx', phase: pbx.phase, since: pbx.callSince, remote: pbx.remote };
  // An end the PBX saw after the desk last spoke says what became of the call the desk was on.
  if (pbx.endedAt !== null && (agent.reportedAt === null || pbx.endedAt >= agent.reportedAt)) return { source: 'pbx-ended', endedAt: pbx.endedAt };
  return { source: 'none' };
}

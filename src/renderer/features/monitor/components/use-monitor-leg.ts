import type { TFunction } from 'i18next';
import type { MonitorMode } from '../../../../shared/domain/monitor';
import { monitorActions, useMonitorStore } from '../monitor-desk';

const KNOWN_FAILURES = ['other-team', 'forbidden', 'not-found', 'signed-out', 'unreachable', 'sip-403', 'not-registered', 'no-agent-address', 'no-microphone'] as const;
type KnownFailure = (typeof KNOWN_FAILURES)[number];
const isKnown = (reason: string): reason is KnownFailure => (KNOWN_FAILURES as readonly string[]).includes(reason);

/** Why a monitor leg failed, in the lead's words (t: the 'monitor' namespace). */
export function failureText(t: TFunction<'monitor'>, failure: string): string {
  return isKnown(failure) ? t(`failure.${failure}`) : t('failure.other', { reason: failure });
}

/** The lead's monitor leg on one agent's call, as the buttons show it, and what they do. */
export function useMonitorLeg(agentPersonId: string, callId: string | null) {
  const leg = useMonitorStore((s) => s.legs[agentPersonId]);
  const live = !!leg && leg.callId === callId && (leg.phase === 'on' || leg.phase === 'changing' || leg.phase === 'connecting' || leg.phase === 'asking');
  const busy = leg?.phase === 'asking' || leg?.phase === 'connecting' || leg?.phase === 'changing';
  return {
    leg,
    live,
    busy,
    /** The mode on this call, or null. */
    mode: live ? leg.mode : null,
    failure: leg?.failure ?? null,
    choose: (mode: MonitorMode) => {
      if (callId) void monitorActions.choose(agentPersonId, callId, mode);
    },
    stop: () => void monitorActions.stop(agentPersonId),
  };
}

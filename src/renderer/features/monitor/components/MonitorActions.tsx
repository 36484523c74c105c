import { useTranslation } from 'react-i18next';
import { MONITOR_MODES, type MonitorMode } from '../../../../shared/domain/monitor';
import { monitorActions, useMonitorStore } from '../monitor-desk';

export interface MonitorActionsProps {
  /** The agent (centre person id). */
  agentPersonId: string;
  /** The agent's current call as the agent's desk names it; null: not on a call (the buttons are disabled). */
  callId: string | null;
  /** Shown to screen readers with the buttons, e.g. the agent's name and work number. */
  agentLabel?: string;
}

const KNOWN_FAILURES = ['other-team', 'forbidden', 'not-found', 'signed-out', 'unreachable', 'sip-403', 'not-registered', 'no-agent-address', 'no-microphone'] as const;
type KnownFailure = (typeof KNOWN_FAILURES)[number];
const isKnown = (reason: string): reason is KnownFailure => (KNOWN_FAILURES as readonly string[]).includes(reason);

/**
 * Listen / Whisper / Barge / Take over for one agent's call, for a floor row or
 * an alert: plain buttons (Tab and Enter/Space reach them), each with what it
 * does as its title. The active mode is pressed; Stop ends the leg.
 */
export function MonitorActions({ agentPersonId, callId, agentLabel }: MonitorActionsProps) {
  const { t } = useTranslation('monitor');
  const leg = useMonitorStore((s) => s.legs[agentPersonId]);
  const live = leg && leg.callId === callId && (leg.phase === 'on' || leg.phase === 'changing' || leg.phase === 'connecting' || leg.phase === 'asking');
  const busy = leg?.phase === 'asking' || leg?.phase === 'connecting' || leg?.phase === 'changing';
  const failure = leg?.failure ?? null;
  const choose = (mode: MonitorMode) => {
    if (callId) void monitorActions.choose(agentPersonId, callId, mode);
  };
  return (
    <div
      className="monitor-actions"
      role="group"
      aria-label={agentLabel ? `${t('actions.label')} ${agentLabel}` : t('actions.label')}
      data-testid="monitor-actions"
      data-agent={agentPersonId}
      data-phase={leg?.phase ?? 'idle'}
      data-mode={live ? leg.mode : ''}
    >
      {MONITOR_MODES.map((mode) => (
        <button
          key={mode}
          type="button"
          className="button button--small"
          data-testid={`monitor-${mode}`}
          title={t(`actions.${mode}Help`)}
          aria-pressed={live ? leg.mode === mode : false}
          disabled={!callId || busy}
          onClick={() => choose(mode)}
        >
          {t(`actions.${mode}`)}
        </button>
      ))}
      {live ? (
        <button type="button" className="button button--small" data-testid="monitor-stop" onClick={() => void monitorActions.stop(agentPersonId)}>
          {t('actions.stop')}
        </button>
      ) : null}
      {!callId ? <span className="monitor-actions__note">{t('actions.noCall')}</span> : null}
      {leg && leg.phase !== 'ended' ? (
        <span className="monitor-actions__phase" role="status" data-testid="monitor-phase">
          {t(`phase.${leg.phase}`)}
        </span>
      ) : null}
      {failure ? (
        <span className="monitor-actions__failure" role="alert" data-testid="monitor-failure" data-reason={failure}>
          {isKnown(failure) ? t(`failure.${failure}`) : t('failure.other', { reason: failure })}
        </span>
      ) : null}
    </div>
  );
}

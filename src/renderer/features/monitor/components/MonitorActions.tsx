import { useTranslation } from 'react-i18next';
import { MONITOR_MODES } from '../../../../shared/domain/monitor';
import { MonitorIconActions } from './MonitorIconActions';
import { failureText, useMonitorLeg } from './use-monitor-leg';

export interface MonitorActionsProps {
  /** The agent (centre person id). */
  agentPersonId: string;
  /** The agent's current call as the agent's desk names it; null: not on a call (the buttons are disabled). */
  callId: string | null;
  /** Shown to screen readers with the buttons, e.g. the agent's name and work number. */
  agentLabel?: string;
  /** One row's narrow cell: icon buttons, their names and what they do as tooltips (MonitorIconActions). */
  compact?: boolean;
  /**
   * Why the modes cannot work now although a call may show (e.g. the agent's
   * desk connection is lost): they show disabled with it as their tooltip and
   * description. A leg already live keeps its Stop.
   */
  unavailable?: string | null;
}

/**
 * Listen / Whisper / Barge / Take over for one agent's call, for the agent's
 * drawer or an alert: plain buttons (Tab and Enter/Space reach them), each with
 * what it does as its title. The active mode is pressed; Stop ends the leg.
 */
export function MonitorActions(props: MonitorActionsProps) {
  return props.compact ? <MonitorIconActions {...props} /> : <MonitorButtons {...props} />;
}

function MonitorButtons({ agentPersonId, callId, agentLabel, unavailable = null }: MonitorActionsProps) {
  const { t } = useTranslation('monitor');
  const { leg, live, mode, busy, failure, choose, stop } = useMonitorLeg(agentPersonId, callId);
  return (
    <div
      className="monitor-actions"
      role="group"
      aria-label={agentLabel ? `${t('actions.label')} ${agentLabel}` : t('actions.label')}
      data-testid="monitor-actions"
      data-agent={agentPersonId}
      data-phase={leg?.phase ?? 'idle'}
      data-mode={mode ?? ''}
      data-unavailable={unavailable !== null ? 'true' : undefined}
    >
      {MONITOR_MODES.map((each) => (
        <button
          key={each}
          type="button"
          className="button button--small"
          data-testid={`monitor-${each}`}
          title={unavailable ?? t(`actions.${each}Help`)}
          aria-description={unavailable ?? undefined}
          aria-pressed={mode === each}
          disabled={!callId || busy || unavailable !== null}
          onClick={() => choose(each)}
        >
          {t(`actions.${each}`)}
        </button>
      ))}
      {live ? (
        <button type="button" className="button button--small" data-testid="monitor-stop" onClick={stop}>
          {t('actions.stop')}
        </button>
      ) : null}
      {unavailable !== null ? (
        <span className="monitor-actions__note" data-testid="monitor-unavailable">
          {unavailable}
        </span>
      ) : !callId ? (
        <span className="monitor-actions__note">{t('actions.noCall')}</span>
      ) : null}
      {leg && leg.phase !== 'ended' ? (
        <span className="monitor-actions__phase" role="status" data-testid="monitor-phase">
          {t(`phase.${leg.phase}`)}
        </span>
      ) : null}
      {failure ? (
        <span className="monitor-actions__failure" role="alert" data-testid="monitor-failure" data-reason={failure}>
          {failureText(t, failure)}
        </span>
      ) : null}
    </div>
  );
}

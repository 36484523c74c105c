import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { CallForwardedIcon, EarphoneIcon, ErrorCircleIcon, StopCircleIcon, UserTalkIcon, UsergroupAddIcon } from 'tdesign-icons-react';
import { MONITOR_MODES, type MonitorMode } from '../../../../shared/domain/monitor';
import type { MonitorActionsProps } from './MonitorActions';
import { failureText, useMonitorLeg } from './use-monitor-leg';
import '../monitor.css';

const ICONS: Record<MonitorMode, ComponentType<{ 'aria-hidden'?: boolean }>> = {
  listen: EarphoneIcon,
  whisper: UserTalkIcon,
  barge: UsergroupAddIcon,
  takeover: CallForwardedIcon,
};

/**
 * The monitor actions in one floor row's narrow cell: an icon button per mode
 * (still plain buttons, so Tab and Enter/Space reach them), named for screen
 * readers, with the mode and what it does as the tooltip; the active mode is
 * pressed, Stop appears while a leg is live. The phase is spoken, not shown:
 * the pressed or pulsing button shows it; a failure is an icon whose tooltip
 * says why. The agent's drawer and the alert cards keep the labelled buttons.
 */
export function MonitorIconActions({ agentPersonId, callId, agentLabel, unavailable = null }: MonitorActionsProps) {
  const { t } = useTranslation('monitor');
  const { leg, live, mode, busy, failure, choose, stop } = useMonitorLeg(agentPersonId, callId);
  const why = failure ? failureText(t, failure) : null;
  return (
    <div
      className="monitor-actions monitor-actions--compact"
      role="group"
      aria-label={agentLabel ? `${t('actions.label')} ${agentLabel}` : t('actions.label')}
      data-testid="monitor-actions"
      data-agent={agentPersonId}
      data-phase={leg?.phase ?? 'idle'}
      data-mode={mode ?? ''}
      data-unavailable={unavailable !== null ? 'true' : undefined}
    >
      {MONITOR_MODES.map((each) => {
        const Icon = ICONS[each];
        const pending = busy && leg?.mode === each;
        return (
          <button
            key={each}
            type="button"
            className={`monitor-icon${pending ? ' monitor-icon--busy' : ''}`}
            data-testid={`monitor-${each}`}
            aria-label={t(`actions.${each}`)}
            title={t('actions.tip', { action: t(`actions.${each}`), help: unavailable ?? (callId ? t(`actions.${each}Help`) : t('actions.noCall')) })}
            aria-description={unavailable ?? undefined}
            aria-pressed={mode === each}
            disabled={!callId || busy || unavailable !== null}
            onClick={() => choose(each)}
          >
            <Icon aria-hidden />
          </button>
        );
      })}
      {live ? (
        <button type="button" className="monitor-icon monitor-icon--stop" data-testid="monitor-stop" aria-label={t('actions.stop')} title={t('actions.stop')} onClick={stop}>
          <StopCircleIcon aria-hidden />
        </button>
      ) : null}
      {leg && leg.phase !== 'ended' ? (
        <span className="visually-hidden" role="status" data-testid="monitor-phase">
          {t(`phase.${leg.phase}`)}
        </span>
      ) : null}
      {why ? (
        <span className="monitor-actions__failure monitor-actions__failure--icon" role="alert" data-testid="monitor-failure" data-reason={failure} title={why}>
          <ErrorCircleIcon aria-hidden />
          <span className="visually-hidden">{why}</span>
        </span>
      ) : null}
    </div>
  );
}

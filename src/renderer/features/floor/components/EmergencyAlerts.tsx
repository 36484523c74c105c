import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Tooltip } from 'tdesign-react';
import type { FloorAlert } from '../../../../shared/domain/floor';
import { EmergencyAlarm } from '../alarm';
import { FloorActionSlot } from './FloorActionSlot';
import { acknowledgeAlert, hideAlert, openAgentDrawer, showScreen, useFloorStore } from '../floor-store';
import { clockTime } from '../floor-time';
import { useNow } from './use-now';
import '../floor.css';

/** How long a taken alert stays up, saying who took it. */
const TAKEN_SHOWN_MS = 2 * 60_000;

/**
 * Emergencies on a lead's desk, over whichever screen is shown (desk or
 * floor): every alert no lead has taken yet, with the alarm sounding, and
 * alerts taken lately saying who took them.
 */
export function EmergencyAlerts() {
  const alerts = useFloorStore((state) => state.alerts);
  const hidden = useFloorStore((state) => state.hidden);
  const offset = useFloorStore((state) => state.clockOffsetMs);
  const serverNow = useNow(5_000) + offset;
  const shown = useMemo(
    () =>
      [...alerts.values()]
        .filter((alert) => !hidden.has(alert.id) && (alert.acknowledgedAt === null || serverNow - alert.acknowledgedAt < TAKEN_SHOWN_MS))
        .sort((a, b) => Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null) || b.raisedAt - a.raisedAt),
    [alerts, hidden, serverNow],
  );
  const waiting = shown.some((alert) => alert.acknowledgedAt === null);
  const alarm = useRef<EmergencyAlarm | null>(null);
  useEffect(() => {
    alarm.current ??= new EmergencyAlarm();
    if (waiting) alarm.current.start();
    else alarm.current.stop();
  }, [waiting]);
  useEffect(() => () => alarm.current?.stop(), []);
  if (shown.length === 0) return null;
  return (
    <div className="floor-alerts" role="alert" data-testid="floor-alerts" data-alarm={waiting ? 'on' : 'off'}>
      {shown.map((alert) => (
        <AlertCard key={alert.id} alert={alert} toLocal={offset} />
      ))}
    </div>
  );
}

function AlertCard({ alert, toLocal }: { alert: FloorAlert; toLocal: number }) {
  const { t } = useTranslation('floor');
  const me = useFloorStore((state) => state.me);
  const acking = useFloorStore((state) => state.acking.has(alert.id));
  const ackFailed = useFloorStore((state) => state.ackFailed.has(alert.id));
  const typed = [alert.draft.summary, alert.draft.description, alert.draft.address].filter(Boolean).join(' · ');
  const taken = alert.acknowledgedBy;
  return (
    <article
      className={`floor-alert${taken ? ' floor-alert--taken' : ''}${alert.escalatedAt !== null ? ' floor-alert--escalated' : ''}`}
      data-testid="floor-alert"
      data-alert-id={alert.id}
      data-work-number={alert.agent.workNumber}
      data-taken-by={taken?.workNumber ?? ''}
    >
      <header>
        <strong>{t('alert.title')}</strong> {t('alert.from', { workNumber: alert.agent.workNumber, name: alert.agent.name })}
        <span className="muted"> {t('alert.raisedAt', { time: clockTime(alert.raisedAt - toLocal) })}</span>
      </header>
      {alert.escalatedAt !== null && !taken && <p className="floor-alert__escalated">{t('alert.escalated')}</p>}
      <p data-testid="floor-alert-caller">{t('alert.caller', { number: alert.callerNumber ?? '-' })}</p>
      <p className="muted">
        {t(`alert.reason.${alert.reason}`)}
        {alert.matchedTerms.length > 0 && ` · ${t('alert.terms', { terms: alert.matchedTerms.join('、') })}`}
      </p>
      <p data-testid="floor-alert-typed">{typed ? t('alert.typed', { text: typed }) : t('alert.nothingTyped')}</p>
      <footer className="floor-alert__actions">
        {taken ? (
          <span data-testid="floor-alert-taken">{taken.workNumber === me ? t('alert.takenByMe') : t('alert.takenBy', { name: taken.name, workNumber: taken.workNumber })}</span>
        ) : (
          <Button theme="danger" loading={acking} onClick={() => void acknowledgeAlert(alert.id)} data-testid="floor-alert-ack">
            {acking ? t('alert.acking') : t('alert.ack')}
          </Button>
        )}
        <FloorActionSlot
          agent={{ ...alert.agent, teamId: alert.teamId }}
          context="emergency"
          alert={alert}
          fallback={
            <>
              <Tooltip content={t('alert.monitorUnavailable')}>
                <span data-testid="floor-alert-listen-slot">
                  <Button variant="outline" disabled data-testid="floor-alert-listen">
                    {t('alert.listen')}
                  </Button>
                </span>
              </Tooltip>
              <Tooltip content={t('alert.monitorUnavailable')}>
                <span>
                  <Button variant="outline" disabled data-testid="floor-alert-barge">
                    {t('alert.barge')}
                  </Button>
                </span>
              </Tooltip>
            </>
          }
        />
        <Button
          variant="text"
          onClick={() => {
            showScreen('floor');
            openAgentDrawer(alert.agent.personId);
          }}
        >
          {t('toFloor')}
        </Button>
        {taken && (
          <Button variant="text" onClick={() => hideAlert(alert.id)}>
            {t('alert.dismiss')}
          </Button>
        )}
        {ackFailed && <span className="notice notice--error">{t('alert.ackFailed')}</span>}
      </footer>
    </article>
  );
}

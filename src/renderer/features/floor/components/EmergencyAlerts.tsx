import { useEffect, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Button, Tooltip } from 'tdesign-react';
import type { FloorAlert } from '../../../../shared/domain/floor';
import { EmergencyAlarm } from '../alarm';
import { FloorActionSlot } from './FloorActionSlot';
import { useAlertDock } from '../alert-dock';
import { acknowledgeAlert, hideAlert, openAgentDrawer, showScreen, useFloorStore } from '../floor-store';
import { clockTime } from '../floor-time';
import { useNow } from './use-now';
import '../floor.css';

/** How long a taken alert stays up, saying who took it. */
const TAKEN_SHOWN_MS = 2 * 60_000;

/**
 * Emergencies on a lead's desk: every alert no lead has taken yet, with the
 * alarm sounding, and alerts taken lately saying who took them. On the floor
 * they sit in the dock beside the agents' list (never over a row's actions);
 * over the desk they float bottom right.
 */
export function EmergencyAlerts() {
  const alerts = useFloorStore((state) => state.alerts);
  const hidden = useFloorStore((state) => state.hidden);
  const offset = useFloorStore((state) => state.clockOffsetMs);
  // Every second, as the rows: a card's actions are blocked as soon as its agent's desk is lost.
  const serverNow = useNow(1_000) + offset;
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
  const dock = useAlertDock((state) => state.element);
  if (shown.length === 0) return null;
  const cards = (
    <div
      className={`floor-alerts${dock ? ' floor-alerts--docked' : ''}`}
      role="alert"
      data-testid="floor-alerts"
      data-alarm={waiting ? 'on' : 'off'}
      data-docked={dock ? 'true' : 'false'}
    >
      {shown.map((alert) => (
        <AlertCard key={alert.id} alert={alert} toLocal={offset} serverNow={serverNow} />
      ))}
    </div>
  );
  return dock ? createPortal(cards, dock) : cards;
}

function AlertCard({ alert, toLocal, serverNow }: { alert: FloorAlert; toLocal: number; serverNow: number }) {
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
      <header className="floor-alert__head">
        <span className="floor-alert__who">
          <strong>{t('alert.title')}</strong> {t('alert.from', { workNumber: alert.agent.workNumber, name: alert.agent.name })}
          <span className="muted"> {t('alert.raisedAt', { time: clockTime(alert.raisedAt - toLocal) })}</span>
        </span>
        <span className="floor-alert__tools">
          <Button
            variant="text"
            size="small"
            onClick={() => {
              showScreen('floor');
              openAgentDrawer(alert.agent.personId);
            }}
          >
            {t('toFloor')}
          </Button>
          {taken && (
            <Button variant="text" size="small" onClick={() => hideAlert(alert.id)}>
              {t('alert.dismiss')}
            </Button>
          )}
        </span>
      </header>
      <p className="floor-alert__meta">
        {alert.escalatedAt !== null && !taken && <span className="floor-alert__escalated">{t('alert.escalated')} · </span>}
        <span data-testid="floor-alert-caller">{t('alert.caller', { number: alert.callerNumber ?? '-' })}</span>
        <span className="muted">
          {' · '}
          {t(`alert.reason.${alert.reason}`)}
          {alert.matchedTerms.length > 0 && ` · ${t('alert.terms', { terms: alert.matchedTerms.join('、') })}`}
        </span>
      </p>
      <p className="floor-alert__typed" data-testid="floor-alert-typed">
        {typed ? t('alert.typed', { text: typed }) : t('alert.nothingTyped')}
      </p>
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
          serverNow={serverNow}
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
        {ackFailed && <span className="notice notice--error">{t('alert.ackFailed')}</span>}
      </footer>
    </article>
  );
}

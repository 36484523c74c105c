import { useTranslation } from 'react-i18next';
import { callActions, useCallBoard } from '../../call-session';
import { CallControls } from './CallControls';
import { CallTimer } from './CallTimer';
import { GreetingText } from './GreetingText';

/** An answered call: who, how long, the greeting to say, and Hang up. Stays (ended) after the call. */
export function ActiveCallPanel() {
  const { t } = useTranslation();
  const call = useCallBoard((state) => state.call);
  const hangup = callActions.hangup;
  if (!call || call.answeredAt === null) return null;
  const ended = call.phase === 'ended';

  return (
    <section className={`panel panel--active${ended ? ' panel--ended' : ''}`} data-testid="active-call" data-state={ended ? 'ended' : 'active'}>
      <div className="panel__header">
        <h2 className="panel__title">{ended ? t('call.endedTitle') : t('call.activeTitle')}</h2>
        <CallTimer key={call.id} answeredAt={call.answeredAt} endedAt={call.endedAt} />
      </div>
      <p className="caller__number">{call.number || t('call.unknownNumber')}</p>
      <p className="caller__name">{call.name || t('call.unknownName')}</p>
      {!ended && call.direction === 'inbound' && !call.consultFor && <GreetingText />}
      {!ended && <CallControls call={call} />}
      {!ended && (
        <div className="panel__actions">
          <button type="button" className="button button--decline" data-testid="hangup-button" onClick={() => void hangup(call.id)}>
            {t('call.hangup')}
          </button>
        </div>
      )}
    </section>
  );
}

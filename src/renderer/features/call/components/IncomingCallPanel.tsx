import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { mark, markPainted } from '../../../base/perf-marks';
import { callActions, useCallBoard } from '../../call-session';
import { AutoAnswerCountdown } from './AutoAnswerCountdown';

/** A ringing call: who is calling, Answer or Decline. */
export function IncomingCallPanel() {
  const { t } = useTranslation();
  const call = useCallBoard((state) => state.call);
  const answer = callActions.answer;
  const decline = callActions.decline;
  const ringingId = call?.phase === 'ringing' ? call.id : null;
  useEffect(() => {
    if (!ringingId) return;
    mark('hotline:ringing-rendered', ringingId);
    markPainted('hotline:ringing-painted', ringingId);
  }, [ringingId]);
  if (!call || call.phase !== 'ringing') return null;

  return (
    <section className="panel panel--incoming" data-testid="incoming-call" aria-live="assertive">
      <h2 className="panel__title">{t('call.incomingTitle')}</h2>
      {/* Number and name are raw network text; React renders them as plain text. */}
      <p className="caller__number" data-testid="incoming-number">
        {call.number || t('call.unknownNumber')}
      </p>
      <p className="caller__name" data-testid="incoming-name">
        {call.name || t('call.unknownName')}
      </p>
      <AutoAnswerCountdown call={call} />
      <div className="panel__actions">
        <button type="button" className="button button--answer" data-testid="answer-button" onClick={() => void answer(call.id)}>
          {t('call.answer')}
        </button>
        <button
          type="button"
          className="button button--decline"
          data-testid="decline-button"
          onClick={() => void decline(call.id)}
        >
          {t('call.decline')}
        </button>
      </div>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { callActions, useCallBoard, type CallView } from '../../call-session';
import { AutoAnswerCountdown } from './AutoAnswerCountdown';

/** Calls besides the one in front: a waiting call (call waiting) and calls on hold. */
export function OtherCallsPanel() {
  const calls = useCallBoard((state) => state.calls);
  const focused = useCallBoard((state) => state.call);
  const others = calls.filter((c) => c.id !== focused?.id && c.phase !== 'ended');
  if (others.length === 0) return null;
  return (
    <section className="panel panel--others" data-testid="other-calls">
      {others.map((call) => (
        <OtherCall key={call.id} call={call} />
      ))}
    </section>
  );
}

function OtherCall({ call }: { call: CallView }) {
  const { t } = useTranslation('phone');
  const store = callActions;
  if (call.phase === 'ringing') {
    return (
      <div className="other-call other-call--waiting" data-testid="waiting-call" aria-live="assertive">
        <h3 className="panel__title">{t('callControl.waitingTitle')}</h3>
        <p className="caller__number" data-testid="waiting-number">
          {call.number || t('call.unknownNumber')}
        </p>
        <p className="caller__name">{call.name || t('call.unknownName')}</p>
        <AutoAnswerCountdown call={call} />
        <div className="panel__actions">
          <button type="button" className="button button--answer" data-testid="waiting-answer" onClick={() => void store.answer(call.id)}>
            {t('callControl.holdAndAnswer')}
          </button>
          <button type="button" className="button button--decline" data-testid="waiting-decline" onClick={() => void store.decline(call.id)}>
            {t('callControl.declineWaiting')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="other-call" data-testid="held-call" data-call-id={call.id} data-hold={call.hold}>
      <h3 className="panel__title">{call.phase === 'dialing' ? t('callControl.dialingTitle') : t('callControl.heldCall')}</h3>
      <p className="caller__number">{call.number || t('call.unknownNumber')}</p>
      <p className="muted" data-testid="held-call-state">
        {t(`callControl.hold_state.${call.hold}`)}
      </p>
      <div className="panel__actions">
        {call.phase === 'active' && (
          <button type="button" className="button" data-testid="held-call-resume" onClick={() => void store.resume(call.id)}>
            {t('callControl.swap')}
          </button>
        )}
        <button type="button" className="button button--decline" data-testid="held-call-hangup" onClick={() => void store.hangup(call.id)}>
          {t('callControl.hangupOther')}
        </button>
      </div>
    </div>
  );
}

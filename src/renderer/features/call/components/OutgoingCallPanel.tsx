import { useTranslation } from 'react-i18next';
import { callActions, useCallBoard } from '../../call-session';

/** An outbound call that has not been answered yet: who, ringing or not, Cancel. */
export function OutgoingCallPanel() {
  const { t } = useTranslation('phone');
  const call = useCallBoard((state) => state.call);
  const hangup = callActions.hangup;
  if (!call || call.phase !== 'dialing') return null;
  return (
    <section className="panel panel--outgoing" data-testid="outgoing-call" data-remote-ringing={call.remoteRinging}>
      <h2 className="panel__title">{t('callControl.dialingTitle')}</h2>
      <p className="caller__number" data-testid="outgoing-number">
        {call.number}
      </p>
      {call.remoteRinging && <p className="muted">{t('callControl.remoteRinging')}</p>}
      <div className="panel__actions">
        <button type="button" className="button button--decline" data-testid="cancel-call-button" onClick={() => void hangup(call.id)}>
          {t('callControl.cancel')}
        </button>
      </div>
    </section>
  );
}

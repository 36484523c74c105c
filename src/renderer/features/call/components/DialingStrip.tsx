import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import { callActions, type CallView } from '../../call-session';

/** An outbound call not answered yet: who, whether it rings, Cancel. */
export function DialingStrip({ call }: { call: CallView }) {
  const { t } = useTranslation('phone');
  return (
    <section className="call-strip call-strip--dialing" data-testid="outgoing-call" data-remote-ringing={call.remoteRinging}>
      <span className="call-strip__phase">{call.remoteRinging ? t('callControl.remoteRinging') : t('callControl.dialingTitle')}</span>
      <span className="caller">
        <span className="caller__number" data-testid="outgoing-number">
          {call.number}
        </span>
      </span>
      <span className="call-strip__buttons">
        <Button theme="danger" data-testid="cancel-call-button" onClick={() => void callActions.hangup(call.id)}>
          {t('callControl.cancel')}
        </Button>
      </span>
    </section>
  );
}

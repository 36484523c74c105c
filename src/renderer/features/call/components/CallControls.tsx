import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeDialNumber } from '../../dialer';
import { callActions, useCallBoard, type CallView } from '../../call-session';
import { isDtmfDigit, usePhoneStore } from '../../phone';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** Hold, mute, keypad (DTMF), transfer and conference for the answered call in front. */
export function CallControls({ call }: { call: CallView }) {
  const { t } = useTranslation('phone');
  const phone = usePhoneStore();
  const calls = useCallBoard((state) => state.calls);
  const sip = call.source === 'sip';
  const [target, setTarget] = useState('');
  const [showKeypad, setShowKeypad] = useState(false);
  const consult = calls.find((c) => c.consultFor === call.id && c.phase !== 'ended') ?? null;
  const original = call.consultFor ? calls.find((c) => c.id === call.consultFor) : undefined;
  const answeredCalls = calls.filter((c) => c.phase === 'active' && c.source === 'sip').length;
  const held = call.hold === 'held' || call.hold === 'holding';
  const busy = call.hold === 'holding' || call.hold === 'resuming';

  // Keyboard digits go out as DTMF while the call is in front and no field has the focus.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const element = event.target as HTMLElement | null;
      if (element && ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)) return;
      if (element?.isContentEditable || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isDtmfDigit(event.key) && /[0-9*#]/.test(event.key)) void usePhoneStore.getState().sendDtmf(event.key);
    };
    if (!sip) return;
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sip]);

  const transferTarget = () => {
    const result = normalizeDialNumber(target);
    return result.ok ? result.target : null;
  };

  return (
    <div className="call-controls" data-testid="call-controls">
      <p className={`hold-state hold-state--${call.hold}`} data-testid="hold-state" data-state={call.hold} role="status">
        {t(`callControl.hold_state.${call.hold}`)}
        {call.muted && <span data-testid="muted-indicator"> · {t('callControl.muted')}</span>}
        {call.conference && <span data-testid="conference-indicator"> · {t('callControl.inConference')}</span>}
      </p>
      {call.quality && (
        <p className={`call-quality call-quality--${call.quality.grade}`} data-testid="call-quality" data-mos={call.quality.mos}>
          {t('callControl.quality')}: {t(`callControl.grade.${call.quality.grade}`)} ·{' '}
          {t('callControl.qualityLine', {
            mos: call.quality.mos.toFixed(1),
            loss: call.quality.lossPercent,
            jitter: call.quality.jitterMs,
            rtt: call.quality.rttMs ?? '–',
          })}
        </p>
      )}
      <div className="panel__actions">
        <button
          type="button"
          className="button"
          data-testid="hold-button"
          disabled={busy}
          onClick={() => void (held ? callActions.resume(call.id) : callActions.hold(call.id))}
        >
          {held ? t('callControl.resume') : t('callControl.hold')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="mute-button"
          data-muted={call.muted}
          onClick={() => callActions.setMuted(!call.muted, call.id)}
        >
          {call.muted ? t('callControl.unmute') : t('callControl.mute')}
        </button>
        {sip && (
          <button type="button" className="button" data-testid="keypad-toggle" onClick={() => setShowKeypad((v) => !v)}>
            {t('callControl.keypad')}
          </button>
        )}
        {sip && answeredCalls === 2 && !call.conference && (
          <button type="button" className="button" data-testid="conference-button" onClick={() => void phone.conference()}>
            {t('callControl.conference')}
          </button>
        )}
      </div>
      {sip && showKeypad && (
        <div className="keypad" data-testid="dtmf-keypad">
          {KEYS.map((key) => (
            <button key={key} type="button" className="keypad__key" data-testid={`dtmf-key-${key}`} onClick={() => void phone.sendDtmf(key)}>
              {key}
            </button>
          ))}
        </div>
      )}
      {original && original.phase !== 'ended' && (
        <div className="transfer transfer--consult" data-testid="consult-controls">
          <p>{t('callControl.consulting')}</p>
          <div className="panel__actions">
            <button type="button" className="button button--answer" data-testid="transfer-complete" onClick={() => void phone.completeTransfer(call.id)}>
              {t('callControl.completeTransfer')}
            </button>
            <button type="button" className="button" data-testid="transfer-cancel" onClick={() => void phone.cancelConsult(call.id)}>
              {t('callControl.cancelConsult')}
            </button>
          </div>
        </div>
      )}
      {sip && !call.consultFor && !consult && !call.conference && (
        <div className="transfer" data-testid="transfer-controls">
          <input
            className="dialer__input"
            data-testid="transfer-target"
            aria-label={t('callControl.transferTarget')}
            placeholder={t('callControl.transferTarget')}
            value={target}
            onChange={(event) => setTarget(event.target.value)}
          />
          <div className="panel__actions">
            <button
              type="button"
              className="button"
              data-testid="transfer-blind"
              disabled={call.transfer !== null}
              onClick={() => {
                const to = transferTarget();
                if (to) void phone.blindTransfer(to);
              }}
            >
              {t('callControl.blindTransfer')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="transfer-consult"
              disabled={call.transfer !== null}
              onClick={() => {
                const to = transferTarget();
                if (to) void phone.startConsult(to);
              }}
            >
              {t('callControl.consult')}
            </button>
          </div>
          {call.transfer === 'blind' && <p data-testid="transfer-progress">{t('callControl.transferring')}</p>}
        </div>
      )}
    </div>
  );
}

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import { callActions, useCallBoard, type CallView } from '../../call-session';
import { isDtmfDigit, usePhoneStore } from '../../phone';
import { CallerIdentity } from './CallerIdentity';
import { CallTimer } from './CallTimer';
import { DtmfKeypad } from './DtmfKeypad';
import { HoldTimer } from './HoldTimer';
import { QualityIndicator } from './QualityIndicator';
import { ShortcutHint } from './ShortcutHint';
import { TransferPanel } from './TransferPanel';

type Drawer = 'keypad' | 'transfer' | null;

/** An answered call: who, how long, its hold state, and Hang up / Hold / Mute / Keypad / Transfer. */
export function TalkingStrip({ call, badges = null }: { call: CallView; badges?: React.ReactNode }) {
  const { t } = useTranslation('phone');
  const { t: tApp } = useTranslation();
  const calls = useCallBoard((state) => state.calls);
  const [drawer, setDrawer] = useState<Drawer>(null);
  const sip = call.source === 'sip';
  const held = call.hold === 'held' || call.hold === 'holding';
  const busy = call.hold === 'holding' || call.hold === 'resuming';
  const consult = calls.find((c) => c.consultFor === call.id && c.phase !== 'ended') ?? null;
  const original = call.consultFor ? calls.find((c) => c.id === call.consultFor) : undefined;
  const answeredSipCalls = calls.filter((c) => c.phase === 'active' && c.source === 'sip').length;
  const canTransfer = sip && !call.consultFor && !consult && !call.conference;

  useDtmfFromKeyboard(sip);
  // Escape closes the keypad or the transfer panel, as it closes every panel.
  useEffect(() => {
    if (!drawer) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setDrawer(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drawer]);

  const toggle = (which: Exclude<Drawer, null>) => setDrawer((open) => (open === which ? null : which));

  return (
    <section className={`call-strip call-strip--talking${held ? ' call-strip--held' : ''}`} data-testid="active-call" data-state="active">
      <span className="call-strip__phase" data-testid="call-controls">
        <span className={`hold-state hold-state--${call.hold}`} data-testid="hold-state" data-state={call.hold} role="status">
          {t(`callControl.hold_state.${call.hold}`)}
        </span>
        {call.heldAt !== null && <HoldTimer heldAt={call.heldAt} />}
      </span>
      <CallerIdentity call={call} />
      <CallTimer key={call.id} answeredAt={call.answeredAt ?? call.startedAt} endedAt={null} />
      {call.muted && (
        <span className="tag tag--warn" data-testid="muted-indicator">
          {t('callControl.muted')}
        </span>
      )}
      {call.conference && (
        <span className="tag" data-testid="conference-indicator">
          {t('callControl.inConference')}
        </span>
      )}
      <QualityIndicator call={call} />
      {badges}
      <span className="call-strip__buttons">
        {original && original.phase !== 'ended' ? (
          <span className="consult" data-testid="consult-controls">
            <span className="consult__text">{t('callControl.consulting')}</span>
            <Button theme="success" data-testid="transfer-complete" onClick={() => void usePhoneStore.getState().completeTransfer(call.id)}>
              {t('callControl.completeTransfer')}
            </Button>
            <Button variant="outline" data-testid="transfer-cancel" onClick={() => void usePhoneStore.getState().cancelConsult(call.id)}>
              {t('callControl.cancelConsult')}
            </Button>
          </span>
        ) : null}
        <Button variant="outline" data-testid="hold-button" disabled={busy} onClick={() => void (held ? callActions.resume(call.id) : callActions.hold(call.id))}>
          {held ? t('callControl.resume') : t('callControl.hold')}
        </Button>
        <Button variant="outline" data-testid="mute-button" data-muted={call.muted} onClick={() => callActions.setMuted(!call.muted, call.id)}>
          {call.muted ? t('callControl.unmute') : t('callControl.mute')}
        </Button>
        {sip && (
          <Button variant={drawer === 'keypad' ? 'base' : 'outline'} data-testid="keypad-toggle" aria-expanded={drawer === 'keypad'} onClick={() => toggle('keypad')}>
            {t('callControl.keypad')}
          </Button>
        )}
        {canTransfer && (
          <Button variant={drawer === 'transfer' ? 'base' : 'outline'} data-testid="transfer-toggle" aria-expanded={drawer === 'transfer'} onClick={() => toggle('transfer')}>
            {t('callControl.transfer')}
          </Button>
        )}
        {sip && answeredSipCalls === 2 && !call.conference && (
          <Button variant="outline" data-testid="conference-button" onClick={() => void usePhoneStore.getState().conference()}>
            {t('callControl.conference')}
          </Button>
        )}
        <Button theme="danger" data-testid="hangup-button" onClick={() => void callActions.hangup(call.id)}>
          {tApp('call.hangup')}
          <ShortcutHint action="hangup" />
        </Button>
      </span>
      {drawer === 'keypad' && sip && <DtmfKeypad />}
      {drawer === 'transfer' && canTransfer && <TransferPanel call={call} />}
    </section>
  );
}

/** Keyboard digits go out as DTMF while a SIP call is in front and no field has the focus. */
function useDtmfFromKeyboard(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const element = event.target as HTMLElement | null;
      if (element && ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)) return;
      if (element?.isContentEditable || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isDtmfDigit(event.key) && /[0-9*#]/.test(event.key)) void usePhoneStore.getState().sendDtmf(event.key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import { normalizeDialNumber } from '../../dialer';
import type { CallView } from '../../call-session';
import { usePhoneStore } from '../../phone';

/** Where to transfer the caller: straight away (blind) or after speaking to the colleague first. */
export function TransferPanel({ call }: { call: CallView }) {
  const { t } = useTranslation('phone');
  const phone = usePhoneStore();
  const [target, setTarget] = useState('');
  const to = () => {
    const result = normalizeDialNumber(target);
    return result.ok ? result.target : null;
  };
  return (
    <div className="transfer transfer--popover" data-testid="transfer-controls">
      <input
        // The panel opens for this one field: typing the number is the next thing the agent does.
        autoFocus
        className="text-input"
        data-testid="transfer-target"
        inputMode="tel"
        autoComplete="off"
        aria-label={t('callControl.transferTarget')}
        placeholder={t('callControl.transferTarget')}
        value={target}
        onChange={(event) => setTarget(event.target.value)}
      />
      <Button
        variant="outline"
        data-testid="transfer-blind"
        disabled={call.transfer !== null}
        onClick={() => {
          const number = to();
          if (number) void phone.blindTransfer(number);
        }}
      >
        {t('callControl.blindTransfer')}
      </Button>
      <Button
        variant="outline"
        data-testid="transfer-consult"
        disabled={call.transfer !== null}
        onClick={() => {
          const number = to();
          if (number) void phone.startConsult(number);
        }}
      >
        {t('callControl.consult')}
      </Button>
      {call.transfer === 'blind' && <span data-testid="transfer-progress">{t('callControl.transferring')}</span>}
    </div>
  );
}

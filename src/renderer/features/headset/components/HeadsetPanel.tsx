import { useTranslation } from 'react-i18next';
import { useHeadsetStore } from '../headset-store';

/** Pick the headset whose call buttons the app listens to, and say when it cannot. */
export function HeadsetPanel() {
  const { t } = useTranslation('headset');
  const status = useHeadsetStore((state) => state.status);
  const deviceName = useHeadsetStore((state) => state.deviceName);
  const pick = useHeadsetStore((state) => state.pick);
  const disconnect = useHeadsetStore((state) => state.disconnect);

  return (
    <fieldset className="desk-section" data-testid="headset-panel" data-state={status}>
      <legend>{t('headset.title')}</legend>
      <p className={status === 'unsupported' || status === 'failed' ? 'field__error' : 'muted'} role="status" data-testid="headset-status">
        {t(`headset.status.${status}`, { name: deviceName ?? '' })}
      </p>
      {status !== 'unavailable' && (
        <div className="panel__actions">
          <button type="button" className="button" data-testid="headset-pick" onClick={() => void pick()}>
            {t('headset.pick')}
          </button>
          {status === 'connected' && (
            <button type="button" className="button" onClick={() => void disconnect()}>
              {t('headset.disconnect')}
            </button>
          )}
        </div>
      )}
    </fieldset>
  );
}

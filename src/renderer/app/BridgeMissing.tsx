import { useTranslation } from 'react-i18next';

/** Shown instead of the app when the window has no IPC bridge: nothing could work. */
export function BridgeMissing() {
  const { t } = useTranslation();
  return (
    <main className="fatal" role="alert" data-testid="bridge-missing">
      <h1>{t('app.bridgeMissingTitle')}</h1>
      <p>{t('app.bridgeMissingBody')}</p>
    </main>
  );
}

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { RegistrationStatus } from '../features/phone';
import { SettingsForm, useSettingsStore } from '../features/settings';
import { DepartmentsEditor, ServiceSettingsPanel, SyncOverviewLine } from '../features/sync';
import { AppHeader } from './AppHeader';
import { loadAndStart } from './boot';
import { MainScreen } from './MainScreen';
import { runtimeKey } from '../i18n/i18n-key';

export function App() {
  const { t } = useTranslation();
  const status = useSettingsStore((state) => state.status);
  const loadError = useSettingsStore((state) => state.loadError);
  const formOpen = useSettingsStore((state) => state.formOpen);

  const title = t('app.title');
  useEffect(() => {
    document.title = title;
  }, [title]);

  let content;
  if (status === 'loading') {
    content = <p className="muted centered">{t('app.loading')}</p>;
  } else if (status === 'load-failed') {
    content = (
      <div className="notice notice--error centered" role="alert">
        <p>{t('app.loadFailed', { reason: t(runtimeKey(loadError ?? 'ipcErrors.internal')) })}</p>
        <button type="button" className="button" onClick={() => void loadAndStart()}>
          {t('app.retry')}
        </button>
      </div>
    );
  } else {
    // The main screen stays mounted under the form, so a call that rings while the
    // agent edits settings is not lost; the form is drawn on top.
    content = (
      <>
        {formOpen && (
          <div className="overlay">
            <SettingsForm />
            <ServiceSettingsPanel />
            <DepartmentsEditor />
          </div>
        )}
        <MainScreen />
      </>
    );
  }

  return (
    <div className="app">
      <AppHeader />
      <div className="app__body">{content}</div>
      <div className="status-row">
        <RegistrationStatus />
        <SyncOverviewLine />
      </div>
    </div>
  );
}

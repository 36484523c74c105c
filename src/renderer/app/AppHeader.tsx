import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import { AgentStateBar } from '../features/agent-state';
import { LanguageSelect, useSettingsStore } from '../features/settings';

export function AppHeader() {
  const { t } = useTranslation();
  const configured = useSettingsStore((state) => state.view?.settings != null);
  const formOpen = useSettingsStore((state) => state.formOpen);
  const openForm = useSettingsStore((state) => state.openForm);

  return (
    <header className="app-header">
      <h1 className="app-header__title">{t('app.title')}</h1>
      {configured && <AgentStateBar />}
      <div className="app-header__tools">
        <LanguageSelect />
        {configured && !formOpen && (
          <Button variant="outline" data-testid="open-settings" onClick={openForm}>
            {t('app.openSettings')}
          </Button>
        )}
      </div>
    </header>
  );
}

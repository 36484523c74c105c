import { useTranslation } from 'react-i18next';
import { renderGreeting } from '../../../../shared/scripts/greeting';
import { useSettingsStore } from '../../settings';

/** The standard opening line (hotline, city, work number), in the UI language. */
export function GreetingText() {
  const { t, i18n } = useTranslation();
  const agent = useSettingsStore((state) => state.view?.settings?.agent);
  if (!agent) return null;
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <div className="greeting">
      <h3 className="greeting__title">{t('call.greetingTitle')}</h3>
      <p className="greeting__text" data-testid="greeting-text">
        {renderGreeting(language, agent)}
      </p>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { LANGUAGES, LanguageSchema } from '../../../../shared/domain/settings';
import { useSettingsStore } from '../settings-store';
import { runtimeKey } from '../../../i18n/i18n-key';

/** zh-CN / English; applied at once and stored with the settings. */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const setLanguage = useSettingsStore((state) => state.setLanguage);
  const languageError = useSettingsStore((state) => state.languageError);

  return (
    <label className="language-select">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        data-testid="language-select"
        aria-label={t('language.label')}
        value={i18n.language === 'en' ? 'en' : 'zh-CN'}
        onChange={(event) => {
          const parsed = LanguageSchema.safeParse(event.target.value);
          if (parsed.success) void setLanguage(parsed.data);
        }}
      >
        {LANGUAGES.map((language) => (
          // Each language is named in itself, so it can be found whatever is shown now.
          <option key={language} value={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
      {languageError && (
        <span className="field__error" role="alert">
          {t('language.saveFailed', { reason: t(runtimeKey(languageError)) })}
        </span>
      )}
    </label>
  );
}

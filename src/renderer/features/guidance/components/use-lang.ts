import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain/settings';
import type { LocalizedText } from '../../../../shared/guidance/scripts/schema';
import { fillTemplate, type TemplateValues } from '../../../../shared/guidance/scripts/text';

/** The UI language, and a function that picks (and fills) a pack text in it. */
export function useLang(): { lang: Language; say: (text: LocalizedText, values?: TemplateValues) => string } {
  const { i18n } = useTranslation();
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return { lang, say: (text, values) => (values ? fillTemplate(text[lang], values, lang) : text[lang]) };
}

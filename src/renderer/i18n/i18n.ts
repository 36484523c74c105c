import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/domain/settings';
import { addLaterNamespace, FEATURE_NAMESPACES, startResources, type LaterNamespace } from './feature-locales';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/**
 * One i18next instance for the whole renderer. Resources are bundled (no
 * network loading, which the CSP would forbid anyway), so init is synchronous
 * and the first render already has its strings. The first screen's namespaces
 * are given at init as they are; a lazy part's arrive with it (`withNamespace`).
 */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: startResources({ 'zh-CN': zhCN, en }),
  ns: ['translation', ...Object.keys(FEATURE_NAMESPACES[DEFAULT_LANGUAGE])],
  defaultNS: 'translation',
  // A feature's component reads its own namespace first, then the app's strings.
  fallbackNS: 'translation',
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: ['zh-CN', 'en'],
  initAsync: false,
  // React escapes everything it renders; escaping here would double-escape.
  interpolation: { escapeValue: false },
});

/**
 * A lazy part's loader that also adds its feature's namespace, so the part's
 * first render already has its strings in either language.
 */
export function withNamespace<T>(namespace: LaterNamespace, load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), addLaterNamespace(i18n, namespace)]).then(([loaded]) => loaded);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Switches the UI language and the <html lang> attribute (screen readers, fonts). */
export async function applyLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

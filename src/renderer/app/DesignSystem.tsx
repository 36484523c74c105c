import { useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfigContext, ConfigProvider, merge } from 'tdesign-react';
import enConfig from 'tdesign-react/es/locale/en_US';
// The design tokens (colours, sizes, light and dark) every component's CSS refers to.
import 'tdesign-react/es/style/index.css';
// TDesign's icon rules, which its icons would otherwise inject at run time (blocked by the CSP).
import './tdesign-icons.css';

type GlobalConfig = ReturnType<typeof ConfigProvider.getGlobalConfig>;

/**
 * TDesign (Tencent's design system, the look of Tencent Cloud Contact Center) with its
 * locale following the UI language. Chosen over Ant Design because it ships static CSS:
 * the page keeps `style-src 'self'` with no runtime style injection and no nonce.
 *
 * TDesign's own ConfigProvider deep-clones and merges its whole default config on every
 * render, a cost on the start's first render; its default is already zh-CN, so the desk
 * provides that default as it is and builds the English one once, when first asked for.
 */
export function DesignSystem({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  const value = useMemo(() => ({ globalConfig: english ? englishConfig() : ZH_CN }), [english]);
  useEffect(() => followSystemTheme(), []);
  // What ConfigProvider does besides the context: the plugins (messages, dialogs) rendered outside the tree read it.
  useEffect(() => ConfigProvider.setGlobalConfig(value.globalConfig), [value]);
  return <ConfigContext.Provider value={value}>{children}</ConfigContext.Provider>;
}

/**
 * TDesign's default global config (zh-CN), without the ripple: its sweep fades a background for 400 ms after every
 * press, on the main thread, and the first Answer's peer-connection callbacks waited behind those frames
 * (docs/benchmarks.md: the first Answer 8–17 ms sooner without it and the call strip's colour transitions).
 */
const ZH_CN: GlobalConfig = { ...ConfigProvider.getGlobalConfig(), animation: { include: ['expand', 'fade'], exclude: ['ripple'] } };
let english: GlobalConfig | null = null;
function englishConfig(): GlobalConfig {
  // merge copies the default's objects into the new one, so the default itself stays zh-CN.
  english ??= merge(merge({}, ZH_CN), enConfig);
  return english;
}

/** Light or dark as the operating system is set (Electron passes nativeTheme through prefers-color-scheme). */
function followSystemTheme(): () => void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => document.documentElement.setAttribute('theme-mode', query.matches ? 'dark' : 'light');
  apply();
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}

import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfigProvider } from 'tdesign-react';
import enConfig from 'tdesign-react/es/locale/en_US';
import zhConfig from 'tdesign-react/es/locale/zh_CN';
// The design tokens (colours, sizes, light and dark) every component's CSS refers to.
import 'tdesign-react/es/style/index.css';

/**
 * TDesign (Tencent's design system, the look of Tencent Cloud Contact Center) with its
 * locale following the UI language. Chosen over Ant Design because it ships static CSS:
 * the page keeps `style-src 'self'` with no runtime style injection and no nonce.
 */
export function DesignSystem({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  useEffect(() => followSystemTheme(), []);
  return <ConfigProvider globalConfig={i18n.language === 'en' ? enConfig : zhConfig}>{children}</ConfigProvider>;
}

/** Light or dark as the operating system is set (Electron passes nativeTheme through prefers-color-scheme). */
function followSystemTheme(): () => void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => document.documentElement.setAttribute('theme-mode', query.matches ? 'dark' : 'light');
  apply();
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfigProvider } from 'tdesign-react';
import enConfig from 'tdesign-react/es/locale/en_US';
import zhConfig from 'tdesign-react/es/locale/zh_CN';

/**
 * TDesign (Tencent's design system, the look of Tencent Cloud Contact Center) with its
 * locale following the UI language. Chosen over Ant Design because it ships static CSS:
 * the page keeps `style-src 'self'` with no runtime style injection and no nonce.
 */
export function DesignSystem({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return <ConfigProvider globalConfig={i18n.language === 'en' ? enConfig : zhConfig}>{children}</ConfigProvider>;
}

import type { i18n as I18n } from 'i18next';
import { agentDeskEn, agentDeskZhCN } from '../features/agent-state/locales';
import { guidanceEn, guidanceZhCN } from '../features/guidance/locales';
import { historyEn, historyZhCN } from '../features/history/locales';
import { phoneEn, phoneZhCN } from '../features/phone/locales';
import { syncEn, syncZhCN } from '../features/sync/locales';
import { workOrderEn } from '../features/work-order/locales/en';
import { workOrderZhCN } from '../features/work-order/locales/zh-CN';

/** Feature-owned strings, per language; deep-merged into `translation` (so `errors.*` keys join the shared ones). */
export const FEATURE_LOCALES = {
  'zh-CN': [workOrderZhCN, syncZhCN, historyZhCN, phoneZhCN, guidanceZhCN, agentDeskZhCN],
  en: [workOrderEn, syncEn, historyEn, phoneEn, guidanceEn, agentDeskEn],
} as const;

export function addFeatureLocales(i18n: I18n): void {
  for (const [language, bundles] of Object.entries(FEATURE_LOCALES)) {
    for (const bundle of bundles) i18n.addResourceBundle(language, 'translation', bundle, true, false);
  }
}

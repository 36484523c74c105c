// Typed keys: every literal key passed to t() is checked against the zh-CN
// strings of the namespace it is read from (a feature's own, falling back to
// the app's), so a misspelt or removed key fails the typecheck instead of
// showing the raw key to an agent.
import type { zhCN } from './locales/zh-CN';
import type { FEATURE_ERRORS, FEATURE_NAMESPACES } from './feature-locales';
import type { knowledgeZhCN } from '../features/knowledge/locales';
import type { replayZhCN } from '../features/replay/locales';

type Features = (typeof FEATURE_NAMESPACES)['zh-CN'];
// The lazy parts' namespaces (LATER_NAMESPACES), added when the part first loads.
type LaterFeatures = { replay: typeof replayZhCN; knowledge: typeof knowledgeZhCN };
type FeatureErrors = (typeof FEATURE_ERRORS)['zh-CN'][0] & (typeof FEATURE_ERRORS)['zh-CN'][1];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    fallbackNS: 'translation';
    resources: { translation: typeof zhCN & { errors: FeatureErrors } } & Features & LaterFeatures;
  }
}

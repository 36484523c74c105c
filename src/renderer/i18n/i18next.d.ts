// Typed keys: every literal key passed to t() is checked against the zh-CN
// strings (the app's own and each feature's), so a misspelt or removed key
// fails the typecheck instead of showing the raw key to an agent.
import type { zhCN } from './locales/zh-CN';
import type { agentDeskZhCN } from '../features/agent-state/locales';
import type { guidanceZhCN } from '../features/guidance/locales';
import type { historyZhCN } from '../features/history/locales';
import type { phoneZhCN } from '../features/phone/locales';
import type { syncZhCN } from '../features/sync/locales';
import type { workOrderZhCN } from '../features/work-order/locales/zh-CN';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof zhCN &
        typeof workOrderZhCN &
        typeof syncZhCN &
        typeof historyZhCN &
        typeof phoneZhCN &
        typeof guidanceZhCN &
        typeof agentDeskZhCN;
    };
  }
}

import type { Messages } from '../../i18n/locales/messages';

/** The caller's history (screen pop), zh-CN first. */
export const historyZhCN = {
  history: {
    title: '该号码的历史工单',
    loading: '正在查询历史工单…',
    empty: '该号码没有历史工单',
    count: '共 {{count}} 份历史工单',
    repeatCaller: '重复来电',
    serviceUnreachable: '工单服务暂时无法连接，只显示本机的工单',
    loadFailed: '无法查询历史工单：{{reason}}',
    source: { local: '本机', service: '工单服务' },
    notSynced: '未同步',
    noSummary: '（无摘要）',
  },
} as const;

export const historyEn: Messages<typeof historyZhCN> = {
  history: {
    title: 'Earlier work orders from this number',
    loading: 'Looking up earlier work orders…',
    empty: 'No earlier work orders from this number',
    count: 'Earlier work orders: {{count}}',
    repeatCaller: 'Repeat caller',
    serviceUnreachable: 'The work-order service cannot be reached; showing this desk’s work orders only',
    loadFailed: 'Could not look up earlier work orders: {{reason}}',
    source: { local: 'this desk', service: 'service' },
    notSynced: 'not synced',
    noSummary: '(no summary)',
  },
};

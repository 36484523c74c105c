import type { Messages } from '../../i18n/locales/messages';

/** Sync line and work-order service settings, zh-CN first. */
export const syncZhCN = {
  sync: {
    label: '工单同步',
    unknown: '正在读取同步状态…',
    loadFailed: '无法读取同步状态：{{reason}}',
    allSynced: '工单已全部同步',
    waiting: '{{count}} 份工单等待同步',
    offline: '工单服务自 {{time}} 起无法连接，{{count}} 份工单等待同步',
    needsAttention: '{{count}} 份工单需要处理',
    needsAttentionWaiting: '{{count}} 份工单需要处理，{{waiting}} 份等待同步',
    target: { embedded: '本机内置工单服务', remote: '中心工单服务' },
    service: {
      title: '工单服务',
      url: '工单服务地址',
      urlHint: '留空则使用本机内置的工单服务',
      token: '访问令牌',
      tokenKeep: '已保存令牌；留空则保留原令牌',
      tokenNone: '尚未保存令牌',
      current: '当前使用：{{target}}',
      save: '保存工单服务设置',
      saving: '正在保存…',
      saved: '工单服务设置已保存',
      saveFailed: '保存失败：{{reason}}',
      loadFailed: '无法读取工单服务设置：{{reason}}',
    },
  },
} as const;

export const syncEn: Messages<typeof syncZhCN> = {
  sync: {
    label: 'Work-order sync',
    unknown: 'Reading the sync state…',
    loadFailed: 'Could not read the sync state: {{reason}}',
    allSynced: 'All work orders synced',
    waiting: 'Work orders waiting to sync: {{count}}',
    offline: 'Work-order service unreachable since {{time}}; waiting: {{count}}',
    needsAttention: 'Work orders needing attention: {{count}}',
    needsAttentionWaiting: 'Work orders needing attention: {{count}}; waiting: {{waiting}}',
    target: { embedded: 'built-in work-order service', remote: 'the centre’s work-order service' },
    service: {
      title: 'Work-order service',
      url: 'Service address',
      urlHint: 'Leave empty to use the work-order service built into this app',
      token: 'Access token',
      tokenKeep: 'A token is saved; leave empty to keep it',
      tokenNone: 'No token saved',
      current: 'In use: {{target}}',
      save: 'Save work-order service settings',
      saving: 'Saving…',
      saved: 'Work-order service settings saved',
      saveFailed: 'Not saved: {{reason}}',
      loadFailed: 'Could not read the work-order service settings: {{reason}}',
    },
  },
};

/** Recording's strings (the `recording` namespace, i18n/feature-locales.ts). */
export const recordingZhCN = {
  title: '通话录音',
  policy: '录音范围',
  policies: { all: '全部通话录音', none: '不录音', 'on-demand': '按需录音（由坐席开始）' },
  retentionDays: '录音保存天数',
  retentionHint: '超过天数的录音会被自动删除，删除会记入日志。',
  keychain: '录音文件已加密，密钥由系统钥匙串保护。',
  unprotected: '本机没有系统钥匙串（如 Linux 的 basic_text）：录音文件虽已加密，但密钥与文件存放在同一台电脑上，录音不受保护。',
  saved: '已保存',
  saveFailed: '保存失败：{{reason}}',
  state: { recording: '录音中', available: '开始录音', off: '未录音', failed: '录音中断' },
  startNow: '开始录音',
};

export const recordingEn: typeof recordingZhCN = {
  title: 'Call recording',
  policy: 'Record',
  policies: { all: 'Every call', none: 'No calls', 'on-demand': 'On demand (the agent starts it)' },
  retentionDays: 'Keep recordings for (days)',
  retentionHint: 'Older recordings are deleted automatically; each deletion is logged.',
  keychain: 'Recordings are encrypted; the key is protected by the OS keychain.',
  unprotected: 'This computer has no OS keychain (e.g. Linux basic_text): recordings are encrypted, but the key is stored on the same computer, so they are not protected.',
  saved: 'Saved',
  saveFailed: 'Not saved: {{reason}}',
  state: { recording: 'Recording', available: 'Record', off: 'Not recorded', failed: 'Recording stopped' },
  startNow: 'Start recording',
};

/** Audio device strings; merged into the app's i18n resources with the other desk features. */
export const devicesZhCN = {
  devices: {
    title: '音频设备',
    role: { microphone: '麦克风', speaker: '通话扬声器/耳机', ringer: '振铃设备' },
    systemDefault: '系统默认',
    unnamed: '设备 {{n}}',
    notConnected: '（已选设备未连接）',
    reading: '（正在读取设备列表…）',
    ringerHint: '振铃可以用电脑扬声器，通话仍在耳机里。通话中切换设备立即生效。',
    refresh: '刷新设备列表',
    saveFailed: '设备选择未能保存：{{reason}}',
    switched: {
      lost: '{{role}}已断开，已切换到：{{device}}',
      returned: '{{role}}已重新连接，已切回：{{device}}',
      'default-changed': '系统默认{{role}}已变化，现在使用：{{device}}',
    },
  },
} as const;

export const devicesEn = {
  devices: {
    title: 'Audio devices',
    role: { microphone: 'Microphone', speaker: 'Call audio (speaker/headset)', ringer: 'Ringer' },
    systemDefault: 'System default',
    unnamed: 'Device {{n}}',
    notConnected: '(chosen device not connected)',
    reading: '(reading the device list…)',
    ringerHint: 'Ring on the PC speakers while you talk on the headset. A switch during a call applies at once.',
    refresh: 'Refresh the list',
    saveFailed: 'The device choice could not be saved: {{reason}}',
    switched: {
      lost: '{{role}} disconnected; now using {{device}}',
      returned: '{{role}} is back; switched to {{device}}',
      'default-changed': 'The system default {{role}} changed; now using {{device}}',
    },
  },
};

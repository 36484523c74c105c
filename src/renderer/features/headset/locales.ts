/** Headset strings; merged into the app's i18n resources with the other desk features. */
export const headsetZhCN = {
  headset: {
    title: '耳机按键',
    pick: '选择耳机…',
    disconnect: '断开',
    status: {
      unavailable: '此环境不支持 WebHID，无法使用耳机按键。',
      none: '未连接耳机按键。选择耳机后可用耳机接听、挂断和静音。',
      connected: '已连接：{{name}}（接听/挂断/静音按键可用）',
      unsupported: '“{{name}}”没有电话控制功能（HID 电话用途页），不支持耳机按键；仍可作为普通音频设备使用。',
      failed: '无法打开耳机设备，请重新插拔后再试。',
    },
  },
} as const;

export const headsetEn = {
  headset: {
    title: 'Headset buttons',
    pick: 'Choose headset…',
    disconnect: 'Disconnect',
    status: {
      unavailable: 'WebHID is not available here, so headset buttons cannot be used.',
      none: 'No headset buttons connected. Choose a headset to answer, hang up and mute from it.',
      connected: 'Connected: {{name}} (answer, hang-up and mute buttons work)',
      unsupported:
        '“{{name}}” has no telephony controls (HID telephony usage page), so its buttons are not supported. It still works as an audio device.',
      failed: 'The headset could not be opened. Unplug it, plug it back in and try again.',
    },
  },
};

import { devicesEn, devicesZhCN } from '../devices/locales';
import { headsetEn, headsetZhCN } from '../headset/locales';

/** Agent state and desk strings, with the device and headset ones: one merge into the i18n resources. */
export const agentZhCN = {
  agentState: {
    label: '坐席状态',
    status: { ready: '示闲', 'not-ready': '示忙', break: '小休', 'after-call': '话后整理', offline: '下线' },
    action: { ready: '示闲', 'not-ready': '示忙', break: '小休…', offline: '下线' },
    onBreak: '小休：{{reason}}',
    breakReason: { meal: '用餐', rest: '休息', training: '培训', meeting: '会议', recovery: '情绪恢复' },
    timeInState: '当前状态持续时间',
    afterCallLeft: '{{seconds}} 秒后自动示闲',
    finishNow: '整理完毕',
    extend: '延长 {{seconds}} 秒',
    featureCodeFailed: '未能通知交换机（{{code}}）：坐席状态可能与排队系统不一致。',
  },
  deskState: {
    offline: '离线',
    ready: '空闲',
    ringing: '振铃',
    dialing: '外呼中',
    talking: '通话中',
    held: '保持',
    consulting: '咨询中',
    'after-call': '话后整理',
    break: '小休',
    'not-ready': '示忙',
  },
  agentDesk: {
    open: '坐席台设置',
    title: '坐席台设置',
    stateSection: '坐席状态',
    startStatus: '启动后的状态',
    afterCallSeconds: '话后整理时长（秒，0 为不整理）',
    extendSeconds: '每次延长（秒）',
    breakReasons: '小休原因',
    breakReasonsHint: '用逗号分隔，例如：用餐，休息，培训',
    busySection: '非示闲时的来电',
    busySignal: '处理方式',
    busy: { 'reject-486': '直接回复“忙”', 'feature-codes': '通过功能码通知交换机（暂停/恢复排队）' },
    pauseCode: '暂停功能码',
    unpauseCode: '恢复功能码',
    alertsSection: '提醒与快捷键',
    notifyIncoming: '窗口不在前台时，来电弹出系统通知',
    shortcut: { answer: '接听', hangup: '挂断', mute: '静音', hold: '保持' },
    shortcutNone: '不使用',
    shortcutHint: '全局快捷键，在其他程序中也可用，例如 Ctrl+Alt+A。',
    shortcutTaken: '该组合键已被其他程序占用，请换一个。',
  },
  alerts: {
    incomingTitle: '来电：{{number}}',
    incomingBody: '{{name}}  点击切换到热线工作台',
  },
  errors: {
    accelerator: '快捷键格式不正确，需要至少一个修饰键，例如 Ctrl+Alt+A',
    featureCode: '请输入功能码（数字、* 和 #）或 SIP 地址',
  },
} as const;

export const agentEn = {
  agentState: {
    label: 'Agent state',
    status: { ready: 'Ready', 'not-ready': 'Not ready', break: 'Break', 'after-call': 'After-call work', offline: 'Offline' },
    action: { ready: 'Ready', 'not-ready': 'Not ready', break: 'Break…', offline: 'Go offline' },
    onBreak: 'Break: {{reason}}',
    breakReason: { meal: 'Meal', rest: 'Rest', training: 'Training', meeting: 'Meeting', recovery: 'Recovery' },
    timeInState: 'Time in this state',
    afterCallLeft: 'Ready again in {{seconds}} s',
    finishNow: 'Done',
    extend: 'Extend {{seconds}} s',
    featureCodeFailed: 'The PBX could not be told ({{code}}): the queue may not match your state.',
  },
  deskState: {
    offline: 'Offline',
    ready: 'Available',
    ringing: 'Ringing',
    dialing: 'Calling out',
    talking: 'On a call',
    held: 'On hold',
    consulting: 'Consulting',
    'after-call': 'After-call work',
    break: 'Break',
    'not-ready': 'Not ready',
  },
  agentDesk: {
    open: 'Desk settings',
    title: 'Desk settings',
    stateSection: 'Agent state',
    startStatus: 'State after start',
    afterCallSeconds: 'After-call work (seconds, 0 for none)',
    extendSeconds: 'Extend by (seconds)',
    breakReasons: 'Break reasons',
    breakReasonsHint: 'Separated by commas, e.g. Meal, Rest, Training',
    busySection: 'Calls while not ready',
    busySignal: 'Handling',
    busy: { 'reject-486': 'Answer "busy"', 'feature-codes': 'Tell the PBX with feature codes (queue pause/unpause)' },
    pauseCode: 'Pause code',
    unpauseCode: 'Unpause code',
    alertsSection: 'Alerts and shortcuts',
    notifyIncoming: 'System notification for a call while the window is in the background',
    shortcut: { answer: 'Answer', hangup: 'Hang up', mute: 'Mute', hold: 'Hold' },
    shortcutNone: 'None',
    shortcutHint: 'Global shortcuts work in other applications too, e.g. Ctrl+Alt+A.',
    shortcutTaken: 'Another application holds this key combination; choose another.',
  },
  alerts: {
    incomingTitle: 'Call from {{number}}',
    incomingBody: '{{name}}  Click to switch to Hotline Desk',
  },
  errors: {
    accelerator: 'Not a valid shortcut: use at least one modifier, e.g. Ctrl+Alt+A',
    featureCode: 'Enter a feature code (digits, * and #) or a SIP URI',
  },
};

/** Registered with the other feature bundles in i18n/feature-locales.ts (deep-merged, so `errors.*` joins the app's). */
export const agentDeskZhCN = { ...agentZhCN, ...devicesZhCN, ...headsetZhCN };
export const agentDeskEn = { ...agentEn, ...devicesEn, ...headsetEn };

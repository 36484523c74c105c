import type { Messages } from '../../i18n/locales/messages';

/** The first-start welcome, zh-CN first. */
export const welcomeZhCN = {
  welcome: {
    title: '欢迎使用 12345 热线坐席',
    intro: '这台电脑还没有设置。现在就可以接一通练习电话：模拟来电人会响铃、说话，话术引导和工单都和真实来电一样。练习不需要电话系统，也不需要网络。',
    practiceNow: '接一通练习电话',
    practiceNowHint: '{{title}} · 按 Enter 开始',
    otherScenarios: '选择其他练习情景…',
    readyTitle: '准备上岗时',
    readyText: '用中心分配的工号在右侧登录，电话和工单会自动设置好；没有登录服务的中心，可以手动设置电话（PBX）。',
    setUpPbx: '手动设置电话（PBX）',
    keys: 'Tab 切换选项，Enter 确认',
    back: '← 返回欢迎页（Esc）',
    backHint: '回到欢迎页：可以登录、手动设置电话或再选一个练习',
    backWhenDone: '练习电话结束后才能返回欢迎页',
  },
};

export const welcomeEn: Messages<typeof welcomeZhCN> = {
  welcome: {
    title: 'Welcome to the 12345 hotline desk',
    intro: 'This computer is not set up yet. You can take a practice call right now: a simulated caller rings and speaks, and the guidance and the work order work as on a real call. Practice needs no phone system and no network.',
    practiceNow: 'Take a practice call',
    practiceNowHint: '{{title}} · press Enter to start',
    otherScenarios: 'Choose another practice scenario…',
    readyTitle: 'When you are ready to take real calls',
    readyText: 'Sign in on the right with the work number your centre gave you: the phone and the work orders are set up for you. A centre without the sign-in service can set up the phone (PBX) by hand.',
    setUpPbx: 'Set up the phone (PBX) by hand',
    keys: 'Tab moves between the options, Enter chooses',
    back: '← Back to the welcome (Esc)',
    backHint: 'Back to the welcome: sign in, set up the phone, or pick another practice',
    backWhenDone: 'Back to the welcome once the practice call has ended',
  },
};

import type { Messages } from '../../i18n/locales/messages';

/** Practice calls (情景模拟), zh-CN first. */
export const practiceZhCN = {
  practice: {
    entry: '练习通话',
    chooseTitle: '选一个练习情景',
    chooseIntro: '模拟来电会像真实来电一样响铃，接起后按规范应答即可。练习不连接电话系统，不需要网络；练习工单只留在本机，不上报、不计入统计。',
    start: '开始',
    badge: '练习',
    subtitlesLabel: '来电人说的话',
    waiting: '来电人正在等您开口…',
    speaking: '正在说',
    stageDirection: '（旁白）',
    ended: '练习已结束',
    mood: {
      calm: '平静',
      uneasy: '不安',
      upset: '不满',
      angry: '生气',
      furious: '非常激动',
    },
  },
};

export const practiceEn: Messages<typeof practiceZhCN> = {
  practice: {
    entry: 'Practice call',
    chooseTitle: 'Choose a practice scenario',
    chooseIntro: 'The simulated caller rings like a real call; answer it and handle it as you would any call. Practice needs no phone system and no network; its work order stays on this desk, never sent and never counted.',
    start: 'Start',
    badge: 'Practice',
    subtitlesLabel: 'What the caller says',
    waiting: 'The caller is waiting for you to speak…',
    speaking: 'Speaking',
    stageDirection: '(stage direction)',
    ended: 'Practice finished',
    mood: {
      calm: 'Calm',
      uneasy: 'Uneasy',
      upset: 'Upset',
      angry: 'Angry',
      furious: 'Very agitated',
    },
  },
};

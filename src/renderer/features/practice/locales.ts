import type { Messages } from '../../i18n/locales/messages';

/** Practice calls (情景模拟), zh-CN first. */
export const practiceZhCN = {
  practice: {
    entry: '练习通话',
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

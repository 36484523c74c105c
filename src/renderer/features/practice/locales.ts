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
    traineeNumber: '学员分机',
    traineeNumberHint: '班长扮演来电人时填写，呼叫会标记为练习',
    callTrainee: '呼叫学员',
    callTraineeTitle: '由我扮演来电人，呼叫这位学员',
    scriptBadge: '练习 · 您扮演来电人',
    scriptProfile: '{{name}}，{{age}} 岁。{{manner}}',
    scriptRealWant: '真正想要的：{{want}}',
    scriptLines: '台词（按学员的应对选下一句）',
    scriptEnd: '（说完挂断）',
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
    traineeNumber: 'Trainee extension',
    traineeNumberHint: 'For a trainer playing the caller: the call is marked practice',
    callTrainee: 'Call trainee',
    callTraineeTitle: 'Play this caller myself and call the trainee',
    scriptBadge: 'Practice · you play the caller',
    scriptProfile: '{{name}}, {{age}}. {{manner}}',
    scriptRealWant: 'What they really want: {{want}}',
    scriptLines: 'Lines (pick the next by how the trainee handles it)',
    scriptEnd: '(hang up after this)',
    mood: {
      calm: 'Calm',
      uneasy: 'Uneasy',
      upset: 'Upset',
      angry: 'Angry',
      furious: 'Very agitated',
    },
  },
};

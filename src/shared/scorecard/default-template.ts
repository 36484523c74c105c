import { ScorecardTemplateSchema, type ScorecardTemplate, type ScorecardTemplateInput } from './template';

/**
 * The centre's default scorecard, after the 12345 norms (DOMAIN.md, "the call,
 * step by step"): 100 points, the items the desk can check on its own judged
 * on the timeline and work order, the rest left to the trainer.
 */
const DEFAULT_TEMPLATE_INPUT: ScorecardTemplateInput = {
  id: 'hotline-12345-default',
  version: 1,
  name: { 'zh-CN': '12345 热线通话质检（默认）', en: '12345 hotline call review (default)' },
  items: [
    {
      id: 'greeting-on-time',
      title: { 'zh-CN': '及时问候（接通 3 秒内先开口）', en: 'Greets on time (speaks first, within 3 s of answer)' },
      points: 10,
      judge: { kind: 'agent-first-words', withinMs: 3000 },
      help: { step: 'greeting', phrases: ['greeting-standard'] },
    },
    {
      id: 'greeting-content',
      title: { 'zh-CN': '问候规范（报城市、热线和工号）', en: 'Standard greeting (city, hotline and work number)' },
      points: 5,
      judge: { kind: 'trainer' },
      help: { step: 'greeting', phrases: ['greeting-standard'] },
    },
    {
      id: 'listening',
      title: { 'zh-CN': '倾听回应（适时回应，让来电人把话说完）', en: 'Listening responses (lets the caller finish, responds)' },
      points: 5,
      judge: { kind: 'trainer' },
      help: { step: 'listen', phrases: ['listen-take-your-time', 'listen-i-see'] },
    },
    {
      id: 'restatement',
      title: { 'zh-CN': '复述确认（派单前核对诉求）', en: 'Restates and confirms (before dispatch)' },
      points: 10,
      judge: { kind: 'step-before', step: 'restate', before: 'dispatch' },
      help: { step: 'restate', phrases: ['restate-summary'] },
    },
    {
      id: 'scope-check',
      title: { 'zh-CN': '受理范围判断', en: 'Acceptance-scope check' },
      points: 10,
      judge: { kind: 'scope-decided' },
      help: { step: 'scope-check', phrases: ['scope-accepted', 'scope-not-ours'] },
    },
    {
      id: 'classification',
      title: { 'zh-CN': '分类准确、派单到部门', en: 'Classified and dispatched' },
      points: 10,
      judge: { kind: 'classified' },
      help: { step: 'dispatch', phrases: ['dispatch-clarify', 'dispatch-done'] },
    },
    {
      id: 'commitment',
      title: { 'zh-CN': '明确告知后续（部门、步骤、时限）', en: 'Concrete commitment (who, what, by when)' },
      points: 10,
      judge: { kind: 'commitment' },
      help: { step: 'next-steps', phrases: ['next-steps-deadline', 'alt-call-later'] },
    },
    {
      id: 'closing',
      title: { 'zh-CN': '礼貌结束（十字文明用语，询问其他需求）', en: 'Courteous closing (asks if anything else, thanks)' },
      points: 10,
      judge: { kind: 'trainer' },
      help: { step: 'closing', phrases: ['closing-anything-else', 'closing-thanks'] },
    },
    {
      id: 'no-talk-over',
      title: { 'zh-CN': '不抢话、不打断来电人', en: 'Does not talk over the caller' },
      points: 10,
      judge: { kind: 'talk-over', maxCount: 0 },
      help: { step: 'listen', phrases: ['listen-i-see', 'alt-already-said'] },
    },
    {
      id: 'no-raised-voice',
      title: { 'zh-CN': '语气平和、不提高音量', en: 'Calm voice, never raised' },
      points: 5,
      judge: { kind: 'no-raised-voice' },
      help: { phrases: ['alt-shouting', 'alt-calm-down'] },
    },
    {
      id: 'no-dead-air',
      title: { 'zh-CN': '无长时间冷场（不超过 10 秒）', en: 'No long dead air (10 s at most)' },
      points: 5,
      judge: { kind: 'dead-air', maxMs: 10_000 },
      help: { phrases: ['alt-wait', 'alt-back-from-hold'] },
    },
    {
      id: 'work-order-complete',
      title: { 'zh-CN': '工单填写完整', en: 'Work order complete' },
      points: 10,
      judge: { kind: 'work-order-complete' },
      help: { step: 'restate', phrases: ['restate-summary'] },
    },
  ],
  fatal: [
    { id: 'shirking', title: { 'zh-CN': '推诿（不受理、踢皮球）', en: 'Shirking (推诿: passing the caller off)' }, judge: { kind: 'trainer' } },
    { id: 'forbidden-words', title: { 'zh-CN': '使用服务禁语', en: 'Forbidden words (禁语)' }, judge: { kind: 'trainer' } },
    { id: 'hung-up-on-caller', title: { 'zh-CN': '无故挂断来电', en: 'Hung up on the caller without cause' }, judge: { kind: 'trainer' } },
    { id: 'emergency-unanswered', title: { 'zh-CN': '紧急情况未处置（未报告班长）', en: 'Emergency left unhandled (lead not told)' }, judge: { kind: 'emergency-unanswered' } },
  ],
};

let parsed: ScorecardTemplate | undefined;

/** The template above, validated on first use (not while main's bundle loads, before its window). */
export function defaultScorecardTemplate(): ScorecardTemplate {
  parsed ??= ScorecardTemplateSchema.parse(DEFAULT_TEMPLATE_INPUT);
  return parsed;
}

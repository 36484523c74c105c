import { describe, expect, it } from 'vitest';
import { breakReasonLabel, DEFAULT_BREAK_REASONS, RECOVERY_BREAK_REASON } from '../../../shared/domain/agent-state';
import { breakReasonsText, parseBreakReasons, type BreakReasonNames } from './break-reasons';
import { agentEn, agentZhCN } from './locales';

const english: BreakReasonNames = (key) => agentEn.agentState.breakReason[key];
const chinese: BreakReasonNames = (key) => agentZhCN.agentState.breakReason[key];

describe('break reasons in the desk\'s language, stored as the centre counts them', () => {
  it('names the defaults in English and leaves a centre\'s own reasons as written', () => {
    expect(DEFAULT_BREAK_REASONS.map((reason) => breakReasonLabel(reason, english))).toEqual(['Meal', 'Rest', 'Training', 'Meeting', 'Recovery']);
    expect(breakReasonLabel('接听培训回访', english)).toBe('接听培训回访');
    expect(breakReasonsText(DEFAULT_BREAK_REASONS, english, 'en')).toBe('Meal, Rest, Training, Meeting, Recovery');
    expect(breakReasonsText(DEFAULT_BREAK_REASONS, chinese, 'zh-CN')).toBe('用餐，休息，培训，会议，情绪恢复');
  });

  it('stores what an English desk typed as the defaults\' values, so both languages count one reason once', () => {
    expect(parseBreakReasons('Meal, rest,Training\nMeeting、Recovery, 党建学习', english)).toEqual([...DEFAULT_BREAK_REASONS, '党建学习']);
    // The recovery break guidance offers keeps its value whatever the language.
    expect(parseBreakReasons('Recovery', english)).toEqual([RECOVERY_BREAK_REASON]);
    expect(parseBreakReasons(breakReasonsText(DEFAULT_BREAK_REASONS, chinese, 'zh-CN'), chinese)).toEqual(DEFAULT_BREAK_REASONS);
    // A reason's name is not a prototype's property.
    expect(breakReasonLabel('toString', english)).toBe('toString');
  });
});

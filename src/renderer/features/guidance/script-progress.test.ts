import { describe, expect, it } from 'vitest';
import { autoTicks, currentStep, EMPTY_FACTS, GREETING_DONE_AFTER_MS, newAutoTicks, type ProgressInput } from './script-progress';

const input = (over: Partial<ProgressInput> = {}, facts: Partial<ProgressInput['facts']> = {}): ProgressInput => ({
  ended: false,
  agentSpoke: false,
  callerSpoke: false,
  elapsedMs: 1000,
  ...over,
  facts: { ...EMPTY_FACTS, ...facts },
});

describe('the call script ticks itself from what happened', () => {
  it('greeting: the agent spoke, or the caller did, or enough time went by', () => {
    expect(autoTicks(input())).toEqual({});
    expect(autoTicks(input({ agentSpoke: true })).greeting).toBe('agent-spoke');
    expect(autoTicks(input({ callerSpoke: true })).greeting).toBe('caller-spoke');
    expect(autoTicks(input({ elapsedMs: GREETING_DONE_AFTER_MS })).greeting).toBe('greeting-time');
  });

  it('follows the work order: notes, summary, scope, dispatch, commitment; closing at the end', () => {
    const ticks = autoTicks(
      input({ callerSpoke: true, ended: true }, { description: '路灯坏了', summary: '路灯不亮', scopeDecided: true, departmentCount: 1, commitment: '3 个工作日内回复', dueDate: '2025-07-01' }),
    );
    expect(ticks).toEqual({
      greeting: 'caller-spoke',
      listen: 'notes-taken',
      restate: 'summary-written',
      'scope-check': 'scope-decided',
      dispatch: 'dispatched',
      'next-steps': 'commitment-made',
      closing: 'call-ended',
    });
  });

  it('out of scope: pointing the caller to the right channel is the dispatch and the next step', () => {
    const ticks = autoTicks(input({}, { scopeDecided: true, outOfScope: true, channel: '人民法院' }));
    expect(ticks.dispatch).toBe('referred');
    expect(ticks['next-steps']).toBe('referred');
  });

  it('the current step is the first not ticked; a step the agent unticked stays unticked', () => {
    expect(currentStep({})).toBe('greeting');
    expect(currentStep({ greeting: { by: 'auto', atMs: 1 } })).toBe('listen');
    const state = input({ agentSpoke: true }, { summary: 'x' });
    expect(newAutoTicks({}, new Set(['greeting']), state)).toEqual([['restate', 'summary-written']]);
    expect(newAutoTicks({ restate: { by: 'agent', atMs: 5 } }, new Set(), state)).toEqual([['greeting', 'agent-spoke']]);
  });
});

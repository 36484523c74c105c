import { describe, expect, it } from 'vitest';
import type { FloorAgent } from '../../../../src/shared/domain/floor';
import { floorCounts, maskPhone, sortForAction } from '../../../../services/workorder/floor/view';
import { floorAgent } from '../../../support/floor-agent';

const NOW = Date.UTC(2026, 11, 2, 10);

const agent = (workNumber: string, change: Partial<FloorAgent> = {}): FloorAgent => floorAgent(NOW, workNumber, change);

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile, length kept', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('008613812345678')).toBe('138****5678');
  });

  it('masks a landline the same way and short numbers down to their last two digits', () => {
    expect(maskPhone('0871-63123456')).toBe('087*****3456');
    expect(maskPhone('63123456')).toBe('631*3456');
    expect(maskPhone('1234567')).toBe('*****67');
    expect(maskPhone('12')).toBe('12');
  });

  it('never returns what it was given when there are no digits; empty stays empty', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('  ')).toBeNull();
    expect(maskPhone('anonymous')).toBe('****');
  });
});

describe('the floor order and counts', () => {
  it('puts emergencies first, then overruns, then the longest calls, then the longest in state', () => {
    const agents = [
      agent('0001'),
      agent('0002', { agentState: 'not-ready', callPhase: 'talking', callStartedAt: NOW - 120_000 }),
      agent('0003', { agentState: 'not-ready', callPhase: 'talking', callStartedAt: NOW - 600_000 }),
      agent('0004', { agentState: 'after-call', callPhase: 'after-call', overruns: ['after-call'] }),
      agent('0005', { agentState: 'not-ready', callPhase: 'talking', callStartedAt: NOW - 5_000, prompts: ['raised-voice', 'emergency'] }),
      agent('0006', { since: NOW - 3_600_000 }),
      agent('0007', { agentState: 'offline', reportedAt: null }),
    ];
    expect(sortForAction(agents, NOW).map((a) => a.workNumber)).toEqual(['0005', '0004', '0003', '0002', '0006', '0001', '0007']);
  });

  it('counts anyone on a call as talking, whatever the agent state; never reported as offline', () => {
    const counts = floorCounts([
      agent('1'),
      agent('2', { callPhase: 'ringing', callStartedAt: NOW }),
      agent('3', { agentState: 'not-ready', callPhase: 'held', callStartedAt: NOW }),
      agent('4', { agentState: 'after-call', callPhase: 'after-call' }),
      agent('5', { agentState: 'break', breakReason: '用餐' }),
      agent('6', { agentState: 'not-ready' }),
      agent('7', { reportedAt: null }),
      agent('8', { agentState: 'offline' }),
    ]);
    expect(counts).toEqual({ ready: 1, talking: 2, 'after-call': 1, break: 1, 'not-ready': 1, offline: 2 });
  });
});

import { describe, expect, it } from 'vitest';
import { connectionLostSince, lostAfterMs, type FloorAgent } from '../../../src/shared/domain/floor';
import { flagsOf, screenCountOf, screenCounts, sortFloorForAction } from '../../../src/shared/domain/floor-view';
import { floorAgent } from '../../support/floor-agent';

const NOW = Date.UTC(2026, 11, 2, 10, 42, 5);

const agent = (workNumber: string, change: Partial<FloorAgent> = {}): FloorAgent => floorAgent(NOW, workNumber, change);

describe('the lead\'s floor as the desk shows it', () => {
  it('a desk silent past 1.5 keep-alives + 2 s is lost since its last report, never its last state', () => {
    expect(lostAfterMs(30_000)).toBe(47_000);
    const talking = agent('0307', { callPhase: 'talking', callStartedAt: NOW - 90_000 });
    expect(connectionLostSince({ ...talking, reportedAt: NOW - 47_000 }, NOW)).toBeNull();
    expect(connectionLostSince({ ...talking, reportedAt: NOW - 47_001 }, NOW)).toBe(NOW - 47_001);
    expect(screenCountOf({ ...talking, reportedAt: NOW - 60_000 }, NOW)).toBe('lost');
    expect(flagsOf({ ...talking, reportedAt: NOW - 60_000, prompts: ['abusive'] }, NOW, false)).toEqual(['lost']);
    // A signed-off desk or one never reported is offline, not lost.
    expect(screenCountOf(agent('1', { agentState: 'offline', reportedAt: NOW - 600_000 }), NOW)).toBe('offline');
    expect(screenCountOf(agent('2', { reportedAt: null }), NOW)).toBe('offline');
    // A short keep-alive (tests) gives a short bound.
    expect(connectionLostSince(agent('3', { keepAliveMs: 2_000, reportedAt: NOW - 5_001 }), NOW)).toBe(NOW - 5_001);
  });

  it('counts: on a call wins over the agent state; ACW, break, not ready, lost', () => {
    const counts = screenCounts(
      [
        agent('a'),
        agent('b', { callPhase: 'held', callStartedAt: NOW - 5_000 }),
        agent('c', { agentState: 'after-call', callPhase: 'after-call' }),
        agent('d', { agentState: 'break', breakReason: '用餐' }),
        agent('e', { agentState: 'not-ready' }),
        agent('f', { reportedAt: NOW - 100_000 }),
      ],
      NOW,
    );
    expect(counts).toEqual({ ready: 1, talking: 1, 'after-call': 1, break: 1, 'not-ready': 1, offline: 0, lost: 1 });
  });

  it('sorted for action: an open alert, an emergency prompt, overruns, lost, the longest call, then longest in state', () => {
    const agents = [
      agent('idle-long', { since: NOW - 600_000 }),
      agent('call-short', { callPhase: 'talking', callStartedAt: NOW - 10_000 }),
      agent('call-long', { callPhase: 'talking', callStartedAt: NOW - 300_000 }),
      agent('lost', { reportedAt: NOW - 100_000 }),
      agent('overrun', { agentState: 'after-call', callPhase: 'after-call', overruns: ['after-call'] }),
      agent('prompt', { callPhase: 'talking', callStartedAt: NOW - 5_000, prompts: ['emergency'] }),
      agent('alerted'),
      agent('idle-short', { since: NOW - 1_000 }),
    ];
    const order = sortFloorForAction(agents, NOW, new Set(['p-alerted'])).map((a) => a.workNumber);
    expect(order).toEqual(['alerted', 'prompt', 'overrun', 'lost', 'call-long', 'call-short', 'idle-long', 'idle-short']);
  });
});

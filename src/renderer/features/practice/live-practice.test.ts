import { describe, expect, it } from 'vitest';
import type { PracticeFinished } from '../../../shared/ipc/contract-practice';
import { bundledScenario, scenarioVersion } from '../../../shared/practice';
import type { DeskCallEvent } from '../call-session';
import { LivePracticeCalls, practiceEndedBy, trainerLabel, type LivePracticeStart } from './live-practice';

const AT = 1_780_000_000_000;

function harness(scenarios: Record<string, string> = { 'sip-live-1': 'land-compensation' }) {
  const started: LivePracticeStart[] = [];
  const ended: [string, PracticeFinished | null][] = [];
  const live = new LivePracticeCalls({
    scenarioOf: (callId) => scenarios[callId] ?? null,
    started: (call) => started.push(call),
    ended: (callId, finished) => ended.push([callId, finished]),
  });
  return { live, started, ended };
}

const ringing = (callId: string, change: Partial<Extract<DeskCallEvent, { type: 'ringing' }>> = {}): DeskCallEvent => ({
  type: 'ringing',
  callId,
  source: 'sip',
  direction: 'inbound',
  caller: { number: '1004', name: '张老师' },
  at: AT,
  waiting: false,
  autoAnswerAt: null,
  consultFor: null,
  practice: true,
  ...change,
});
const answered = (callId: string, at: number): DeskCallEvent => ({ type: 'answered', callId, at, media: { local: null, remote: null } });
const ended = (callId: string, at: number, endedBy: 'agent' | 'remote' | 'system' = 'remote'): DeskCallEvent => ({
  type: 'ended',
  callId,
  at,
  outcome: 'answered',
  endedBy,
  quality: null,
  transferred: false,
});

describe("the trainee's side of a live practice call, mapped to a practice result", () => {
  it('a trusted live practice call: its scenario, the trainee’s holds on the clock from ringing, who hung up, marked live, no lines', () => {
    const { live, started, ended: done } = harness();
    live.handle(ringing('sip-live-1'));
    expect(started).toEqual([{ callId: 'sip-live-1', scenarioId: 'land-compensation', trainerNumber: '1004', trainerName: '张老师' }]);
    live.handle(answered('sip-live-1', AT + 3_000));
    live.handle({ type: 'held', callId: 'sip-live-1', at: AT + 20_000, by: 'agent' });
    live.handle({ type: 'resumed', callId: 'sip-live-1', at: AT + 26_500 });
    // The trainer holding the call is not the trainee's hold.
    live.handle({ type: 'held', callId: 'sip-live-1', at: AT + 40_000, by: 'remote' });
    live.handle({ type: 'resumed', callId: 'sip-live-1', at: AT + 45_000 });
    // A hold still on when the call ends ends with it.
    live.handle({ type: 'held', callId: 'sip-live-1', at: AT + 60_000, by: 'agent' });
    live.handle(ended('sip-live-1', AT + 61_000, 'remote'));
    expect(done).toEqual([
      [
        'sip-live-1',
        {
          callId: 'sip-live-1',
          scenarioId: 'land-compensation',
          scenarioVersion: scenarioVersion(bundledScenario('land-compensation')!),
          endedBy: 'caller',
          lines: [],
          holds: [
            { fromMs: 20_000, toMs: 26_500 },
            { fromMs: 60_000, toMs: 61_000 },
          ],
          live: true,
        },
      ],
    ]);
    // Reported once: a late event of the same call changes nothing.
    live.handle(ended('sip-live-1', AT + 62_000));
    expect(done).toHaveLength(1);
  });

  it('a live practice call never answered ends with nothing to score', () => {
    const { live, ended: done } = harness();
    live.handle(ringing('sip-live-1'));
    live.handle({ ...(ended('sip-live-1', AT + 8_000, 'agent') as Extract<DeskCallEvent, { type: 'ended' }>), outcome: 'declined' });
    expect(done).toEqual([['sip-live-1', null]]);
  });

  it("no result for the trainer's own side, a real call, a simulated caller's call (it reports its own) or a scenario the phone did not trust", () => {
    const { live, started, ended: done } = harness({ 'sip-live-1': 'land-compensation', 'sip-odd-1': 'no-such-scenario' });
    const events: DeskCallEvent[] = [
      ringing('sip-live-1', { direction: 'outbound', caller: { number: '1001', name: '' } }),
      ringing('sip-real-1', { practice: false }),
      ringing('practice-1', { source: 'practice' }),
      ringing('sip-untrusted-1'),
      ringing('sip-odd-1'),
    ];
    for (const event of events) {
      live.handle(event);
      live.handle(answered(event.callId, AT + 1_000));
      live.handle(ended(event.callId, AT + 30_000));
    }
    expect(started).toEqual([]);
    expect(done).toEqual([]);
  });

  it('maps who ended the call: the far end is the caller the trainer plays; a failure is neither', () => {
    expect(practiceEndedBy('remote')).toBe('caller');
    expect(practiceEndedBy('agent')).toBe('agent');
    expect(practiceEndedBy('system')).toBeNull();
  });

  it('names the trainer by what the call showed', () => {
    expect(trainerLabel({ trainerNumber: '1004', trainerName: '张老师' })).toBe('张老师 1004');
    expect(trainerLabel({ trainerNumber: '1004', trainerName: ' ' })).toBe('1004');
  });
});

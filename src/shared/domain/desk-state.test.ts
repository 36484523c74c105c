import { describe, expect, it } from 'vitest';
import { initialAgentState } from './agent-state';
import { EMPTY_BOARD, frontCall, reduceCallBoard, ringingCall, type CallBoard } from './call/call-view';
import type { CallEvent } from './call/call-event';
import { deskStateOf } from './desk-state';

const ringing = (callId: string, at: number, waiting = false): CallEvent => ({
  type: 'ringing',
  callId,
  at,
  source: 'sip',
  direction: 'inbound',
  caller: { number: '13800138000', name: '' },
  waiting,
  autoAnswerAt: null,
  consultFor: null,
  practice: false,
});

function board(events: CallEvent[]): CallBoard {
  return events.reduce(reduceCallBoard, EMPTY_BOARD);
}

describe('the desk state the softphone bar shows', () => {
  const ready = initialAgentState('ready', 1_000);

  it('is the agent state with no call, and its time', () => {
    expect(deskStateOf(ready, [], null)).toEqual({ kind: 'ready', since: 1_000, breakReason: null });
    const onBreak = { ...initialAgentState('break', 2_000), breakReason: '用餐' };
    expect(deskStateOf(onBreak, [], null)).toEqual({ kind: 'break', since: 2_000, breakReason: '用餐' });
  });

  it('follows a call through ringing, talking, hold and back, never saying ready', () => {
    let b = board([ringing('c1', 5_000)]);
    expect(deskStateOf(ready, b.calls, frontCall(b))).toMatchObject({ kind: 'ringing', since: 5_000 });
    b = reduceCallBoard(b, { type: 'answered', callId: 'c1', at: 6_000, media: { local: null, remote: null, codec: null } } as CallEvent);
    expect(deskStateOf(ready, b.calls, frontCall(b))).toMatchObject({ kind: 'talking', since: 6_000 });
    b = reduceCallBoard(b, { type: 'held', callId: 'c1', at: 9_000, by: 'agent' } as CallEvent);
    expect(deskStateOf(ready, b.calls, frontCall(b))).toMatchObject({ kind: 'held', since: 9_000 });
    b = reduceCallBoard(b, { type: 'resumed', callId: 'c1', at: 12_000 } as CallEvent);
    expect(deskStateOf(ready, b.calls, frontCall(b))).toMatchObject({ kind: 'talking', since: 6_000 });
  });

  it('stays talking while a second call waits', () => {
    let b = board([ringing('c1', 5_000)]);
    b = reduceCallBoard(b, { type: 'answered', callId: 'c1', at: 6_000, media: { local: null, remote: null, codec: null } } as CallEvent);
    b = reduceCallBoard(b, ringing('c2', 7_000, true));
    expect(deskStateOf(ready, b.calls, frontCall(b))).toMatchObject({ kind: 'talking' });
  });

  it('is after-call work once the call ended and the agent wraps up', () => {
    let b = board([ringing('c1', 5_000)]);
    b = reduceCallBoard(b, { type: 'answered', callId: 'c1', at: 6_000, media: { local: null, remote: null, codec: null } } as CallEvent);
    b = reduceCallBoard(b, { type: 'ended', callId: 'c1', at: 8_000, outcome: 'completed', endedBy: 'remote', quality: null, transferred: false } as unknown as CallEvent);
    const afterCall = { ...initialAgentState('after-call', 8_000), afterCallEndsAt: 38_000 };
    expect(deskStateOf(afterCall, b.calls, frontCall(b))).toMatchObject({ kind: 'after-call', since: 8_000 });
  });
});

describe('the ringing call', () => {
  it('is the waiting call while another is answered, and none once both are answered', () => {
    expect(ringingCall(EMPTY_BOARD)).toBeNull();
    let b = board([ringing('c1', 5_000)]);
    expect(ringingCall(b)?.id).toBe('c1');
    b = reduceCallBoard(b, { type: 'answered', callId: 'c1', at: 6_000, media: { local: null, remote: null, codec: null } } as CallEvent);
    expect(ringingCall(b)).toBeNull();
    b = reduceCallBoard(b, ringing('c2', 7_000, true));
    expect(ringingCall(b)?.id).toBe('c2');
    b = reduceCallBoard(b, { type: 'answered', callId: 'c2', at: 8_000, media: { local: null, remote: null, codec: null } } as CallEvent);
    expect(ringingCall(b)).toBeNull();
  });
});

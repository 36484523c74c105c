import { describe, expect, it } from 'vitest';
import {
  afterCallSecondsLeft,
  acceptsCalls,
  changeOf,
  initialAgentState,
  MAX_AFTER_CALL_SECONDS,
  reduceAgentState,
  timeInStateMs,
  type AgentEvent,
  type AgentState,
} from '../../../src/shared/domain/agent-state';

const RULES = { afterCallSeconds: 30, extendSeconds: 30 };

/** A hand-turned clock: every step says what time it is. */
function machine(start: AgentState = initialAgentState('ready', 1_000)) {
  let state = start;
  let now = start.since;
  return {
    at(ms: number) {
      now = ms;
      return this;
    },
    send(event: AgentEvent, rules = RULES) {
      state = reduceAgentState(state, event, now, rules);
      return this;
    },
    get state() {
      return state;
    },
  };
}

describe('agent state machine', () => {
  it('moves between ready, not ready, break (with a reason) and offline, stamping the time', () => {
    const m = machine();
    expect(m.at(2_000).send({ type: 'not-ready' }).state).toEqual({ status: 'not-ready', since: 2_000, breakReason: null, afterCallEndsAt: null });
    expect(m.at(3_000).send({ type: 'break', reason: ' 用餐 ' }).state).toMatchObject({ status: 'break', since: 3_000, breakReason: '用餐' });
    expect(m.at(4_000).send({ type: 'offline' }).state).toMatchObject({ status: 'offline', since: 4_000, breakReason: null });
    expect(m.at(5_000).send({ type: 'ready' }).state).toMatchObject({ status: 'ready', since: 5_000 });
  });

  it('keeps the same object when nothing changes (a repeated click is not a transition)', () => {
    const m = machine();
    const before = m.state;
    expect(m.at(9_000).send({ type: 'ready' }).state).toBe(before);
    m.send({ type: 'break', reason: '培训' });
    const onBreak = m.state;
    expect(m.at(10_000).send({ type: 'break', reason: '培训' }).state).toBe(onBreak);
    expect(m.send({ type: 'break', reason: '   ' }).state).toBe(onBreak);
    expect(m.send({ type: 'break', reason: '会议' }).state.breakReason).toBe('会议');
  });

  it('enters after-call work when an answered call ends, and returns to ready by itself', () => {
    const m = machine();
    m.at(10_000).send({ type: 'call-ended', answered: true });
    expect(m.state).toMatchObject({ status: 'after-call', since: 10_000, afterCallEndsAt: 40_000 });
    expect(afterCallSecondsLeft(m.state, 10_001)).toBe(30);
    expect(m.at(39_999).send({ type: 'tick' }).state.status).toBe('after-call');
    expect(afterCallSecondsLeft(m.state, 39_999)).toBe(1);
    // A late tick (the machine slept) dates the return to when the countdown ran out.
    expect(m.at(45_000).send({ type: 'tick' }).state).toEqual({ status: 'ready', since: 40_000, breakReason: null, afterCallEndsAt: null });
  });

  it('lets the agent finish wrap-up early or extend it, never beyond the maximum', () => {
    const m = machine();
    m.at(0).send({ type: 'call-ended', answered: true });
    m.at(20_000).send({ type: 'extend-after-call' });
    expect(m.state.afterCallEndsAt).toBe(60_000);
    for (let i = 0; i < 50; i++) m.send({ type: 'extend-after-call' });
    expect(m.state.afterCallEndsAt).toBe(20_000 + MAX_AFTER_CALL_SECONDS * 1000);
    expect(m.at(25_000).send({ type: 'ready' }).state).toMatchObject({ status: 'ready', since: 25_000 });
    // Extending outside wrap-up does nothing.
    const ready = m.state;
    expect(m.send({ type: 'extend-after-call' }).state).toBe(ready);
  });

  it('gives no wrap-up for a missed call, with wrap-up off, or to an agent who chose not ready', () => {
    expect(machine().send({ type: 'call-ended', answered: false }).state.status).toBe('ready');
    expect(machine().send({ type: 'call-ended', answered: true }, { afterCallSeconds: 0, extendSeconds: 30 }).state.status).toBe('ready');
    const busy = machine(initialAgentState('not-ready', 0));
    expect(busy.send({ type: 'call-ended', answered: true }).state.status).toBe('not-ready');
    const onBreak = machine().send({ type: 'break', reason: '用餐' });
    expect(onBreak.send({ type: 'call-ended', answered: true }).state.status).toBe('break');
  });

  it('restarts the countdown when another call ends during wrap-up', () => {
    const m = machine().at(0).send({ type: 'call-ended', answered: true });
    expect(m.at(10_000).send({ type: 'call-ended', answered: true }).state.afterCallEndsAt).toBe(40_000);
  });

  it('offers calls only to a ready agent', () => {
    expect(acceptsCalls(initialAgentState('ready', 0))).toBe(true);
    for (const status of ['not-ready', 'break', 'after-call', 'offline'] as const) {
      expect(acceptsCalls(initialAgentState(status, 0))).toBe(false);
    }
  });

  it('measures time in state from the injected clock', () => {
    const state = initialAgentState('not-ready', 5_000);
    expect(timeInStateMs(state, 65_000)).toBe(60_000);
    expect(timeInStateMs(state, 4_000)).toBe(0);
  });

  it('describes a transition for the log, and nothing for an extension', () => {
    const ready = initialAgentState('ready', 0);
    const acw = reduceAgentState(ready, { type: 'call-ended', answered: true }, 1_000, RULES);
    expect(changeOf(ready, acw, 'call-ended')).toEqual({ status: 'after-call', reason: null, cause: 'call-ended', at: 1_000 });
    const extended = reduceAgentState(acw, { type: 'extend-after-call' }, 2_000, RULES);
    expect(changeOf(acw, extended, 'agent')).toBeNull();
    const onBreak = reduceAgentState(ready, { type: 'break', reason: '用餐' }, 3_000, RULES);
    expect(changeOf(ready, onBreak, 'agent')).toEqual({ status: 'break', reason: '用餐', cause: 'agent', at: 3_000 });
  });
});

import { describe, expect, it } from 'vitest';
import {
  bundledScenario,
  observePractice,
  OPENING_WAIT_MS,
  runPractice,
  startPractice,
  type PracticeAction,
  type PracticeObservation,
  type PracticeState,
  type Scenario,
} from '../../../src/shared/practice';

function scenario(id: string): Scenario {
  const found = bundledScenario(id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

/** An observation before the desk stamps its time. */
type Unstamped<T> = T extends unknown ? Omit<T, 'atMs'> : never;

/** Drives the runner like the desk does: observations in time order, ticks every 250 ms in between. */
class Desk {
  state: PracticeState;
  readonly said: PracticeAction[] = [];
  now = 0;

  constructor(readonly scenario: Scenario) {
    this.state = startPractice(scenario);
  }

  send(observation: Unstamped<PracticeObservation>): this {
    const step = observePractice(this.scenario, this.state, { ...observation, atMs: this.now } as PracticeObservation);
    this.state = step.state;
    this.said.push(...step.actions);
    return this;
  }

  /** Lets time pass, ticking; the caller's lines finish after `lineMs` each. */
  wait(ms: number, lineMs = 2000): this {
    const until = this.now + ms;
    let speakingSince = this.state.phase === 'speaking' ? this.now : -1;
    for (let guard = 0; this.now < until && guard < 100_000; guard++) {
      this.now = Math.min(until, this.now + 250);
      if (this.state.phase === 'speaking' && speakingSince >= 0 && this.now - speakingSince >= lineMs) {
        this.send({ type: 'caller-finished' });
        speakingSince = -1;
      } else this.send({ type: 'tick' });
      if (this.state.phase === 'speaking' && speakingSince < 0) speakingSince = this.now;
    }
    return this;
  }

  /** The trainee says something lasting `ms`. */
  speak(ms = 1500): this {
    this.send({ type: 'agent-speech-start' });
    this.now += ms;
    return this.send({ type: 'agent-speech-end' });
  }

  /** The trainee talks over the caller: the analyser's interruption while the caller speaks. */
  talkOver(): this {
    this.send({ type: 'agent-speech-start' }).send({ type: 'talked-over' });
    this.now += 800;
    return this.send({ type: 'agent-speech-end' });
  }

  lines(): string[] {
    return this.said.flatMap((action) => (action.type === 'say' ? [action.id] : ['(hang-up)']));
  }

  last(): PracticeAction | undefined {
    return this.said.at(-1);
  }
}

function answered(id: string): Desk {
  const desk = new Desk(scenario(id)).send({ type: 'answered' });
  desk.speak(3000); // the greeting
  return desk;
}

describe('practice runner', () => {
  it('rings until answered, then the caller waits for the greeting before the first line', () => {
    const desk = new Desk(scenario('policy-question'));
    desk.send({ type: 'tick' });
    expect(desk.state.phase).toBe('ringing');
    desk.send({ type: 'answered' }).send({ type: 'agent-speech-start' });
    desk.now = 2500;
    desk.send({ type: 'tick' });
    expect(desk.lines()).toEqual([]);
    desk.send({ type: 'agent-speech-end' });
    expect(desk.lines()).toEqual(['open']);
    expect(desk.last()).toMatchObject({ type: 'say', text: { 'zh-CN': expect.stringContaining('居住证') }, mood: 'calm', interjection: false });
  });

  it('starts talking by itself when the trainee says nothing after answering', () => {
    const desk = new Desk(scenario('policy-question')).send({ type: 'answered' });
    desk.wait(OPENING_WAIT_MS - 250);
    expect(desk.lines()).toEqual([]);
    desk.wait(250);
    expect(desk.lines()).toEqual(['open']);
  });

  it('interrupted twice → the caller gets angrier', () => {
    const desk = answered('land-compensation');
    expect(desk.lines()).toEqual(['open']);
    expect(desk.state.mood).toBe('angry');
    desk.wait(500).talkOver().wait(300).talkOver();
    desk.wait(3000);
    expect(desk.lines()).toEqual(['open', 'louder']);
    expect(desk.state.mood).toBe('furious');
    expect(desk.said.at(-1)).toMatchObject({ type: 'say', text: { 'zh-CN': expect.stringContaining('别打断我') } });
  });

  it('interrupted once is not enough to turn the caller angrier', () => {
    const desk = answered('land-compensation');
    desk.wait(500).talkOver().wait(3000).speak();
    expect(desk.lines()).toEqual(['open', 'insists']);
  });

  it('restated and acknowledged → calmer', () => {
    const desk = answered('land-compensation').wait(2500);
    desk.send({ type: 'step-done', step: 'restatement' }).send({ type: 'de-escalation-used' });
    desk.speak(4000);
    expect(desk.lines()).toEqual(['open', 'calmer']);
    expect(desk.state.mood).toBe('upset');
  });

  it('a line without a mood of its own is said in the scenario\'s mood (as its clip is), whatever came before', () => {
    const desk = answered('land-compensation');
    desk.wait(500).talkOver().wait(300).talkOver().wait(3000);
    expect(desk.state.mood).toBe('furious');
    desk.wait(2500).speak();
    expect(desk.lines()).toEqual(['open', 'louder', 'insists']);
    expect(desk.last()).toMatchObject({ mood: 'angry' });
    expect(desk.state.mood).toBe('angry');
  });

  it('an interjection does not change how the caller feels', () => {
    const desk = answered('unpaid-wages-threat').wait(2500).speak().wait(3000);
    expect(desk.state.mood).toBe('furious');
    desk.wait(5000);
    expect(desk.last()).toMatchObject({ id: 'still-there', mood: 'upset' });
    expect(desk.state.mood).toBe('furious');
  });

  it('restated but not acknowledged is not enough', () => {
    const desk = answered('land-compensation').wait(2500);
    desk.send({ type: 'step-done', step: 'restatement' }).speak(4000);
    expect(desk.lines()).toEqual(['open', 'insists']);
  });

  it('5 s of silence → "喂？还在听吗？", then the call goes on where it was', () => {
    const desk = answered('land-compensation').wait(2000);
    expect(desk.state.phase).toBe('waiting');
    desk.wait(4750);
    expect(desk.lines()).toEqual(['open']);
    desk.wait(250);
    expect(desk.lines()).toEqual(['open', 'still-there']);
    expect(desk.last()).toMatchObject({ type: 'say', interjection: true, text: { 'zh-CN': '喂？还在听吗？', en: 'Hello? Are you still there?' } });
    expect(desk.state.lineId).toBe('open');
    desk.wait(2500).speak();
    expect(desk.lines()).toEqual(['open', 'still-there', 'insists']);
  });

  it('silence while the trainee is talking is not dead air', () => {
    const desk = answered('land-compensation').wait(2000);
    desk.send({ type: 'agent-speech-start' }).wait(8000);
    expect(desk.lines()).toEqual(['open']);
  });

  it('out of scope explained kindly → asks where to go instead, and says goodbye', () => {
    const desk = answered('land-compensation').wait(2500).speak();
    expect(desk.lines()).toEqual(['open', 'insists']);
    desk.wait(2500);
    desk.send({ type: 'work-order', scope: 'out-of-scope', workOrderType: 'consultation' }).send({ type: 'de-escalation-used' }).speak(5000);
    expect(desk.lines()).toEqual(['open', 'insists', 'where-instead']);
    expect(desk.last()).toMatchObject({ text: { 'zh-CN': expect.stringContaining('该去哪儿') } });
    desk.wait(2500).speak().wait(2500);
    expect(desk.lines()).toEqual(['open', 'insists', 'where-instead', 'goodbye', '(hang-up)']);
    expect(desk.state).toMatchObject({ phase: 'ended', endedBy: 'caller' });
  });

  it('out of scope said with a raised voice does not count as kindly', () => {
    const desk = answered('land-compensation').wait(2500).speak().wait(2500);
    desk.send({ type: 'raised-voice' }).send({ type: 'work-order', scope: 'out-of-scope', workOrderType: null }).send({ type: 'de-escalation-used' }).speak();
    expect(desk.lines()).toEqual(['open', 'insists', 'repeats']);
  });

  it('the caller who will not hang up keeps repeating until five minutes, then hangs up promising to call again', () => {
    const desk = answered('land-compensation');
    for (let turn = 0; turn < 200 && desk.state.phase !== 'ended'; turn++) desk.wait(2500).speak(2000);
    const lines = desk.lines();
    expect(lines.filter((id) => id === 'insists').length).toBeGreaterThan(10);
    expect(lines.slice(-2)).toEqual(['tomorrow', '(hang-up)']);
    expect(desk.now).toBeGreaterThanOrEqual(300_000);
  });

  it('the emergency path: the threat, the emergency raised, the caller stays on the line', () => {
    const desk = answered('unpaid-wages-threat').wait(2500).speak();
    expect(desk.lines()).toEqual(['open', 'threat']);
    desk.wait(3000).send({ type: 'emergency-raised' }).wait(250);
    expect(desk.lines()).toEqual(['open', 'threat', 'stays-on']);
    desk.wait(2500).speak().wait(3000);
    expect(desk.lines().slice(-2)).toEqual(['steps-back', '(hang-up)']);
  });

  it('the emergency path missed: with no report the caller is gone', () => {
    const desk = answered('unpaid-wages-threat').wait(2500).speak().wait(2500).speak().wait(2500).speak().wait(3000);
    expect(desk.lines()).toEqual(['open', 'threat', 'not-heard', 'gone', '(hang-up)']);
  });

  it('the silent call: stage directions, never voiced, then the line drops', () => {
    const desk = new Desk(scenario('silent-call')).send({ type: 'answered' });
    desk.wait(OPENING_WAIT_MS + 2000).wait(15_000).wait(25_000);
    expect(desk.lines()).toEqual(['open', 'background', 'line-drops', '(hang-up)']);
    expect(desk.said.every((action) => action.type === 'hang-up' || action.silent)).toBe(true);
  });

  it('the trainee hanging up ends the caller, who then says nothing more', () => {
    const desk = answered('policy-question').wait(1000).send({ type: 'agent-hung-up' }).wait(10_000);
    expect(desk.lines()).toEqual(['open']);
    expect(desk.state).toMatchObject({ phase: 'ended', endedBy: 'agent' });
  });

  it('runPractice replays a list of observations to the same result', () => {
    const observations: PracticeObservation[] = [
      { type: 'answered', atMs: 0 },
      { type: 'agent-speech-start', atMs: 100 },
      { type: 'agent-speech-end', atMs: 3000 },
      { type: 'caller-finished', atMs: 6000 },
      { type: 'agent-speech-start', atMs: 6500 },
      { type: 'agent-speech-end', atMs: 9000 },
    ];
    const { state, actions } = runPractice(scenario('policy-question'), observations);
    expect(actions.map((action) => (action.type === 'say' ? action.id : action.type))).toEqual(['open', 'follow-up']);
    expect(state.said).toEqual([
      { id: 'open', atMs: 3000 },
      { id: 'follow-up', atMs: 9000 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { bundledScenario, observePractice, startPractice, type PracticeAction, type PracticeObservation, type PracticeState } from '../../../src/shared/practice';

const scenario = bundledScenario('policy-question')!;

/** The runner driven on one clock, as the practice call source drives it (a tick every 250 ms). */
function drive() {
  let state: PracticeState = startPractice(scenario);
  let now = 0;
  const said: string[] = [];
  const send = (observation: Omit<PracticeObservation, 'atMs'>) => {
    const step = observePractice(scenario, state, { ...observation, atMs: now } as PracticeObservation);
    state = step.state;
    for (const action of step.actions as PracticeAction[]) if (action.type === 'say') said.push(action.id);
  };
  const wait = (ms: number) => {
    for (const until = now + ms; now < until; ) {
      now = Math.min(until, now + 250);
      send({ type: 'tick' });
    }
  };
  return { send, wait, said, state: () => state, now: () => now };
}

describe('the practice caller while the call is on hold', () => {
  it('hears nothing and waits: no line, no "还在听吗" however long the hold; after it, the silence counts from the resume', () => {
    const desk = drive();
    desk.send({ type: 'answered' });
    desk.send({ type: 'agent-speech-start' });
    desk.wait(1_000);
    desk.send({ type: 'agent-speech-end' });
    expect(desk.said).toEqual(['open']);
    desk.wait(2_000);
    desk.send({ type: 'caller-finished' });
    desk.wait(1_000);

    const heldAt = desk.now();
    desk.send({ type: 'held' });
    // A minute on hold: past every timed branch of the line (20 s) and the 5 s dead-air interjection.
    desk.wait(60_000);
    desk.send({ type: 'agent-speech-start' }); // the trainee asks a colleague: the caller cannot hear it
    desk.wait(3_000);
    desk.send({ type: 'agent-speech-end' });
    expect(desk.said).toEqual(['open']);
    expect(desk.state().phase).toBe('waiting');

    const resumedAt = desk.now();
    desk.send({ type: 'resumed' });
    expect(desk.state().holds).toEqual([{ fromMs: heldAt, toMs: resumedAt }]);
    // 1 s of silence before the hold + 3.5 s after it: still under the 5 s that asks "还在听吗".
    desk.wait(3_500);
    expect(desk.said).toEqual(['open']);
    desk.wait(1_000);
    expect(desk.said).toEqual(['open', 'still-there']);
  });

  it('a line cut by the hold is finished after it, and the call goes on as the trainee handles it', () => {
    const desk = drive();
    desk.send({ type: 'answered' });
    desk.wait(4_000); // no greeting: the caller starts
    expect(desk.said).toEqual(['open']);
    desk.send({ type: 'held' });
    desk.wait(10_000);
    desk.send({ type: 'caller-finished' }); // a clip's end reported late while held changes nothing
    expect(desk.state().phase).toBe('speaking');
    desk.send({ type: 'resumed' });
    desk.send({ type: 'caller-finished' });
    expect(desk.state().phase).toBe('waiting');
    desk.send({ type: 'agent-speech-start' });
    desk.wait(2_000);
    desk.send({ type: 'agent-speech-end' });
    desk.wait(250);
    expect(desk.said).toEqual(['open', 'follow-up']);
  });

  it('hanging up while on hold ends the call', () => {
    const desk = drive();
    desk.send({ type: 'answered' });
    desk.send({ type: 'held' });
    desk.send({ type: 'agent-hung-up' });
    expect(desk.state()).toMatchObject({ phase: 'ended', endedBy: 'agent' });
  });
});

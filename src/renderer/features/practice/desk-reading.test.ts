import { describe, expect, it } from 'vitest';
import { bundledScenario, observePractice, startPractice, type PracticeObservation } from '../../../shared/practice';
import { DE_ESCALATION_SPEECH_MS, EMPTY_READING, INITIAL_OBSERVER, observeDesk, type DeskReading, type ObserverState } from './desk-reading';

/** Feeds readings one a second, as the analyser's statistics arrive. */
function feed(readings: Partial<DeskReading>[]): PracticeObservation[] {
  let state: ObserverState = INITIAL_OBSERVER;
  let reading = EMPTY_READING;
  const out: PracticeObservation[] = [];
  readings.forEach((change, index) => {
    reading = { ...reading, ...change };
    const step = observeDesk(state, reading, (index + 1) * 1000);
    state = step.state;
    out.push(...step.observations);
  });
  return out;
}

describe('reading the desk for the practice caller', () => {
  it('the trainee speaks while the analyser counts their speech, and stops when it stops growing', () => {
    expect(feed([{ agentSpeechMs: 800 }, { agentSpeechMs: 1800 }, { agentSpeechMs: 1800 }, {}])).toEqual([
      { type: 'agent-speech-start', atMs: 1000 },
      { type: 'agent-speech-end', atMs: 3000 },
    ]);
  });

  it('each new interruption is one talked-over, the script ticks and the emergency are said once', () => {
    const out = feed([
      { agentSpeechMs: 500, interruptions: 1 },
      { agentSpeechMs: 900, interruptions: 3, greetingDone: true },
      { restatementDone: true, emergencyRaised: true },
      { restatementDone: true, emergencyRaised: true },
    ]);
    expect(out.map((o) => (o.type === 'step-done' ? `step-done:${o.step}` : o.type))).toEqual([
      'agent-speech-start',
      'talked-over',
      'talked-over',
      'talked-over',
      'step-done:greeting',
      'agent-speech-end',
      'step-done:restatement',
      'emergency-raised',
    ]);
  });

  it('the work order: scope and type changes are passed on as they are', () => {
    expect(feed([{ scope: 'out-of-scope' }, { scope: 'out-of-scope' }, { workOrderType: 'complaint' }])).toEqual([
      { type: 'work-order', scope: 'out-of-scope', workOrderType: null, atMs: 1000 },
      { type: 'work-order', scope: 'out-of-scope', workOrderType: 'complaint', atMs: 3000 },
    ]);
  });

  it('a de-escalation phrase counts as used after the trainee speaks with the card on screen, not before', () => {
    const short = feed([{ deEscalationShown: true }, { agentSpeechMs: DE_ESCALATION_SPEECH_MS - 500 }, {}]);
    expect(short.some((o) => o.type === 'de-escalation-used')).toBe(false);
    const said = feed([{ deEscalationShown: true }, { agentSpeechMs: 1200 }, { agentSpeechMs: DE_ESCALATION_SPEECH_MS + 200 }, { agentSpeechMs: 5000 }]);
    expect(said.filter((o) => o.type === 'de-escalation-used')).toEqual([{ type: 'de-escalation-used', atMs: 3000 }]);
    const noCard = feed([{ agentSpeechMs: 5000 }, { agentSpeechMs: 9000 }]);
    expect(noCard.some((o) => o.type === 'de-escalation-used')).toBe(false);
  });

  it('a phrase taken from the de-escalation card counts as used at once, and only once', () => {
    const out = feed([{ deEscalationShown: true }, { deEscalationPhraseTaken: true }, { deEscalationPhraseTaken: true, agentSpeechMs: 4000 }]);
    expect(out.filter((o) => o.type === 'de-escalation-used')).toEqual([{ type: 'de-escalation-used', atMs: 2000 }]);
  });

  it('each time the analyser hears the trainee\'s voice rise is one raised-voice observation', () => {
    const out = feed([{ agentRaisedVoice: 0 }, { agentRaisedVoice: 1 }, { agentRaisedVoice: 1 }, { agentRaisedVoice: 2 }]);
    expect(out).toEqual([
      { type: 'raised-voice', atMs: 2000 },
      { type: 'raised-voice', atMs: 4000 },
    ]);
  });

  it('read into the runner: restating with the card on screen calms the land-compensation caller', () => {
    const scenario = bundledScenario('land-compensation')!;
    let practice = observePractice(scenario, startPractice(scenario), { type: 'answered', atMs: 0 }).state;
    const lines: string[] = [];
    const send = (observation: PracticeObservation) => {
      const step = observePractice(scenario, practice, observation);
      practice = step.state;
      for (const action of step.actions) if (action.type === 'say') lines.push(action.id);
    };
    // The greeting, then the caller's first line.
    for (const observation of feed([{ agentSpeechMs: 900 }, { agentSpeechMs: 2500 }, {}])) send(observation);
    send({ type: 'caller-finished', atMs: 8000 });
    let state: ObserverState = { ...INITIAL_OBSERVER, reading: { ...EMPTY_READING, agentSpeechMs: 2500, greetingDone: false } };
    const readings: Partial<DeskReading>[] = [
      { deEscalationShown: true, restatementDone: true },
      { agentSpeechMs: 3500 },
      { agentSpeechMs: 5000 },
      {},
    ];
    let reading = state.reading;
    readings.forEach((change, index) => {
      reading = { ...reading, ...change };
      const step = observeDesk(state, reading, 9000 + index * 1000);
      state = step.state;
      step.observations.forEach(send);
    });
    expect(lines).toEqual(['open', 'calmer']);
  });
});

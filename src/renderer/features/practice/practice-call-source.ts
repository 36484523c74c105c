import type { Language } from '../../../shared/domain/settings';
import {
  bundledScenario,
  observePractice,
  startPractice,
  type PracticeAction,
  type PracticeObservation,
  type PracticeState,
  type Scenario,
} from '../../../shared/practice';
import { callSessions, type CallSource, type DeskCallEvent } from '../call-session';
import { mediaRouting } from '../devices';
import { CallerVoice } from './caller-voice';
import { callerClip } from './clips';
import { INITIAL_OBSERVER, observeDesk, readDesk, type ObserverState } from './desk-reading';
import { putPracticeCall, removeEndedPracticeCalls, updatePracticeCall } from './practice-store';
import { practiceFinished, reportPracticeResult } from './practice-result';

/** How often the runner is ticked (timed branches, dead air) and the desk read. */
const TICK_MS = 250;
/** A stage direction stays alone on screen this long before the caller "finishes" it. */
const STAGE_DIRECTION_MS = 3000;

interface PracticeCall {
  id: string;
  scenario: Scenario;
  state: PracticeState;
  observer: ObserverState;
  rangAt: number;
  answered: boolean;
  /** On hold the caller waits: nothing is read or said until the call is taken back. */
  held: boolean;
  ended: boolean;
  audio: AudioContext | null;
  voice: CallerVoice | null;
  /** Plays the caller's voice to the trainee, on the speaker chosen for calls. */
  speaker: HTMLAudioElement | null;
  microphone: MediaStream | null;
  ticker: ReturnType<typeof setInterval> | null;
}

/**
 * Practice calls (情景模拟) as a call source beside the SIP phone: a
 * simulated caller from a scenario rings (marked practice), is answered,
 * held and hung up like any call, and runs the same guidance. The pure
 * runner decides what the caller says; this source reads the call's
 * guidance and work order every 250 ms, voices the lines (the shipped clips,
 * see CallerVoice) to the trainee's speaker and into the guidance's analysis,
 * and puts them on screen as subtitles.
 */
export class PracticeCallSource implements CallSource {
  readonly kind = 'practice' as const;
  private readonly listeners = new Set<(event: DeskCallEvent) => void>();
  private readonly calls = new Map<string, PracticeCall>();

  listen(listener: (event: DeskCallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A practice call from a bundled scenario (or one given) rings, the caller named in `language`; returns its call id. */
  ring(scenarioOrId: Scenario | string, language: Language, waiting = false): string {
    const scenario = typeof scenarioOrId === 'string' ? bundledScenario(scenarioOrId) : scenarioOrId;
    if (!scenario) throw new Error(`no practice scenario ${String(scenarioOrId)}`);
    removeEndedPracticeCalls();
    const id = `practice-${crypto.randomUUID()}`;
    const call: PracticeCall = {
      id,
      scenario,
      state: startPractice(scenario),
      observer: INITIAL_OBSERVER,
      rangAt: performance.now(),
      answered: false,
      held: false,
      ended: false,
      audio: null,
      voice: null,
      speaker: null,
      microphone: null,
      ticker: null,
    };
    this.calls.set(id, call);
    putPracticeCall({ callId: id, scenarioId: scenario.id, title: scenario.title, line: null, ended: false });
    this.emit({
      type: 'ringing',
      callId: id,
      source: 'practice',
      direction: 'inbound',
      caller: { number: scenario.caller.number, name: scenario.caller.name[language] },
      at: Date.now(),
      waiting,
      autoAnswerAt: null,
      consultFor: null,
      practice: true,
    });
    return id;
  }

  async answer(callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (!call || call.answered || call.ended) return;
    call.answered = true;
    call.audio = new AudioContext();
    call.voice = new CallerVoice(call.audio);
    call.speaker = playToTrainee(call.voice.stream);
    call.microphone = await navigator.mediaDevices.getUserMedia({ audio: mediaRouting().microphoneConstraints(), video: false }).catch(() => null);
    if (call.ended) return this.release(call);
    this.emit({ type: 'answered', callId, at: Date.now(), media: { local: call.microphone, remote: call.voice.stream, codec: null } });
    this.observe(call, { type: 'answered', atMs: this.clock(call) });
    call.ticker = setInterval(() => this.tick(call), TICK_MS);
  }

  decline(callId: string): Promise<void> {
    return this.end(callId, 'agent');
  }

  hangup(callId: string): Promise<void> {
    return this.end(callId, 'agent');
  }

  hold(callId: string): Promise<boolean> {
    const call = this.calls.get(callId);
    if (!call?.answered || call.ended) return Promise.resolve(false);
    call.held = true;
    // The caller cannot hear the trainee on hold, and stops talking: the clip pauses where it is.
    call.voice?.hold();
    this.observe(call, { type: 'held', atMs: this.clock(call) });
    updatePracticeCall(call.id, { held: true });
    this.emit({ type: 'held', callId, at: Date.now(), by: 'agent' });
    return Promise.resolve(true);
  }

  resume(callId: string): Promise<boolean> {
    const call = this.calls.get(callId);
    if (!call || call.ended) return Promise.resolve(false);
    if (call.held) {
      call.held = false;
      this.observe(call, { type: 'resumed', atMs: this.clock(call) });
      call.voice?.unhold();
      updatePracticeCall(call.id, { held: false });
    }
    if (call.answered) this.emit({ type: 'resumed', callId, at: Date.now() });
    this.emit({ type: 'foreground', callId });
    return Promise.resolve(true);
  }

  setMuted(callId: string, muted: boolean): void {
    const call = this.calls.get(callId);
    for (const track of call?.microphone?.getAudioTracks() ?? []) track.enabled = !muted;
    if (call && !call.ended) this.emit({ type: 'control', callId, change: { muted } });
  }

  private clock(call: PracticeCall): number {
    return performance.now() - call.rangAt;
  }

  /** Reads the call's guidance and work order, and lets time pass for the runner. */
  private tick(call: PracticeCall): void {
    if (call.ended || call.held) return;
    const atMs = this.clock(call);
    const session = callSessions.session(call.id);
    if (session) {
      const reading = readDesk(session.guidance.state, session.workOrder.state.fields);
      const { state, observations } = observeDesk(call.observer, reading, atMs);
      call.observer = state;
      for (const observation of observations) this.observe(call, observation);
    }
    this.observe(call, { type: 'tick', atMs });
  }

  private observe(call: PracticeCall, observation: PracticeObservation): void {
    if (call.ended) return;
    const step = observePractice(call.scenario, call.state, observation);
    call.state = step.state;
    for (const action of step.actions) this.act(call, action);
  }

  private act(call: PracticeCall, action: PracticeAction): void {
    if (action.type === 'hang-up') {
      void this.end(call.id, 'remote');
      return;
    }
    const line = { id: action.id, text: action.text, mood: action.mood, silent: action.silent };
    updatePracticeCall(call.id, { line: { ...line, speaking: true } });
    const done = () => {
      if (call.ended) return;
      updatePracticeCall(call.id, { line: { ...line, speaking: false } });
      this.observe(call, { type: 'caller-finished', atMs: this.clock(call) });
    };
    if (action.silent) call.voice?.pause(STAGE_DIRECTION_MS, done);
    else call.voice?.say(action.text, action.mood, callerClip(call.scenario.id, action.id), done);
  }

  private async end(callId: string, endedBy: 'agent' | 'remote'): Promise<void> {
    const call = this.calls.get(callId);
    if (!call || call.ended) return;
    if (endedBy === 'agent') this.observe(call, { type: 'agent-hung-up', atMs: this.clock(call) });
    call.ended = true;
    await this.release(call);
    updatePracticeCall(callId, { ended: true });
    const outcome = call.answered ? 'answered' : endedBy === 'agent' ? 'declined' : 'missed';
    this.emit({ type: 'ended', callId, at: Date.now(), outcome, endedBy, quality: null, transferred: false });
    this.calls.delete(callId);
    // The trainer sees every trainee's practice: the result is kept and goes to the centre (after the call's own reports).
    if (call.answered) void reportPracticeResult(practiceFinished(callId, call.scenario, call.state));
  }

  private async release(call: PracticeCall): Promise<void> {
    if (call.ticker) clearInterval(call.ticker);
    call.ticker = null;
    call.voice?.stop();
    if (call.speaker) {
      call.speaker.pause();
      call.speaker.srcObject = null;
      call.speaker.remove();
      call.speaker = null;
    }
    for (const track of call.microphone?.getTracks() ?? []) track.stop();
    await call.audio?.close().catch(() => undefined);
  }

  private emit(event: DeskCallEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** An element outside React (re-renders never cut the voice) on the call speaker, as the SIP phone's remote audio is. */
function playToTrainee(stream: MediaStream): HTMLAudioElement {
  const element = document.createElement('audio');
  element.autoplay = true;
  element.dataset.role = 'practice-caller-audio';
  element.srcObject = stream;
  document.body.appendChild(element);
  mediaRouting().registerOutput(element, 'speaker');
  element.play().catch(() => undefined);
  return element;
}

import type { CallSource, DeskCallEvent } from '../call-session';

interface ScriptedCall {
  id: string;
  startedAt: number;
  answered: boolean;
  ended: boolean;
  audio: AudioContext | null;
  microphone: MediaStream | null;
}

/**
 * A call source with no network: a generated caller (a steady tone) that
 * rings, is answered, held and hung up like any call. It is what a second
 * call source looks like to the desk (the seed of the practice caller), and
 * what the tests use to run a second session beside a live SIP call.
 */
export class ScriptedCallSource implements CallSource {
  readonly kind = 'test' as const;
  private readonly listeners = new Set<(event: DeskCallEvent) => void>();
  private readonly calls = new Map<string, ScriptedCall>();

  constructor(private readonly toneHz = 440) {}

  listen(listener: (event: DeskCallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A new call rings; `waiting` leaves the call in front where it is. */
  ring(caller: { number: string; name: string }, waiting: boolean): string {
    const id = `scripted-${crypto.randomUUID()}`;
    const call: ScriptedCall = { id, startedAt: Date.now(), answered: false, ended: false, audio: null, microphone: null };
    this.calls.set(id, call);
    this.emit({ type: 'ringing', callId: id, source: 'test', direction: 'inbound', caller, at: call.startedAt, waiting, autoAnswerAt: null, consultFor: null, practice: false });
    return id;
  }

  async answer(callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (!call || call.answered || call.ended) return;
    call.answered = true;
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = this.toneHz;
    const level = audio.createGain();
    level.gain.value = 0.1;
    const out = audio.createMediaStreamDestination();
    tone.connect(level).connect(out);
    tone.start();
    call.audio = audio;
    call.microphone = await navigator.mediaDevices.getUserMedia({ audio: true, video: false }).catch(() => null);
    if (call.ended) return this.release(call);
    this.emit({ type: 'answered', callId, at: Date.now(), media: { local: call.microphone, remote: out.stream, codec: null } });
  }

  decline(callId: string): Promise<void> {
    return this.end(callId, 'agent');
  }

  hangup(callId: string): Promise<void> {
    return this.end(callId, 'agent');
  }

  /** The caller hangs up. */
  callerHangsUp(callId: string): Promise<void> {
    return this.end(callId, 'remote');
  }

  hold(callId: string): Promise<boolean> {
    const call = this.calls.get(callId);
    if (!call?.answered || call.ended) return Promise.resolve(false);
    this.emit({ type: 'held', callId, at: Date.now(), by: 'agent' });
    return Promise.resolve(true);
  }

  resume(callId: string): Promise<boolean> {
    const call = this.calls.get(callId);
    if (!call || call.ended) return Promise.resolve(false);
    if (call.answered) this.emit({ type: 'resumed', callId, at: Date.now() });
    this.emit({ type: 'foreground', callId });
    return Promise.resolve(true);
  }

  setMuted(callId: string, muted: boolean): void {
    const call = this.calls.get(callId);
    for (const track of call?.microphone?.getAudioTracks() ?? []) track.enabled = !muted;
    if (call && !call.ended) this.emit({ type: 'control', callId, change: { muted } });
  }

  private async end(callId: string, endedBy: 'agent' | 'remote'): Promise<void> {
    const call = this.calls.get(callId);
    if (!call || call.ended) return;
    call.ended = true;
    await this.release(call);
    const outcome = call.answered ? 'answered' : endedBy === 'agent' ? 'declined' : 'missed';
    this.emit({ type: 'ended', callId, at: Date.now(), outcome, endedBy, quality: null, transferred: false });
    this.calls.delete(callId);
  }

  private async release(call: ScriptedCall): Promise<void> {
    for (const track of call.microphone?.getTracks() ?? []) track.stop();
    await call.audio?.close().catch(() => undefined);
  }

  private emit(event: DeskCallEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

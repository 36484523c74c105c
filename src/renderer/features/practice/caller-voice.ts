import type { LocalizedText } from '../../../shared/guidance/scripts/schema';
import type { Mood } from '../../../shared/practice';
import type { CallerClip } from './clips';

/** How long a line takes to say without a clip: about 4.5 Chinese characters a second, never under 1.5 s. */
export function lineDurationMs(text: LocalizedText): number {
  const characters = [...text['zh-CN'].replace(/[\s，。！？、…,.!?：；“”（）()]/g, '')].length;
  return Math.max(1500, Math.round((characters / 4.5) * 1000));
}

const PITCH_HZ: Record<Mood, number> = { calm: 220, uneasy: 240, upset: 260, angry: 290, furious: 320 };
/** Louder when angrier, so the analyser hears a raised voice as it would from a real caller. */
const LEVEL: Record<Mood, number> = { calm: 0.08, uneasy: 0.09, upset: 0.11, angry: 0.16, furious: 0.22 };
/** A clip that does not report its end is taken as finished this long after its length. */
const CLIP_GRACE_MS = 1000;

/**
 * The simulated caller's voice, as the call's remote stream: the line's
 * shipped clip (espeak-ng's Mandarin, made ahead of time) played through the
 * call's AudioContext, or, for a line with no clip, a tone whose pitch and
 * level follow the caller's mood. The words are on screen either way.
 */
export class CallerVoice {
  readonly stream: MediaStream;
  private readonly out: MediaStreamAudioDestinationNode;
  private readonly tone: OscillatorNode;
  private readonly toneLevel: GainNode;
  private playing: {
    element: HTMLAudioElement | null;
    timer: ReturnType<typeof setTimeout> | null;
    /** What `timer` calls, and when (performance.now()): a hold keeps the time left. */
    finish: () => void;
    dueAt: number;
    /** The tone's level while the line is said (0 for a clip or a stage direction). */
    level: number;
  } | null = null;
  /** Time left of the line when the call was put on hold; null when not on hold. */
  private heldLeftMs: number | null = null;

  constructor(private readonly audio: AudioContext) {
    this.out = audio.createMediaStreamDestination();
    this.tone = audio.createOscillator();
    this.toneLevel = audio.createGain();
    this.toneLevel.gain.value = 0;
    this.tone.connect(this.toneLevel).connect(this.out);
    this.tone.start();
    this.stream = this.out.stream;
  }

  /** Says a line; `done` is called once when it has been said (or was cut short by `stop`). */
  say(text: LocalizedText, mood: Mood, clip: CallerClip | null, done: () => void): void {
    this.stop();
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      this.stop();
      done();
    };
    if (clip) {
      const element = new Audio(clip.url);
      this.audio.createMediaElementSource(element).connect(this.out);
      element.addEventListener('ended', finish, { once: true });
      element.addEventListener('error', finish, { once: true });
      this.playing = this.timed(element, finish, clip.durationMs + CLIP_GRACE_MS, 0);
      void element.play().catch(finish);
      return;
    }
    const now = this.audio.currentTime;
    this.tone.frequency.setValueAtTime(PITCH_HZ[mood], now);
    this.toneLevel.gain.setTargetAtTime(LEVEL[mood], now, 0.01);
    this.playing = this.timed(null, finish, lineDurationMs(text), LEVEL[mood]);
  }

  /** A stage direction: nothing is heard; `done` after `ms`. */
  pause(ms: number, done: () => void): void {
    this.stop();
    this.playing = this.timed(null, done, ms, 0);
  }

  /**
   * The call is on hold: the caller stops mid-word (the clip pauses where it
   * is, the tone goes quiet) and the line's end waits, with the time it had left.
   */
  hold(): void {
    if (!this.playing || this.heldLeftMs !== null) return;
    this.heldLeftMs = Math.max(0, this.playing.dueAt - performance.now());
    if (this.playing.timer) clearTimeout(this.playing.timer);
    this.playing.timer = null;
    this.playing.element?.pause();
    this.toneLevel.gain.setTargetAtTime(0, this.audio.currentTime, 0.01);
  }

  /** Taken back from hold: the line goes on from where it stopped. */
  unhold(): void {
    const left = this.heldLeftMs;
    this.heldLeftMs = null;
    if (!this.playing || left === null) return;
    this.playing.dueAt = performance.now() + left;
    this.playing.timer = setTimeout(this.playing.finish, left);
    if (this.playing.element) void this.playing.element.play().catch(this.playing.finish);
    else if (this.playing.level > 0) this.toneLevel.gain.setTargetAtTime(this.playing.level, this.audio.currentTime, 0.01);
  }

  /** Whether a line's clip is sounding now (not paused by a hold, not finished). */
  get sounding(): boolean {
    return this.playing !== null && this.heldLeftMs === null && (this.playing.element ? !this.playing.element.paused : this.playing.level > 0);
  }

  private timed(element: HTMLAudioElement | null, finish: () => void, ms: number, level: number) {
    return { element, finish, level, dueAt: performance.now() + ms, timer: setTimeout(finish, ms) };
  }

  stop(): void {
    this.heldLeftMs = null;
    if (!this.playing) return;
    if (this.playing.timer) clearTimeout(this.playing.timer);
    this.playing.element?.pause();
    this.playing = null;
    this.toneLevel.gain.setTargetAtTime(0, this.audio.currentTime, 0.01);
  }
}

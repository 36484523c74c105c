import type { LocalizedText } from '../../../shared/guidance/scripts/schema';
import type { Mood } from '../../../shared/practice';

/** How long a line takes to say: about 4.5 Chinese characters a second, never under 1.5 s. */
export function lineDurationMs(text: LocalizedText): number {
  const characters = [...text['zh-CN'].replace(/[\s，。！？、…,.!?：；“”（）()]/g, '')].length;
  return Math.max(1500, Math.round((characters / 4.5) * 1000));
}

const PITCH_HZ: Record<Mood, number> = { calm: 220, uneasy: 240, upset: 260, angry: 290, furious: 320 };
/** Louder when angrier, so the analyser hears a raised voice as it would from a real caller. */
const LEVEL: Record<Mood, number> = { calm: 0.08, uneasy: 0.09, upset: 0.11, angry: 0.16, furious: 0.22 };

/**
 * The simulated caller's voice for now: a generated tone, on while a line is
 * said, its pitch and level following the caller's mood. It stands in for
 * the synthesised clips (espeak-ng `cmn-latn-pinyin`) until they are built;
 * the words are on screen as subtitles either way.
 */
export class ToneVoice {
  readonly stream: MediaStream;
  private readonly tone: OscillatorNode;
  private readonly level: GainNode;

  constructor(private readonly audio: AudioContext) {
    this.tone = audio.createOscillator();
    this.level = audio.createGain();
    this.level.gain.value = 0;
    const out = audio.createMediaStreamDestination();
    this.tone.connect(this.level).connect(out);
    this.tone.start();
    this.stream = out.stream;
  }

  speak(mood: Mood): void {
    const now = this.audio.currentTime;
    this.tone.frequency.setValueAtTime(PITCH_HZ[mood], now);
    this.level.gain.setTargetAtTime(LEVEL[mood], now, 0.01);
  }

  stop(): void {
    this.level.gain.setTargetAtTime(0, this.audio.currentTime, 0.01);
  }
}

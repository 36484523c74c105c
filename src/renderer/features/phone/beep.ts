/** A short 880 Hz beep (auto-answer warning), generated with WebAudio: no asset, no autoplay element. */
let context: AudioContext | null = null;

export function beep(durationMs = 180): void {
  try {
    context ??= new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 880;
    gain.gain.value = 0.2;
    oscillator.connect(gain).connect(context.destination);
    const now = context.currentTime;
    oscillator.start(now);
    oscillator.stop(now + durationMs / 1000);
    void context.resume().catch(() => undefined);
  } catch {
    // No audio output available: auto-answer still happens, the panel shows it.
  }
}

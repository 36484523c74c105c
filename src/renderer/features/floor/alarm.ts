/**
 * The emergency alarm: a two-tone beep every 1.5 s while an alert waits for a
 * lead. Web Audio plays while the window is behind others (the window allows
 * audio without a gesture: autoplayPolicy in main-window.ts); the OS
 * notification comes from main.
 */
export class EmergencyAlarm {
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Beeps played (tests read it through the data attribute the popup sets). */
  beeps = 0;

  start(): void {
    if (this.timer) return;
    this.beep();
    this.timer = setInterval(() => this.beep(), 1_500);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private beep(): void {
    this.beeps += 1;
    try {
      this.context ??= new AudioContext();
      void this.context.resume();
      const now = this.context.currentTime;
      for (const [i, hz] of [988, 1319].entries()) {
        const osc = this.context.createOscillator();
        const gain = this.context.createGain();
        osc.frequency.value = hz;
        gain.gain.setValueAtTime(0.0001, now + i * 0.25);
        gain.gain.exponentialRampToValueAtTime(0.3, now + i * 0.25 + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.25 + 0.22);
        osc.connect(gain).connect(this.context.destination);
        osc.start(now + i * 0.25);
        osc.stop(now + i * 0.25 + 0.24);
      }
    } catch {
      // No audio device: the popup and the OS notification still show.
    }
  }
}

/**
 * Loops the ringtone on an HTMLAudioElement while a call rings. Browsers may
 * refuse `play()` without a prior user gesture (autoplay policy); `start()`
 * then resolves false so the UI can say so, and ringing goes on visually.
 */
export class Ringtone {
  private audio: HTMLAudioElement | null = null;
  /** Bumped by stop(), so a play() that fails because we paused it is not "blocked". */
  private playToken = 0;

  constructor(private readonly url: string) {}

  async start(): Promise<boolean> {
    const audio = (this.audio ??= new Audio(this.url));
    audio.loop = true;
    audio.currentTime = 0;
    const token = ++this.playToken;
    try {
      await audio.play();
      return true;
    } catch {
      return token !== this.playToken;
    }
  }

  stop(): void {
    this.playToken++;
    if (!this.audio) return;
    this.audio.pause();
    this.audio.currentTime = 0;
  }
}

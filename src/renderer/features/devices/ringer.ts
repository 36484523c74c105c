import { nextPaint } from '../../base/perf-marks';
import type { MediaRouting } from './media-routing';

/**
 * The ringtone, on the ringer device (e.g. the PC speakers while the agent
 * talks on the headset).
 *
 * Why the first ring is silent in other web softphones: they create
 * `new Audio(url)` when the first INVITE arrives and call play(). Chromium's
 * autoplay policy refuses play() with sound on a page the user has not yet
 * interacted with (NotAllowedError), and an agent who starts the app and waits
 * gets the first call exactly then; even where it is allowed, the file is only
 * fetched and decoded at that moment, so the first ring starts late or not at all.
 *
 * Here: the element is created and preloaded when the phone starts (not when a
 * call comes), routed to the ringer device at once, and warmed up with a muted
 * play/pause (muted playback is always allowed), so the decoder and output
 * device are open. In Electron the window sets `autoplayPolicy:
 * 'no-user-gesture-required'`, which lifts the gesture rule itself; in a plain
 * browser any click or key press before the call (sticky user activation) does.
 * If play() is still refused, start() resolves false and the UI says so.
 */
export class Ringer {
  private readonly audio: HTMLAudioElement;
  private ringing = false;
  /** Bumped by stop(), so a play() that fails because we paused it is not "blocked". */
  private playToken = 0;

  constructor(url: string, routing: MediaRouting) {
    const audio = new Audio();
    audio.preload = 'auto';
    audio.loop = true;
    audio.src = url;
    audio.dataset.role = 'ringtone';
    this.audio = audio;
    audio.load();
    routing.registerOutput(audio, 'ringer');
    this.warmUp();
  }

  async start(): Promise<boolean> {
    this.ringing = true;
    const token = ++this.playToken;
    // Seeking and starting the element happen once the ringing panel is painted
    // (about one frame; at once in a hidden window): the screen comes first.
    await nextPaint();
    if (token !== this.playToken) return true; // stopped (answered, declined, gone) meanwhile: not "blocked"
    const audio = this.audio;
    audio.muted = false;
    audio.currentTime = 0;
    try {
      await audio.play();
      return true;
    } catch {
      return token !== this.playToken;
    }
  }

  stop(): void {
    this.ringing = false;
    this.playToken++;
    this.audio.pause();
    this.audio.currentTime = 0;
  }

  private warmUp(): void {
    const audio = this.audio;
    audio.muted = true;
    const token = this.playToken;
    audio
      .play()
      .then(() => {
        // A real ring may have started meanwhile: leave that one alone.
        if (this.ringing || token !== this.playToken) return;
        audio.pause();
        audio.currentTime = 0;
      })
      .catch(() => undefined)
      .finally(() => {
        if (!this.ringing) audio.muted = false;
      });
  }
}

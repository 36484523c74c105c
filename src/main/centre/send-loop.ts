import { backoffDelay, OUTBOX_BACKOFF } from '../../shared/base/backoff';

/**
 * The run-until-empty loop of the desk's senders to the centre (recordings,
 * practice results, the call list's reports): one drain at a time, a kick
 * during a drain runs another right after it (what arrived meanwhile is not
 * left waiting for the next kick), and a failed send retries after the
 * outbox's backoff, reset by the next success.
 */
export class SendLoop {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private closedFlag = false;

  constructor(
    private readonly drain: () => Promise<void>,
    private readonly random?: () => number,
  ) {}

  /** Something may be ready to go. */
  kick(): void {
    if (this.closedFlag) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Resolves when nothing is being sent. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /**
   * Stops the loop. A sender checks `closed` after each awaited reply and
   * writes nothing once it is set: the desk closes its database right after,
   * and the row left pending is sent again (idempotently) on the next start.
   */
  close(): void {
    this.closedFlag = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A send failed: the drain stops here and the loop kicks itself after the backoff. */
  retryLater(): void {
    this.failures++;
    this.timer = setTimeout(() => this.kick(), backoffDelay(this.failures - 1, OUTBOX_BACKOFF, this.random));
    this.timer.unref?.();
  }

  /** A send went through: the next failure starts the backoff from its first step. */
  succeeded(): void {
    this.failures = 0;
  }
}

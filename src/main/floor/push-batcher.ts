import type { FloorAgent } from '../../shared/domain/floor';
import type { FloorPush } from '../../shared/ipc/contract-floor';

/** One window for agents' rows: a floor at 10x its normal rate sends ~500 rows a second, one IPC message each otherwise. */
export const FLOOR_PUSH_WINDOW_MS = 50;

/**
 * Coalesces the agents' rows main pushes to the lead's renderer: the first row
 * after a quiet spell goes at once (a calm floor pays no delay), rows arriving
 * within the window after it go together at its end as one `states` push, the
 * newest row per agent. Any other push (snapshot, alert, connection) sends the
 * rows held first, so the renderer sees everything in order.
 */
export class FloorPushBatcher {
  private readonly held = new Map<string, FloorAgent>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (push: FloorPush) => void,
    private readonly windowMs = FLOOR_PUSH_WINDOW_MS,
  ) {}

  push(update: FloorPush): void {
    if (update.kind === 'state') {
      if (this.timer) {
        this.held.set(update.agent.personId, update.agent);
        return;
      }
      this.send(update);
      this.openWindow();
      return;
    }
    this.flush();
    this.send(update);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.held.clear();
  }

  private openWindow(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      // Rows came in the window: they go now and a new window opens behind them.
      if (this.flush()) this.openWindow();
    }, this.windowMs);
    this.timer.unref?.();
  }

  private flush(): boolean {
    if (this.held.size === 0) return false;
    const agents = [...this.held.values()];
    this.held.clear();
    this.send({ kind: 'states', agents });
    return true;
  }
}

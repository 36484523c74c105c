import { FLOOR_DETAIL_PATH, type DraftGlimpse } from '../../shared/domain/floor';
import type { DeskDetail } from '../../shared/ipc/contract-floor';
import { centreRequest } from '../centre/centre-request';
import type { FloorTarget } from './floor-reporter';

/** At most one draft post this often while the agent types. */
export const DETAIL_THROTTLE_MS = 2_000;

export interface FloorDetailPosterOptions {
  target(): FloorTarget | null;
  caPem?: () => string | null;
  throttleMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * The draft work order as typed, for a lead who opens the agent's drawer. Sent
 * always but throttled (one post per 2 s at most, only when it changed, the
 * latest wins), to its own route that keeps the latest per agent and fans out
 * to nobody: a lead reads it by polling while the drawer is open. Telling the
 * desk "a lead is watching" would need a channel from the centre to every desk
 * (they only post); at one small upsert per typing agent per 2 s the centre
 * carries 1,000 typing agents at 500 writes/s worst case, far less in practice
 * (agents type in bursts), and nothing reaches the leads' streams.
 */
export class FloorDetailPoster {
  private latest: { callId: string | null; draft: DraftGlimpse | null } | null = null;
  private sent = '';
  private timer: NodeJS.Timeout | null = null;
  private inFlight = false;
  private lastSentAt = 0;
  private closed = false;

  constructor(private readonly options: FloorDetailPosterOptions) {}

  changed(detail: DeskDetail): void {
    this.latest = { callId: detail.callId, draft: detail.draft };
    this.schedule();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.closed || this.timer || this.inFlight) return;
    if (JSON.stringify(this.latest) === this.sent) return;
    const wait = Math.max(0, this.lastSentAt + (this.options.throttleMs ?? DETAIL_THROTTLE_MS) - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.send();
    }, wait);
    this.timer.unref?.();
  }

  private async send(): Promise<void> {
    const target = this.options.target();
    const body = this.latest;
    if (!target || !body) return;
    const text = JSON.stringify(body);
    if (text === this.sent) return;
    this.inFlight = true;
    this.lastSentAt = Date.now();
    let ok: boolean;
    try {
      const reply = await centreRequest({
        baseUrl: target.centreUrl,
        method: 'POST',
        path: FLOOR_DETAIL_PATH,
        token: target.token,
        body,
        timeoutMs: 10_000,
        caPem: this.options.caPem?.() ?? null,
      });
      // A lost detail is only a stale glimpse: the next change sends the latest again.
      ok = reply.kind === 'answer' && reply.status < 300;
      if (ok) this.sent = text;
      else this.options.onError?.(new Error(`POST ${FLOOR_DETAIL_PATH}: ${reply.kind === 'answer' ? `HTTP ${reply.status}` : reply.message}`));
    } catch {
      ok = false;
    } finally {
      this.inFlight = false;
    }
    // After a failure the next change tries again (no retry loop against a centre that refuses).
    if (ok) this.schedule();
  }
}

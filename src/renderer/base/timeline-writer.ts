import type { TimelineEntryInput, TimelineRecord } from '../../shared/domain/call';

export type { TimelineRecord };
export type SendBatch = (callId: string, entries: TimelineEntryInput[]) => Promise<void>;

export const FLUSH_EVERY_MS = 500;
/** The contract's batch limit. */
export const MAX_BATCH = 500;
/** Beyond this many unsent rows (main unreachable for minutes) the oldest are dropped. */
export const MAX_QUEUED = 20_000;

/**
 * Batches timeline rows for main: `record` only queues (cheap enough to call
 * per audio event); a timer sends what has queued every 500 ms in one IPC
 * call (one SQLite transaction). A failed batch is put back and resent with
 * the same seqs, which main stores once.
 */
export class TimelineWriter {
  private queue: { callId: string; entry: TimelineEntryInput }[] = [];
  private readonly seqs = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sending: Promise<void> | null = null;
  dropped = 0;

  constructor(
    private readonly send: SendBatch,
    private readonly everyMs = FLUSH_EVERY_MS,
  ) {}

  record(callId: string, entry: TimelineRecord): void {
    const seq = this.seqs.get(callId) ?? 0;
    this.seqs.set(callId, seq + 1);
    const rounded = { ...entry, startMs: Math.round(entry.startMs), ...(entry.endMs != null ? { endMs: Math.round(entry.endMs) } : {}), seq };
    this.queue.push({ callId, entry: rounded as TimelineEntryInput });
    if (this.queue.length > MAX_QUEUED) {
      const excess = this.queue.length - MAX_QUEUED;
      this.queue.splice(0, excess);
      this.dropped += excess;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.everyMs);
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Sends everything queued now (call end, window closing). Resolves when main has answered. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.sending) await this.sending;
    if (this.queue.length === 0) return;
    const callId = this.queue[0]!.callId;
    const batch: { callId: string; entry: TimelineEntryInput }[] = [];
    while (batch.length < MAX_BATCH && this.queue[0]?.callId === callId) batch.push(this.queue.shift()!);
    this.sending = this.send(
      callId,
      batch.map((item) => item.entry),
    ).then(
      () => undefined,
      () => {
        // Put it back in front; the timer tries again.
        this.queue.unshift(...batch);
        this.timer ??= setTimeout(() => {
          this.timer = null;
          void this.flush();
        }, this.everyMs * 4);
      },
    );
    const sent = this.sending;
    await sent;
    this.sending = null;
    // More queued (another call, or more than one batch): keep going, unless that send failed.
    if (this.queue.length > 0 && this.queue[0] !== batch[0]) await this.flush();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

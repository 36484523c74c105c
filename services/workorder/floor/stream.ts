import type { ServerResponse } from 'node:http';
import type { FloorListening, FloorStore, StoredFloorEvent } from './floor-store';

/** One lead's open event stream. */
export interface FloorStream {
  teams: ReadonlySet<string>;
  /** On the centre's duty-manager list: also gets escalated alerts of any team. */
  dutyManager: boolean;
  /** The newest event id written to this stream. */
  lastSent: number;
  /** While the backlog is replayed, live events wait here. */
  pending: StoredFloorEvent[] | null;
  res: ServerResponse;
}

/** Events the hub reads per query. */
const HUB_PAGE = 500;

/** Bytes a slow reader may leave unread before its stream is cut (it resumes from Last-Event-ID). */
const MAX_UNREAD_BYTES = 1024 * 1024;

export function streamGets(stream: Pick<FloorStream, 'teams' | 'dutyManager'>, event: StoredFloorEvent): boolean {
  if (stream.teams.has(event.teamId)) return true;
  return event.kind === 'alert' && stream.dutyManager && event.alert.escalatedAt !== null;
}

export function writeEvent(stream: FloorStream, event: StoredFloorEvent): void {
  if (event.id <= stream.lastSent || !streamGets(stream, event)) return;
  stream.lastSent = event.id;
  const data = event.kind === 'alert' ? { id: String(event.id), at: event.at, alert: event.alert } : { id: String(event.id), at: event.at, agent: event.agent };
  stream.res.write(`id: ${event.id}\nevent: ${event.kind}\ndata: ${JSON.stringify(data)}\n\n`);
  if (stream.res.writableLength > MAX_UNREAD_BYTES) stream.res.destroy();
}

/**
 * The open streams of this instance and the one listener that feeds them:
 * told an event id (by the in-process emitter or PostgreSQL NOTIFY), it reads
 * the row once and writes it to every stream of that team, in the order the ids
 * were told (one read at a time, so no stream sees a smaller id after a larger).
 * The listener starts with the first stream. When it fails (the database
 * connection dropped) every stream is ended: the leads reconnect with
 * Last-Event-ID and read what they missed from the table.
 */
export class FloorHub {
  readonly streams = new Set<FloorStream>();
  private listening: Promise<FloorListening> | null = null;
  private chain: Promise<void> = Promise.resolve();
  /** The newest event id read and written to the streams, and the newest one told of. */
  private readThrough = 0;
  private wanted = 0;
  private reading = false;

  constructor(
    private readonly store: FloorStore,
    private readonly log: (line: string) => void,
  ) {}

  /** Starts the listener if needed; resolves once events appended from now on will be heard. */
  async ensureListening(): Promise<void> {
    this.listening ??= this.store
      .listen(
        (id) => this.told(id),
        (error) => this.lost(error),
      )
      .then(async (listening) => {
        // Heard from here on; what was appended before is each stream's backlog, read from the table.
        const head = await this.store.headEventId();
        this.readThrough = Math.max(this.readThrough, head);
        this.wanted = Math.max(this.wanted, head);
        return listening;
      })
      .catch((error: unknown) => {
        this.listening = null;
        throw error;
      });
    await this.listening;
  }

  private told(id: number): void {
    if (this.streams.size === 0) return;
    if (id > this.wanted) this.wanted = id;
    if (this.reading) return;
    this.reading = true;
    this.chain = this.chain.then(async () => {
      try {
        // Ids commit in id order (see the stores), so everything after the last one read is new: one query
        // per batch, not one per event, so a busy floor does not queue a read for every event.
        for (let page = 0; page < 1_000 && this.readThrough < this.wanted; page += 1) {
          const events = await this.store.eventsAfter(this.readThrough, null, HUB_PAGE);
          if (events.length === 0) break;
          for (const event of events) {
            for (const stream of this.streams) {
              if (stream.pending) stream.pending.push(event);
              else writeEvent(stream, event);
            }
          }
          this.readThrough = (events.at(-1) as StoredFloorEvent).id;
        }
      } catch (error) {
        // The rows could not be read: end the streams so they resume from the table.
        this.log(`floor: events after ${this.readThrough} could not be read: ${(error as Error)?.message ?? error}`);
        this.endStreams();
      } finally {
        this.reading = false;
      }
      // Told more while reading the last page: read again.
      if (this.readThrough < this.wanted && this.streams.size > 0) this.told(this.wanted);
    });
  }

  private lost(error: Error): void {
    this.log(`floor: listener lost (${error.message}); streams ended, leads resume from Last-Event-ID`);
    const listening = this.listening;
    this.listening = null;
    void listening?.then((l) => l.close()).catch(() => undefined);
    this.endStreams();
  }

  endStreams(): void {
    for (const stream of this.streams) stream.res.end();
    this.streams.clear();
  }

  async close(): Promise<void> {
    this.endStreams();
    const listening = this.listening;
    this.listening = null;
    await this.chain;
    if (listening) await (await listening.catch(() => null))?.close().catch(() => undefined);
  }
}

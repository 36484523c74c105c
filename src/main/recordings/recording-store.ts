import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordingHold, RecordingPeaks, RecordingSummary } from '../../shared/recording/recording';
import type { SecretCipher } from '../secrets/secret-cipher';
import { DeskKeys } from './desk-key';
import { newRecordingKey, openRecord, RecordingKeyError, sealRecord, unwrapKey, wrapKey } from './recording-crypto';
import { readRecords, RecordingFileWriter, truncateTo } from './recording-file';
import { readPeaksFile, writePeaksFile } from './recording-peaks';
import { RecordingReader } from './recording-reader';
import { RecordingSettingsRepo } from './recording-settings-repo';
import { holdsOf, RecordingsRepo, summaryOf, type RecordingRow } from './recordings-repo';
import { indexWebm, parseLiveWebm, WebmStreamError } from './webm-index';

export class RecordingRefused extends Error {
  constructor(
    readonly code: 'not-found' | 'out-of-order' | 'finished',
    message: string,
  ) {
    super(message);
    this.name = 'RecordingRefused';
  }
}

export interface RecordingStoreOptions {
  db: Database.Database;
  cipher: SecretCipher;
  /** Where the encrypted files live. */
  dir: string;
  now?: () => number;
  onError?: (error: unknown) => void;
  /** A recording was finished or repaired (e.g. to upload it). */
  onFinished?: (summary: RecordingSummary) => void;
}

interface Live {
  key: Buffer;
  writer: RecordingFileWriter;
  nextSeq: number;
  /** Appends run one after another, in the order they came. */
  queue: Promise<unknown>;
}

/** The decrypted recording, as one complete WebM file. */
export interface DecryptedRecording {
  summary: RecordingSummary;
  mimeType: string;
  durationMs: number;
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * The desk's recordings: each call's audio appended chunk by chunk (sealed
 * with the recording's own key, written and synced before the renderer hears
 * back), finished with its duration and seek index, repaired at the next
 * start when the desk died mid-call, decrypted for replay, deleted after the
 * retention period with the deletion logged.
 */
export class RecordingStore {
  readonly repo: RecordingsRepo;
  readonly keys: DeskKeys;
  readonly settings: RecordingSettingsRepo;
  private readonly live = new Map<string, Live>();
  private readonly readers = new Map<string, RecordingReader>();
  private readonly now: () => number;

  constructor(private readonly options: RecordingStoreOptions) {
    this.repo = new RecordingsRepo(options.db);
    this.keys = new DeskKeys(options.db, options.cipher, options.now);
    this.settings = new RecordingSettingsRepo(options.db);
    this.now = options.now ?? Date.now;
    mkdirSync(options.dir, { recursive: true });
  }

  /** A new recording for an answered call; null when the desk records nothing. */
  async start(request: { callId: string; practice: boolean; startedAt: number }): Promise<string | null> {
    if (this.settings.read().policy === 'none') return null;
    const id = `rec-${randomBytes(16).toString('hex')}`;
    const deskKey = this.keys.active();
    const key = newRecordingKey();
    const file = `${id}.hlrec`;
    const writer = await RecordingFileWriter.create(join(this.options.dir, file));
    this.repo.insert({
      id,
      call_id: request.callId,
      practice: request.practice ? 1 : 0,
      started_at: request.startedAt,
      desk_key_id: deskKey.id,
      wrapped_key: wrapKey(deskKey.key, id, key),
      file,
      bytes: writer.bytes,
    });
    this.live.set(id, { key, writer, nextSeq: 0, queue: Promise.resolve() });
    return id;
  }

  /** Appends chunk `seq` (the next one expected) and syncs it; resolves with the file's size. */
  appendChunk(id: string, seq: number, data: Uint8Array): Promise<number> {
    const live = this.liveOf(id);
    const run = live.queue.then(async () => {
      if (seq !== live.nextSeq) throw new RecordingRefused('out-of-order', `Recording ${id} expected chunk ${live.nextSeq}, got ${seq}`);
      await live.writer.append(seq, 'media', sealRecord(live.key, id, seq, 'media', data));
      live.nextSeq = seq + 1;
      this.repo.appended(id, live.nextSeq, live.writer.bytes);
      return live.writer.bytes;
    });
    live.queue = run.catch(() => undefined);
    return run;
  }

  /** A hold began or ended: kept as a mark at its place in the recording. */
  mark(id: string, kind: 'held' | 'resumed', at: number): void {
    const row = this.rowOf(id);
    const holds = holdsOf(row);
    if (kind === 'held') {
      if (row.held_since === null) this.repo.setHolds(id, holds, at);
      return;
    }
    if (row.held_since === null) return;
    const heldBefore = holds.reduce((sum, hold) => sum + hold.heldMs, 0);
    const atMs = Math.max(0, row.held_since - row.started_at - heldBefore);
    this.repo.setHolds(id, [...holds, { atMs, heldMs: Math.max(0, at - row.held_since) }], null);
  }

  /** The last chunk is in: the index record is added and the recording is complete; the peaks measured while recording are kept beside it. */
  async finish(id: string, endedAt: number, peaks?: RecordingPeaks): Promise<RecordingSummary> {
    const live = this.liveOf(id);
    this.live.delete(id);
    await live.queue;
    if (peaks) {
      try {
        writePeaksFile(this.peaksPath(id), live.key, id, peaks);
      } catch (error) {
        // The replay measures them on first open instead.
        this.options.onError?.(error);
      }
    }
    const row = this.rowOf(id);
    if (row.held_since !== null) this.mark(id, 'resumed', endedAt);
    const durationMs = this.durationOf(row, live.key);
    await live.writer.append(live.nextSeq, 'index', sealRecord(live.key, id, live.nextSeq, 'index', Buffer.from(JSON.stringify({ durationMs, mediaRecords: live.nextSeq }))));
    await live.writer.close();
    this.repo.finished(id, { state: 'complete', endedAt, durationMs, bytes: live.writer.bytes, nextSeq: live.nextSeq + 1 });
    const summary = summaryOf(this.rowOf(id));
    this.options.onFinished?.(summary);
    return summary;
  }

  /**
   * At start-up: recordings the desk was writing when it died (crash, kill,
   * power cut). The torn last record is cut off, the rest kept, the duration
   * and index computed, and the recording marked repaired.
   */
  async repairUnfinished(): Promise<RecordingSummary[]> {
    const repaired: RecordingSummary[] = [];
    for (const row of this.repo.unfinished()) {
      if (this.live.has(row.id)) continue;
      try {
        repaired.push(await this.repair(row));
      } catch (error) {
        this.options.onError?.(error);
      }
    }
    return repaired;
  }

  list(callId: string): RecordingSummary[] {
    return this.repo.byCall(callId).map(summaryOf);
  }

  summary(id: string): RecordingSummary {
    return summaryOf(this.rowOf(id));
  }

  /** Decrypts a finished recording into one seekable WebM. Throws RecordingKeyError when this desk's key cannot open it. */
  decrypt(id: string): DecryptedRecording {
    const row = this.rowOf(id);
    if (row.state === 'recording') throw new RecordingRefused('finished', `Recording ${id} is still being recorded`);
    const media = this.mediaOf(row, this.recordingKey(row)).chunks;
    const indexed = indexWebm(parseLiveWebm(Buffer.concat(media)));
    return { summary: summaryOf(row), mimeType: 'audio/webm', durationMs: indexed.durationMs, bytes: indexed.bytes };
  }

  /**
   * The decrypted, indexed WebM read by byte ranges (replay streams it to the
   * player), decrypting only what a range touches. The last few readers are
   * kept: a player asks for several ranges of the same file.
   */
  reader(id: string): RecordingReader {
    const cached = this.readers.get(id);
    if (cached) return cached;
    const row = this.rowOf(id);
    if (row.state === 'recording') throw new RecordingRefused('finished', `Recording ${id} is still being recorded`);
    const reader = RecordingReader.open(join(this.options.dir, row.file), row.id, this.recordingKey(row));
    this.readers.set(id, reader);
    for (const old of this.readers.keys()) if (this.readers.size > 4) this.readers.delete(old);
    return reader;
  }

  /** The decrypted WebM in pieces (for a stream or an HTTP body). */
  *stream(id: string, pieceBytes = 64 * 1024): Generator<Uint8Array> {
    const { bytes } = this.decrypt(id);
    for (let at = 0; at < bytes.length; at += pieceBytes) yield bytes.subarray(at, Math.min(bytes.length, at + pieceBytes));
  }

  /** The waveform's peaks kept beside a finished recording, null when none were. Throws RecordingKeyError when this desk's key cannot open them. */
  peaks(id: string): RecordingPeaks | null {
    const row = this.rowOf(id);
    if (row.state === 'recording') return null;
    return readPeaksFile(this.peaksPath(id), this.recordingKey(row), id);
  }

  /** Keeps peaks measured later (a recording from before they were measured while recording, opened for the first time). */
  savePeaks(id: string, peaks: RecordingPeaks): void {
    const row = this.rowOf(id);
    if (row.state === 'recording') throw new RecordingRefused('finished', `Recording ${id} is still being recorded`);
    writePeaksFile(this.peaksPath(id), this.recordingKey(row), id, peaks);
  }

  /** Deletes recordings started more than the retention period ago; each deletion is logged. Returns how many went. */
  deleteExpired(): number {
    const { retentionDays } = this.settings.read();
    const cutoff = this.now() - retentionDays * 86_400_000;
    let deleted = 0;
    for (const row of this.repo.startedBefore(cutoff)) {
      rmSync(join(this.options.dir, row.file), { force: true });
      rmSync(this.peaksPath(row.id), { force: true });
      this.readers.delete(row.id);
      this.repo.deleteLogged(row, `retention ${retentionDays} d`, this.now());
      deleted++;
    }
    return deleted;
  }

  /** Closes files being written (the app quits): they stay 'recording' and are repaired at the next start. */
  async close(): Promise<void> {
    const open = [...this.live.values()];
    this.live.clear();
    await Promise.all(open.map(async (live) => {
      await live.queue;
      await live.writer.close().catch(() => undefined);
    }));
  }

  private async repair(row: RecordingRow): Promise<RecordingSummary> {
    const key = this.recordingKey(row);
    const path = join(this.options.dir, row.file);
    const { chunks, keptBytes, fileBytes, nextSeq } = this.mediaOf(row, key, { tolerateTail: true });
    if (keptBytes < fileBytes) truncateTo(path, keptBytes);
    let durationMs = 0;
    if (chunks.length > 0) {
      try {
        durationMs = parseLiveWebm(Buffer.concat(chunks)).durationTicks;
      } catch (error) {
        if (!(error instanceof WebmStreamError)) throw error;
      }
    }
    const holds = holdsOf(row);
    if (row.held_since !== null) {
      const heldBefore = holds.reduce((sum, hold) => sum + hold.heldMs, 0);
      this.repo.setHolds(row.id, [...holds, { atMs: Math.max(0, row.held_since - row.started_at - heldBefore), heldMs: 0 }], null);
    }
    const writer = await RecordingFileWriter.reopen(path, keptBytes);
    await writer.append(nextSeq, 'index', sealRecord(key, row.id, nextSeq, 'index', Buffer.from(JSON.stringify({ durationMs, mediaRecords: nextSeq, repairedAt: this.now() }))));
    await writer.close();
    const holdsNow = holdsOf(this.rowOf(row.id));
    const heldMs = holdsNow.reduce((sum, hold) => sum + hold.heldMs, 0);
    this.repo.finished(row.id, { state: 'repaired', endedAt: row.started_at + Math.round(durationMs + heldMs), durationMs, bytes: writer.bytes, nextSeq: nextSeq + 1 });
    const summary = summaryOf(this.rowOf(row.id));
    this.options.onFinished?.(summary);
    return summary;
  }

  /** The recording's media records, decrypted in order. With `tolerateTail`, reading stops at the first record that does not open (a torn write). */
  private mediaOf(row: RecordingRow, key: Buffer, options: { tolerateTail?: boolean } = {}): { chunks: Buffer[]; keptBytes: number; fileBytes: number; nextSeq: number } {
    const { records, wholeBytes, fileBytes } = readRecords(join(this.options.dir, row.file));
    const chunks: Buffer[] = [];
    let keptBytes = records[0]?.offset ?? wholeBytes;
    let nextSeq = 0;
    for (const [i, record] of records.entries()) {
      const end = records[i + 1]?.offset ?? wholeBytes;
      if (record.seq !== nextSeq) break;
      if (record.kind === 'index') {
        keptBytes = end;
        nextSeq++;
        continue;
      }
      try {
        chunks.push(openRecord(key, row.id, record.seq, 'media', record.sealed));
      } catch (error) {
        // The first record failing is a wrong key; a later one is a write the crash tore.
        if (!options.tolerateTail || i === 0) throw error;
        break;
      }
      keptBytes = end;
      nextSeq++;
    }
    return { chunks, keptBytes, fileBytes, nextSeq };
  }

  private durationOf(row: RecordingRow, key: Buffer): number {
    const { chunks } = this.mediaOf(row, key);
    if (chunks.length === 0) return 0;
    try {
      return indexWebm(parseLiveWebm(Buffer.concat(chunks))).durationMs;
    } catch (error) {
      if (error instanceof WebmStreamError) return 0;
      throw error;
    }
  }

  private peaksPath(id: string): string {
    return join(this.options.dir, `${id}.hlpeaks`);
  }

  private recordingKey(row: RecordingRow): Buffer {
    return unwrapKey(this.keys.byId(row.desk_key_id).key, row.id, row.wrapped_key);
  }

  private liveOf(id: string): Live {
    const live = this.live.get(id);
    if (!live) throw new RecordingRefused(this.repo.get(id) ? 'finished' : 'not-found', `No recording ${id} is being recorded`);
    return live;
  }

  private rowOf(id: string): RecordingRow {
    const row = this.repo.get(id);
    if (!row) throw new RecordingRefused('not-found', `No recording ${id}`);
    return row;
  }
}

export { RecordingKeyError };
export type { RecordingHold };

import { closeSync, openSync, readSync } from 'node:fs';
import { openRecord } from './recording-crypto';
import { readRecords } from './recording-file';
import { layoutWebm, parseLiveWebm, type WebmPiece } from './webm-index';

interface MediaRecord {
  seq: number;
  /** Where the sealed bytes are in the file, and how many. */
  sealedAt: number;
  sealedLength: number;
  /** Its plaintext's place in the live stream (all media records' plaintexts end to end). */
  plainStart: number;
  plainEnd: number;
}

const RECORD_HEADER_BYTES = 9;

/**
 * A finished recording read as the complete, indexed WebM by byte ranges,
 * decrypting only the records a range touches: a player asking for the start,
 * or for the minute it seeks to, never has the whole hour decrypted for it.
 * Opening it reads every record once (the index needs each cluster's time and
 * size), keeping only their places, not their audio.
 */
export class RecordingReader {
  private last: { seq: number; plain: Buffer } | null = null;

  private constructor(
    private readonly path: string,
    private readonly recordingId: string,
    private readonly key: Buffer,
    private readonly records: MediaRecord[],
    private readonly pieces: { at: number; piece: WebmPiece }[],
    readonly size: number,
    readonly durationMs: number,
  ) {}

  static open(path: string, recordingId: string, key: Buffer): RecordingReader {
    const { records: stored } = readRecords(path);
    const records: MediaRecord[] = [];
    const plains: Buffer[] = [];
    let plainAt = 0;
    let nextSeq = 0;
    // As RecordingStore reads them: in sequence, index records skipped.
    for (const record of stored) {
      if (record.seq !== nextSeq++) break;
      if (record.kind === 'index') continue;
      const plain = openRecord(key, recordingId, record.seq, 'media', record.sealed);
      plains.push(plain);
      records.push({ seq: record.seq, sealedAt: record.offset + RECORD_HEADER_BYTES, sealedLength: record.sealed.length, plainStart: plainAt, plainEnd: plainAt + plain.length });
      plainAt += plain.length;
    }
    const stream = Buffer.concat(plains);
    const layout = layoutWebm(parseLiveWebm(stream), stream);
    let at = 0;
    const pieces = layout.pieces.map((piece) => {
      const placed = { at, piece };
      at += 'bytes' in piece ? piece.bytes.length : piece.srcEnd - piece.srcStart;
      return placed;
    });
    return new RecordingReader(path, recordingId, key, records, pieces, layout.size, layout.durationMs);
  }

  /** The file's bytes `[start, end)`, in pieces of at most a record's worth. */
  *range(start: number, end: number): Generator<Uint8Array> {
    const to = Math.min(end, this.size);
    let fd: number | null = null;
    try {
      for (let i = this.pieceAt(start); i < this.pieces.length && this.pieces[i]!.at < to; i++) {
        const { at, piece } = this.pieces[i]!;
        const length = 'bytes' in piece ? piece.bytes.length : piece.srcEnd - piece.srcStart;
        const from = Math.max(start, at) - at;
        const until = Math.min(to, at + length) - at;
        if (until <= from) continue;
        if ('bytes' in piece) {
          yield piece.bytes.subarray(from, until);
          continue;
        }
        fd ??= openSync(this.path, 'r');
        yield* this.source(fd, piece.srcStart + from, piece.srcStart + until);
      }
    } finally {
      if (fd !== null) closeSync(fd);
    }
  }

  /** The live stream's bytes `[start, end)`, decrypting the records they are in. */
  private *source(fd: number, start: number, end: number): Generator<Uint8Array> {
    for (let i = this.recordAt(start); i < this.records.length && this.records[i]!.plainStart < end; i++) {
      const record = this.records[i]!;
      const plain = this.plain(fd, record);
      yield plain.subarray(Math.max(start, record.plainStart) - record.plainStart, Math.min(end, record.plainEnd) - record.plainStart);
    }
  }

  private plain(fd: number, record: MediaRecord): Buffer {
    if (this.last?.seq === record.seq) return this.last.plain;
    const sealed = Buffer.alloc(record.sealedLength);
    readSync(fd, sealed, 0, record.sealedLength, record.sealedAt);
    const plain = openRecord(this.key, this.recordingId, record.seq, 'media', sealed);
    this.last = { seq: record.seq, plain };
    return plain;
  }

  private pieceAt(offset: number): number {
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.pieces[mid]!.at <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private recordAt(offset: number): number {
    let lo = 0;
    let hi = this.records.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.records[mid]!.plainStart <= offset) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }
}

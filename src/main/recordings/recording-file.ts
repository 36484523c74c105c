import { closeSync, fsyncSync, openSync, readFileSync, truncateSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { kindByte, kindOfByte, type RecordKind } from './recording-crypto';

/**
 * A recording on disk: a short plain file header, then records, each
 * `u32 sealed length ‖ u32 seq ‖ u8 kind ‖ sealed bytes` (sealed = AES-GCM
 * nonce, ciphertext, tag). Nothing of the audio or its container is in clear.
 */
export const FILE_MAGIC = Buffer.from('HLREC\u0000\u0001\u0000', 'latin1');
const RECORD_HEADER_BYTES = 9;

export interface StoredRecord {
  seq: number;
  kind: RecordKind;
  sealed: Buffer;
  /** Where the record starts in the file. */
  offset: number;
}

/** Appends records, each written and fdatasync'ed before the promise settles. */
export class RecordingFileWriter {
  private constructor(
    private readonly handle: FileHandle,
    private size: number,
  ) {}

  static async create(path: string): Promise<RecordingFileWriter> {
    const handle = await open(path, 'wx');
    await handle.write(FILE_MAGIC);
    await handle.datasync();
    syncDirectory(dirname(path));
    return new RecordingFileWriter(handle, FILE_MAGIC.length);
  }

  /** Re-opens a file to add its index after a repair (its torn tail already cut). */
  static async reopen(path: string, size: number): Promise<RecordingFileWriter> {
    return new RecordingFileWriter(await open(path, 'r+'), size);
  }

  get bytes(): number {
    return this.size;
  }

  async append(seq: number, kind: RecordKind, sealed: Buffer): Promise<void> {
    const header = Buffer.alloc(RECORD_HEADER_BYTES);
    header.writeUInt32BE(sealed.length, 0);
    header.writeUInt32BE(seq, 4);
    header.writeUInt8(kindByte(kind), 8);
    const record = Buffer.concat([header, sealed]);
    await this.handle.write(record, 0, record.length, this.size);
    await this.handle.datasync();
    this.size += record.length;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** The new file's name survives a power cut only once its directory is synced too. */
function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open a directory: the file's own sync is what they offer.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export interface ReadRecords {
  records: StoredRecord[];
  /** Bytes up to the end of the last whole record: anything after is a torn write. */
  wholeBytes: number;
  fileBytes: number;
}

/** Every whole record in order; a torn last record (a crash mid-write) is left out. */
export function readRecords(path: string): ReadRecords {
  const file = readFileSync(path);
  if (file.length < FILE_MAGIC.length || !file.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) {
    throw new Error(`${path} is not a desk recording (bad header)`);
  }
  const records: StoredRecord[] = [];
  let at = FILE_MAGIC.length;
  while (at + RECORD_HEADER_BYTES <= file.length) {
    const length = file.readUInt32BE(at);
    const seq = file.readUInt32BE(at + 4);
    const kind = kindOfByte(file.readUInt8(at + 8));
    const end = at + RECORD_HEADER_BYTES + length;
    if (kind === null || end > file.length) break;
    records.push({ seq, kind, sealed: file.subarray(at + RECORD_HEADER_BYTES, end), offset: at });
    at = end;
  }
  return { records, wholeBytes: at, fileBytes: file.length };
}

/** Cuts the file back to `bytes` (its whole records) and syncs it. */
export function truncateTo(path: string, bytes: number): void {
  truncateSync(path, bytes);
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

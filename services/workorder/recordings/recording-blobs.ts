import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where the centre keeps recordings' audio and metadata: its own disk by
 * default, S3-compatible object storage when configured (s3-blobs.ts). Keys
 * are paths such as `audio/<id>.webm`, `meta/<id>.json`, `playbacks/<id>/<at>-<who>.json`.
 */
export interface RecordingBlobs {
  readonly kind: 'disk' | 's3';
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The file at `path` under `key`, read from the file as it goes (a recording may be hundreds of MB). */
  putFile(key: string, path: string, contentType: string): Promise<void>;
  /** Null when there is no such key. */
  get(key: string): Promise<Buffer | null>;
  /** Bytes `start` to `end` inclusive (within the object's size); null when there is no such key. */
  getRange(key: string, start: number, end: number): Promise<Buffer | null>;
  list(prefix: string): Promise<string[]>;
}

/** Files under `dir`; each written to a temporary name, synced, then renamed, so a reader never sees half a file. */
export class DiskBlobs implements RecordingBlobs {
  readonly kind = 'disk';

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  async put(key: string, body: Buffer): Promise<void> {
    const path = this.pathOf(key);
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.tmp-${process.pid}`;
    writeFileSync(temporary, body);
    syncFile(temporary);
    renameSync(temporary, path);
  }

  async putFile(key: string, source: string): Promise<void> {
    const path = this.pathOf(key);
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.tmp-${process.pid}`;
    copyFileSync(source, temporary);
    syncFile(temporary);
    renameSync(temporary, path);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return readFileSync(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async getRange(key: string, start: number, end: number): Promise<Buffer | null> {
    let fd: number;
    try {
      fd = openSync(this.pathOf(key), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const body = Buffer.alloc(end - start + 1);
      const read = readSync(fd, body, 0, body.length, start);
      return body.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const folder = prefix.endsWith('/') ? prefix.slice(0, -1) : dirname(prefix);
    try {
      return readdirSync(this.pathOf(folder))
        .filter((name) => !name.includes('.tmp-'))
        .map((name) => `${folder}/${name}`)
        .filter((key) => key.startsWith(prefix));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private pathOf(key: string): string {
    if (key.split('/').some((part) => part === '..' || part === '')) throw new Error(`Bad blob key ${key}`);
    return join(this.dir, ...key.split('/'));
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

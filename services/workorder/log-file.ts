import { closeSync, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';

export interface RotatingLogOptions {
  path: string;
  /** Rotate when the file reaches this size (default 50 MiB). */
  maxBytes?: number;
  /** Rotated files kept: path.1 (newest) … path.N (default 5); the oldest goes. */
  keep?: number;
}

/**
 * An append-only log file that rotates by size, so the request log takes at
 * most (keep + 1) × maxBytes whatever the traffic. Writes are synchronous (a
 * line is on disk in the order it happened, and a crash loses none of the
 * lines before it); at a few sampled lines a second that costs microseconds.
 */
export class RotatingLog {
  private readonly maxBytes: number;
  private readonly keep: number;
  private fd: number;
  private size: number;

  constructor(private readonly options: RotatingLogOptions) {
    this.maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
    this.keep = Math.max(1, options.keep ?? 5);
    this.fd = openSync(options.path, 'a');
    this.size = statSync(options.path).size;
  }

  write(line: string): void {
    const bytes = Buffer.from(`${line}\n`);
    if (this.size + bytes.length > this.maxBytes && this.size > 0) this.rotate();
    writeSync(this.fd, bytes);
    this.size += bytes.length;
  }

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    const { path } = this.options;
    rmSync(`${path}.${this.keep}`, { force: true });
    for (let n = this.keep - 1; n >= 1; n -= 1) {
      if (existsSync(`${path}.${n}`)) renameSync(`${path}.${n}`, `${path}.${n + 1}`);
    }
    renameSync(path, `${path}.1`);
    this.fd = openSync(path, 'a');
    this.size = 0;
  }
}

import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase } from '../../src/main/store/database';
import { makeTempDir } from './temp-dir';

/** A migrated database with ~1 MB of call log, closed (its WAL folded back into the file). */
export function deskDatabase(path: string): void {
  const db = openDatabase(path);
  const insert = db.prepare(`INSERT INTO calls (id, direction, remote_number, remote_name, started_at, outcome) VALUES (?, 'inbound', ?, ?, ?, 'answered')`);
  db.transaction(() => {
    for (let n = 0; n < 4000; n++) insert.run(`call-${n}`, `1380000${String(n).padStart(4, '0')}`, '市民'.repeat(40), n);
  })();
  db.close();
}

/** Overwrites one page in the second half of the file (the call log's rows), leaving the header and schema whole. */
export function damageDataPage(path: string): void {
  const pageSize = 4096;
  const pages = statSync(path).size / pageSize;
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, Math.floor(pages * 0.7) * pageSize);
  closeSync(fd);
}

/** For each test of the calling suite, a fresh folder holding a desk database (`deskDatabase`), removed after it. */
export function useDeskDatabase(): { readonly dir: string; readonly path: string } {
  let dir: ReturnType<typeof makeTempDir> | null = null;
  beforeEach(() => {
    dir = makeTempDir();
    deskDatabase(join(dir.path, 'hotline-desk.sqlite'));
  });
  afterEach(() => dir?.remove());
  return {
    get dir() {
      return dir!.path;
    },
    get path() {
      return join(dir!.path, 'hotline-desk.sqlite');
    },
  };
}

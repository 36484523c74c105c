import { existsSync, renameSync } from 'node:fs';

/**
 * Moves a damaged database (and its WAL/SHM files) aside so the app can start
 * fresh without destroying anything support might still recover.
 * Returns the new path of the main file.
 */
export function quarantineDatabase(path: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${path}.damaged-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  return target;
}

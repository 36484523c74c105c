import { existsSync, renameSync } from 'node:fs';
import { DAMAGE_MARKER_SUFFIX } from './integrity-check';

/**
 * Moves a damaged database (and its WAL/SHM files, and the damage note) aside so the app can start
 * fresh without destroying anything support might still recover.
 * Returns the new path of the main file.
 */
export function quarantineDatabase(path: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${path}.damaged-${stamp}`;
  // With the note of what a background check found, when it found it (store/integrity-check.ts).
  for (const suffix of ['', '-wal', '-shm', DAMAGE_MARKER_SUFFIX]) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  return target;
}

import { existsSync, openSync, readdirSync, readFileSync, closeSync, writeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { checkIntegrity, damageMarkerPath, scheduleIntegrityCheck } from '../../../src/main/store/integrity-check';
import { quarantineDatabase } from '../../../src/main/store/quarantine';
import { makeTempDir } from '../../support/temp-dir';

// The worker as Node runs it (types stripped); the Electron build bundles the same file next to main.
const WORKER = fileURLToPath(new URL('../../../src/main/store/integrity-worker.mts', import.meta.url));

/** A migrated database with ~1 MB of call log, closed (its WAL folded back into the file). */
function deskDatabase(path: string): void {
  const db = openDatabase(path);
  const insert = db.prepare(`INSERT INTO calls (id, direction, remote_number, remote_name, started_at, outcome) VALUES (?, 'inbound', ?, ?, ?, 'answered')`);
  db.transaction(() => {
    for (let n = 0; n < 4000; n++) insert.run(`call-${n}`, `1380000${String(n).padStart(4, '0')}`, '市民'.repeat(40), n);
  })();
  db.close();
}

/** Overwrites one page in the second half of the file (the call log's rows), leaving the header and schema whole. */
function damageDataPage(path: string): void {
  const pageSize = 4096;
  const pages = statSync(path).size / pageSize;
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, Math.floor(pages * 0.7) * pageSize);
  closeSync(fd);
}

describe('the database check off the start', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let path: string;
  beforeEach(() => {
    dir = makeTempDir();
    path = join(dir.path, 'hotline-desk.sqlite');
    deskDatabase(path);
  });
  afterEach(() => dir.remove());

  it("finds a healthy database healthy, beside the app's open connection", async () => {
    const db = openDatabase(path);
    await expect(checkIntegrity(path, WORKER)).resolves.toEqual({ state: 'ok' });
    db.close();
  });

  it('opens a database with a damaged row page at once; the background check finds the damage, records it, and the next start moves it aside', async () => {
    damageDataPage(path);
    openDatabase(path).close(); // header and schema are whole: the start does not read every page
    const verdict = await checkIntegrity(path, WORKER);
    expect(verdict.state).toBe('damaged');

    const told: string[] = [];
    await new Promise<void>((resolve) => {
      scheduleIntegrityCheck({ databasePath: path, workerFile: WORKER, afterMs: 0, onDamaged: (problem) => (told.push(problem), resolve()) });
    });
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/page|Tree|corrupt|malformed/i);
    expect(readFileSync(damageMarkerPath(path), 'utf8')).toContain(told[0]);

    expect(() => openDatabase(path)).toThrow(expect.objectContaining({ kind: 'corrupt', message: expect.stringMatching(/while the app ran/) }));
    const moved = quarantineDatabase(path, new Date('2026-12-06T03:00:00Z'));
    // The file, its WAL and shared-memory files (the check's read-only connection opens them too) and the note, together.
    expect(readdirSync(dir.path).filter((name) => !name.startsWith('hotline-desk.sqlite.damaged-'))).toEqual([]);
    expect(readFileSync(`${moved}.damage-found`, 'utf8')).toContain(told[0]);
    expect(existsSync(moved)).toBe(true);
    openDatabase(path).close(); // a new database where the damaged one was
  });

  it('records nothing when it cannot check: a missing file, or no answer in time', async () => {
    const missing = join(dir.path, 'gone.sqlite');
    await expect(checkIntegrity(missing, WORKER)).resolves.toMatchObject({ state: 'unchecked' });
    await expect(checkIntegrity(path, WORKER, 1)).resolves.toEqual({ state: 'unchecked', problem: 'no answer within 1 ms' });
    const unchecked: string[] = [];
    await new Promise<void>((resolve) => {
      scheduleIntegrityCheck({ databasePath: missing, workerFile: WORKER, afterMs: 0, onDamaged: () => resolve(), onUnchecked: (problem) => (unchecked.push(problem), resolve()) });
    });
    expect(unchecked).toHaveLength(1);
    expect(existsSync(damageMarkerPath(missing))).toBe(false);
  });

  it('checks nothing once cancelled (the app quit first), and stops a running check', async () => {
    damageDataPage(path);
    const cancel = scheduleIntegrityCheck({ databasePath: path, workerFile: WORKER, afterMs: 20, onDamaged: () => undefined });
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(existsSync(damageMarkerPath(path))).toBe(false);
    const quitting = new AbortController();
    const running = checkIntegrity(path, WORKER, 60_000, quitting.signal);
    quitting.abort();
    await expect(running).resolves.toEqual({ state: 'unchecked', problem: 'stopped (the app is quitting)' });
  });
});

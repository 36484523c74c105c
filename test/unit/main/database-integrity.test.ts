import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { checkIntegrity, damageMarkerPath, scheduleIntegrityCheck } from '../../../src/main/store/integrity-check';
import { quarantineDatabase } from '../../../src/main/store/quarantine';
import { damageDataPage, useDeskDatabase } from '../../support/desk-database';

// The worker as Node runs it (types stripped); the Electron build bundles the same file next to main.
const WORKER = fileURLToPath(new URL('../../../src/main/store/integrity-worker.mts', import.meta.url));

describe('the database check off the start', () => {
  const desk = useDeskDatabase();

  it("finds a healthy database healthy, beside the app's open connection", async () => {
    const db = openDatabase(desk.path);
    await expect(checkIntegrity(desk.path, WORKER)).resolves.toEqual({ state: 'ok' });
    db.close();
  });

  it('opens a database with a damaged row page at once; the background check finds the damage, records it, and the next start moves it aside', async () => {
    damageDataPage(desk.path);
    openDatabase(desk.path).close(); // header and schema are whole: the start does not read every page
    const verdict = await checkIntegrity(desk.path, WORKER);
    expect(verdict.state).toBe('damaged');

    const told: string[] = [];
    await new Promise<void>((resolve) => {
      scheduleIntegrityCheck({ databasePath: desk.path, workerFile: WORKER, afterMs: 0, onDamaged: (problem) => (told.push(problem), resolve()) });
    });
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/page|Tree|corrupt|malformed/i);
    expect(readFileSync(damageMarkerPath(desk.path), 'utf8')).toContain(told[0]);

    expect(() => openDatabase(desk.path)).toThrow(expect.objectContaining({ kind: 'corrupt', message: expect.stringMatching(/while the app ran/) }));
    const moved = quarantineDatabase(desk.path, new Date('2026-12-06T03:00:00Z'));
    // The file, its WAL and shared-memory files (the check's read-only connection opens them too) and the note, together.
    expect(readdirSync(desk.dir).filter((name) => !name.startsWith('hotline-desk.sqlite.damaged-'))).toEqual([]);
    expect(readFileSync(`${moved}.damage-found`, 'utf8')).toContain(told[0]);
    expect(existsSync(moved)).toBe(true);
    openDatabase(desk.path).close(); // a new database where the damaged one was
  });

  it('records nothing when it cannot check: a missing file, or no answer in time', async () => {
    const missing = join(desk.dir, 'gone.sqlite');
    await expect(checkIntegrity(missing, WORKER)).resolves.toMatchObject({ state: 'unchecked' });
    await expect(checkIntegrity(desk.path, WORKER, 1)).resolves.toEqual({ state: 'unchecked', problem: 'no answer within 1 ms' });
    const unchecked: string[] = [];
    await new Promise<void>((resolve) => {
      scheduleIntegrityCheck({ databasePath: missing, workerFile: WORKER, afterMs: 0, onDamaged: () => resolve(), onUnchecked: (problem) => (unchecked.push(problem), resolve()) });
    });
    expect(unchecked).toHaveLength(1);
    expect(existsSync(damageMarkerPath(missing))).toBe(false);
  });

  it('checks nothing once cancelled (the app quit first), and stops a running check', async () => {
    damageDataPage(desk.path);
    const cancel = scheduleIntegrityCheck({ databasePath: desk.path, workerFile: WORKER, afterMs: 20, onDamaged: () => undefined });
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(existsSync(damageMarkerPath(desk.path))).toBe(false);
    const quitting = new AbortController();
    const running = checkIntegrity(desk.path, WORKER, 60_000, quitting.signal);
    quitting.abort();
    await expect(running).resolves.toEqual({ state: 'unchecked', problem: 'stopped (the app is quitting)' });
  });
});

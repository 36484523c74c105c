import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { checkIntegrity, damageMarkerPath, scheduleIntegrityCheck } from '../../../src/main/store/integrity-check';
import { quarantineDatabase } from '../../../src/main/store/quarantine';
import { damageDataPage, deskDatabase, useDeskDatabase } from '../../support/desk-database';
import { useTestCore } from '../../support/test-core-fixture';

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

describe('the check waits for a moment between calls', () => {
  const t = useTestCore();
  const ID = '6f1c2a8e-0000-4000-8000-0000000000b7';
  const ringing = { type: 'ringing', id: ID, direction: 'inbound', remoteNumber: '13800138000', remoteName: '', startedAt: 1_000 };

  it('knows from the call ledger when a call is ringing or up, and when it has ended', async () => {
    expect(t.core.callInProgress()).toBe(false);
    await t.call('calls:event', ringing);
    expect(t.core.callInProgress()).toBe(true);
    await t.call('calls:event', { ...ringing, type: 'answered', answeredAt: 2_000 });
    expect(t.core.callInProgress()).toBe(true);
    await t.call('calls:event', { type: 'ended', id: ID, endedAt: 9_000, outcome: 'answered', endedBy: 'agent' });
    expect(t.core.callInProgress()).toBe(false);
  });

  it('checks only once the call has ended', async () => {
    const damaged = join(t.dir, 'damaged.sqlite');
    deskDatabase(damaged);
    damageDataPage(damaged);
    await t.call('calls:event', ringing);
    let looks = 0;
    let busyWhenFound: boolean | null = null;
    await new Promise<void>((resolve) => {
      scheduleIntegrityCheck({
        databasePath: damaged,
        workerFile: WORKER,
        afterMs: 0,
        retryMs: 5,
        busy: () => {
          // The call ends at the third look, after two that found it ringing.
          if (++looks === 3) void t.call('calls:event', { type: 'ended', id: ID, endedAt: 9_000, outcome: 'missed', endedBy: 'remote' });
          return t.core.callInProgress();
        },
        onDamaged: () => {
          busyWhenFound = t.core.callInProgress();
          resolve();
        },
      });
    });
    expect(looks).toBeGreaterThanOrEqual(3);
    expect(busyWhenFound).toBe(false);
  });

  it('leaves the check to the next start when no moment between calls comes', async () => {
    await t.call('calls:event', ringing);
    const unchecked = await new Promise<string>((resolve) => {
      scheduleIntegrityCheck({ databasePath: join(t.dir, 'hotline-desk.sqlite'), workerFile: WORKER, afterMs: 0, retryMs: 5, waitAtMostMs: 20, busy: () => t.core.callInProgress(), onDamaged: () => resolve('damaged'), onUnchecked: resolve });
    });
    expect(unchecked).toMatch(/no moment between calls/);
  });
});

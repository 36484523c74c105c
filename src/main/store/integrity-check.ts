import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** What the background check found: nothing, damage (the database must be replaced), or that it could not check. */
export type IntegrityVerdict = { state: 'ok' } | { state: 'damaged'; problem: string } | { state: 'unchecked'; problem: string };

/** Damage found while the app ran: the next start moves the database aside before opening it (store/database.ts). */
export const DAMAGE_MARKER_SUFFIX = '.damage-found';
export const damageMarkerPath = (databasePath: string): string => `${databasePath}${DAMAGE_MARKER_SUFFIX}`;

/**
 * Runs SQLite's quick_check on `databasePath` in a worker thread (`workerFile`: store/integrity-worker, built next to
 * main), bounded by `timeoutMs` and `signal`; main's thread and its open connection go on meanwhile.
 */
export function checkIntegrity(databasePath: string, workerFile: string, timeoutMs = 10 * 60_000, signal?: AbortSignal): Promise<IntegrityVerdict> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (verdict: IntegrityVerdict) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
      void worker.terminate();
      resolve(verdict);
    };
    const stop = () => settle({ state: 'unchecked', problem: 'stopped (the app is quitting)' });
    const worker = new Worker(workerFile, { workerData: { path: databasePath } });
    const timer = setTimeout(() => settle({ state: 'unchecked', problem: `no answer within ${timeoutMs} ms` }), timeoutMs);
    signal?.addEventListener('abort', stop);
    if (signal?.aborted) stop();
    worker.once('message', (verdict: IntegrityVerdict) => settle(verdict));
    worker.once('error', (error) => settle({ state: 'unchecked', problem: error.message }));
    worker.once('exit', (code) => settle({ state: 'unchecked', problem: `the check stopped (exit ${code})` }));
  });
}

/** Notes what was found, for the next start (best effort: unwritten, the next start opens the file as it is). */
export function recordDamage(databasePath: string, problem: string, now: Date = new Date()): void {
  try {
    writeFileSync(damageMarkerPath(databasePath), `${now.toISOString()} ${problem}\n`);
  } catch {
    // The folder is read-only or full: the agent is still told, now.
  }
}

/** What a previous run found, or null. */
export function recordedDamage(databasePath: string): string | null {
  const marker = damageMarkerPath(databasePath);
  if (!existsSync(marker)) return null;
  try {
    return readFileSync(marker, 'utf8').trim() || 'damage recorded';
  } catch {
    return 'damage recorded';
  }
}

export interface IntegrityWatch {
  databasePath: string;
  workerFile: string;
  /** How long after the start the check begins: the start's own work (window, renderer, registering) goes first. */
  afterMs: number;
  /** A call is on the desk: the check (one core, up to 1.5 s of reads) waits for a moment between calls. */
  busy?: () => boolean;
  /** How often a waiting check looks for that moment, and for how long at most before it leaves it to the next run. */
  retryMs?: number;
  waitAtMostMs?: number;
  /** Damage found (recorded for the next start where the file can be written): tell the agent. */
  onDamaged: (problem: string) => void;
  /** The check could not run (busy, out of time): nothing is recorded, the next start checks again. */
  onUnchecked?: (problem: string) => void;
}

/** One background check per run of the app, `afterMs` from now. Returns what stops it, waiting or running (at quit). */
export function scheduleIntegrityCheck(watch: IntegrityWatch): () => void {
  const quitting = new AbortController();
  const retryMs = watch.retryMs ?? 15_000;
  let waitsLeft = Math.floor((watch.waitAtMostMs ?? 2 * 3_600_000) / retryMs);
  const run = () => {
    if (watch.busy?.()) {
      if (waitsLeft-- > 0) timer = setTimeout(run, retryMs);
      else watch.onUnchecked?.('no moment between calls to check in; the next start checks');
      return;
    }
    void checkIntegrity(watch.databasePath, watch.workerFile, undefined, quitting.signal).then((verdict) => {
      if (quitting.signal.aborted || verdict.state === 'ok') return;
      if (verdict.state === 'unchecked') watch.onUnchecked?.(verdict.problem);
      else {
        recordDamage(watch.databasePath, verdict.problem);
        watch.onDamaged(verdict.problem);
      }
    });
  };
  let timer = setTimeout(run, watch.afterMs);
  return () => {
    quitting.abort();
    clearTimeout(timer);
  };
}

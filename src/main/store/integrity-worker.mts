/**
 * SQLite's quick_check on a read-only connection of its own, in a worker thread: it reads every page of the file
 * (1.5 s for a year of one desk's data from a cold disk), so it runs beside the app, not before its window.
 * Node runs this file as it is (types stripped) in tests, and esbuild bundles it next to main for Electron.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { IntegrityVerdict } from './integrity-check';

const { path } = workerData as { path: string };
const DAMAGED = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

function check(): IntegrityVerdict {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const rows = db.pragma('quick_check(20)') as Array<{ quick_check: string }>;
      const problems = rows.map((row) => row.quick_check).filter((text) => text !== 'ok');
      return problems.length === 0 ? { state: 'ok' } : { state: 'damaged', problem: problems.join('; ') };
    } finally {
      db.close();
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    return { state: DAMAGED.has(code) ? 'damaged' : 'unchecked', problem: `${code || 'error'}: ${(error as Error).message}` };
  }
}

parentPort?.postMessage(check());

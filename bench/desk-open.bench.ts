/**
 * Main's part of a cold start: opening the desk's database and building the app core, before the window can be
 * created (src/main/electron/index.ts), on a fresh desk and on a year of one agent's data, with the file in the OS's
 * cache (a restart) and dropped from it (the first start after boot). Side by side in the same run: the start as it
 * was (SQLite's quick_check of every page at open) and as it is (header and schema at open, the full check later in
 * a worker thread, timed here too).
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestCore } from '../test/support/app-core';
import { checkIntegrity } from '../src/main/store/integrity-check';
import { median } from './stats';
import { FULL_YEAR, seedDeskHistory } from '../test/support/desk-history';

const ROOT = process.env.HOTLINE_ROOT ?? process.cwd();
const WORKER = join(ROOT, 'src/main/store/integrity-worker.mts');
const RUNS = 5;
/** The file leaves the OS's page cache (GNU dd's nocache), as after a reboot. */
const dropFromCache = (file: string) => execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);

const span = (values: number[]) => `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;

async function measure(dir: string, cold: boolean): Promise<{ before: number[]; now: number[]; check: number[] }> {
  const file = join(dir, 'hotline-desk.sqlite');
  const out = { before: [] as number[], now: [] as number[], check: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    // As it was: the core opened with the full check at open (the same pragma on the same connection).
    if (cold) dropFromCache(file);
    let started = performance.now();
    const old = openTestCore(dir);
    old.db.pragma('quick_check', { simple: true });
    out.before.push(performance.now() - started);
    await old.close();
    // As it is.
    if (cold) dropFromCache(file);
    started = performance.now();
    const core = openTestCore(dir);
    out.now.push(performance.now() - started);
    // The check that now runs later, beside the open core.
    if (cold) dropFromCache(file);
    started = performance.now();
    const verdict = await checkIntegrity(file, WORKER);
    out.check.push(performance.now() - started);
    if (verdict.state !== 'ok') throw new Error(`the check found ${JSON.stringify(verdict)}`);
    await core.close();
  }
  return out;
}

export async function main(): Promise<void> {
  const started = new Date().toISOString().slice(11, 16);
  const load = loadavg()[0]!;
  const fresh = mkdtempSync(join(tmpdir(), 'hotline-bench-open-fresh-'));
  const year = mkdtempSync(join(tmpdir(), 'hotline-bench-open-year-'));
  try {
    await openTestCore(fresh).close();
    const seeding = openTestCore(year);
    seedDeskHistory(seeding.db);
    await seeding.close();
    const megabytes = (dir: string) => (statSync(join(dir, 'hotline-desk.sqlite')).size / 1e6).toFixed(1);
    console.log(`\nMain's start: the app core built (database opened and migrated) before the window, ${RUNS} runs each, ${started} UTC, load ${load.toFixed(1)}, ${cpus().length} cores`);
    console.log('| desk | file | at open: full check (as it was), ms | at open: header and schema (now), ms | the full check, later in a worker, ms |');
    console.log('| --- | --- | ---: | ---: | ---: |');
    for (const [name, dir] of [[`fresh (${megabytes(fresh)} MB)`, fresh], [`a year: ${FULL_YEAR.calls.toLocaleString('en')} calls, timelines, work orders (${megabytes(year)} MB)`, year]] as const) {
      for (const cold of [false, true]) {
        const { before, now, check } = await measure(dir, cold);
        console.log(`| ${name} | ${cold ? 'dropped from the OS cache (first start after boot)' : 'in the OS cache (a restart)'} | ${span(before)} | ${span(now)} | ${span(check)} |`);
      }
    }
    console.log('median (min–max)');
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(year, { recursive: true, force: true });
  }
}

// CLI entry: `node services/workorder/run.mjs server`.
// Environment: PORT (default 8345), HOST (default 127.0.0.1), DATABASE_PATH (SQLite file,
// default ./workorder.sqlite), DATABASE_URL (postgres://user:password@host:port/db; when set,
// PostgreSQL instead of SQLite, so several instances can share it), DATABASE_POOL_MAX (PostgreSQL
// connections per instance, default 10), DEPARTMENTS (optional comma-separated list of
// department ids work orders may name; without it, the list set by `admin set-departments`), CHANGES_RETENTION_DAYS (change feed kept, default 400;
// 0 keeps everything), SESSIONS_RETENTION_DAYS (sign-in sessions kept after expiry, default 30; 0 keeps all), LOG_FILE (+ LOG_MAX_BYTES, LOG_FILES: the request log to a size-rotated file),
// LISTEN_SOCKETS (listening sockets sharing the port on Linux, default 8), SQLITE_PACING (on by default; off runs SQLite's
// work as PostgreSQL's is admitted: up to 32 at once, all in the turn they are admitted; see service.ts SQLITE_PACING),
// ADMISSION_FORECAST (on by default; off: a request that cannot get in waits out its bound in line, and on PostgreSQL in the
// pool's queue, before its 503; admission.ts, store/postgres/pool-gate.ts). A 503's Retry-After is 2 s.
// Call recordings: RECORDINGS_DIR, or RECORDINGS_S3_* for S3-compatible storage (recordings/recordings-config.ts).
import process from 'node:process';
import { RotatingLog } from './log-file';
import { DEFAULT_LISTEN_SOCKETS } from './listen-sockets';
import { followDepartments } from './people/departments-follow';
import { DEFAULT_SESSION_KEEP_DAYS, pruneSessionsHourly } from './people/session-retention';
import { DEFAULT_RETENTION, startWorkOrderService } from './service';
import type { AdmissionOptions } from './admission';
import { describeStore, openStoreFromEnvironment } from './store/open-store';
import { recordingsFromEnvironment } from './recordings/recordings-config';

/** SQLITE_PACING=off: admission as on PostgreSQL (its defaults), for a centre that needs the earlier behaviour back. */
const UNPACED: AdmissionOptions = { startsPerTurn: Number.POSITIVE_INFINITY, maxInFlight: 32, readFirstMs: 0 };

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.PORT ?? 8345);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be 0-65535, not ${env.PORT}`);
    process.exit(2);
  }
  const departmentIds = env.DEPARTMENTS?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const retentionDays = env.CHANGES_RETENTION_DAYS === undefined ? DEFAULT_RETENTION.changesDays : Number(env.CHANGES_RETENTION_DAYS);
  if (!Number.isInteger(retentionDays) || retentionDays < 0) {
    console.error(`CHANGES_RETENTION_DAYS must be a whole number of days (0: keep everything), not ${env.CHANGES_RETENTION_DAYS}`);
    process.exit(2);
  }
  const floorMaxStreams = env.FLOOR_MAX_STREAMS === undefined ? undefined : Number(env.FLOOR_MAX_STREAMS);
  if (floorMaxStreams !== undefined && (!Number.isInteger(floorMaxStreams) || floorMaxStreams < 1)) {
    console.error(`FLOOR_MAX_STREAMS must be a whole number of streams per instance, at least 1, not ${env.FLOOR_MAX_STREAMS}`);
    process.exit(2);
  }
  const listenSockets = wholeNumberFrom(env, 'LISTEN_SOCKETS', DEFAULT_LISTEN_SOCKETS);
  for (const name of ['SQLITE_PACING', 'ADMISSION_FORECAST']) {
    if (env[name] !== undefined && env[name] !== 'on' && env[name] !== 'off') {
      console.error(`${name} must be on or off, not ${env[name]}`);
      process.exit(2);
    }
  }
  const admission: AdmissionOptions = {
    ...(env.SQLITE_PACING === 'off' ? UNPACED : {}),
    // Off: the admission as it was (on PostgreSQL 32 at once, the rest of the pool's queue waiting in the pool).
    ...(env.ADMISSION_FORECAST === 'off' ? { forecast: false, ...(env.DATABASE_URL ? { maxInFlight: 32 } : {}) } : {}),
  };
  // LOG_FILE: the request log goes to a file rotated by size (LOG_MAX_BYTES, LOG_FILES kept) instead of stdout.
  const file = env.LOG_FILE
    ? new RotatingLog({
        path: env.LOG_FILE,
        ...(env.LOG_MAX_BYTES ? { maxBytes: Number(env.LOG_MAX_BYTES) } : {}),
        ...(env.LOG_FILES ? { keep: Number(env.LOG_FILES) } : {}),
      })
    : null;
  const write = (line: string) => (file ? file.write(line) : console.log(line));
  const store = await openStoreFromEnvironment(env);
  const recordings = await recordingsFromEnvironment(env, (line) => write(`${new Date().toISOString()} ${line}`));
  const service = await startWorkOrderService({
    port,
    host: env.HOST ?? '127.0.0.1',
    store,
    ...(departmentIds?.length ? { departmentIds } : {}),
    retention: retentionDays === 0 ? false : { changesDays: retentionDays },
    listenSockets,
    ...(Object.keys(admission).length > 0 ? { admission } : {}),
    ...(floorMaxStreams === undefined ? {} : { floor: { maxStreams: floorMaxStreams } }),
    recordings: recordings.options,
    signIn: { log: (line) => write(`${new Date().toISOString()} ${line}`) },
    log: (line) => write(`${new Date().toISOString()} ${line}`),
  });
  console.log(`work-order service listening on ${service.url} (${describeStore(env)}; ${recordings.describe})`);
  // Without DEPARTMENTS, the centre's list from the database (what the desks get at sign-in).
  const departments = departmentIds?.length ? null : await followDepartments(store, (ids) => service.setDepartmentIds(ids), {
        log: (line) => write(`${new Date().toISOString()} ${line}`),
      });
  const sessionKeepDays = env.SESSIONS_RETENTION_DAYS === undefined ? DEFAULT_SESSION_KEEP_DAYS : Number(env.SESSIONS_RETENTION_DAYS);
  if (!Number.isInteger(sessionKeepDays) || sessionKeepDays < 0) {
    console.error(`SESSIONS_RETENTION_DAYS must be a whole number of days (0: keep everything), not ${env.SESSIONS_RETENTION_DAYS}`);
    process.exit(2);
  }
  const sessions =
    sessionKeepDays > 0
      ? pruneSessionsHourly(store, { keepDays: sessionKeepDays, log: (line) => write(`${new Date().toISOString()} ${line}`) })
      : null;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    departments?.stop();
    sessions?.stop();
    console.log(`${signal}: closing`);
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** A whole number of at least 1 from the environment, or its default; anything else stops the service with a clear message. */
function wholeNumberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a whole number, at least 1, not ${raw}`);
    process.exit(2);
  }
  return value;
}

main().catch((error: unknown) => {
  console.error((error as Error).message ?? error);
  process.exit(1);
});

// A throwaway PostgreSQL cluster for the tests: initdb into a temp dir, listen on
// 127.0.0.1 (and a socket in the temp dir) on a free port, password auth, stopped and
// removed at the end. Nothing has to run beforehand: CI only installs Debian's
// `postgresql` package. Registered as a vitest globalSetup of the unit project (one
// cluster per run); tests create their own database in it (see `useTestDatabase` in
// test/unit/workorder-service/databases.ts).
//
// As root (CI containers, this machine) the server runs as the `postgres` user via
// runuser, since initdb refuses root; otherwise as the current user.
// POSTGRES_BIN overrides where initdb/pg_ctl are looked for.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import type { TestProject } from 'vitest/node';

export type ProvidedPostgres = { adminUrl: string } | { error: string };

declare module 'vitest' {
  interface ProvidedContext {
    /** The test cluster's superuser URL, or why there is none (the PostgreSQL tests then fail with it). */
    postgres: ProvidedPostgres;
  }
}

export interface PostgresServer {
  host: '127.0.0.1';
  port: number;
  /** postgres://postgres:<password>@127.0.0.1:<port>/postgres */
  adminUrl: string;
  /** ms from initdb to accepting connections. */
  startupMs: number;
  /** Stops the server and removes its directory; safe to call twice. */
  stop(): Promise<void>;
}

const START_TIMEOUT_S = 30;

/** The directory with initdb and pg_ctl: POSTGRES_BIN when set, else the newest /usr/lib/postgresql/<n>/bin. */
export function findPostgresBin(): string {
  const candidates: string[] = [];
  if (process.env.POSTGRES_BIN) candidates.push(process.env.POSTGRES_BIN);
  const root = '/usr/lib/postgresql';
  if (!process.env.POSTGRES_BIN && existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(root, v, 'bin')));
  }
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error(
      'PostgreSQL is not installed: no initdb/pg_ctl in ' +
        (candidates.length ? candidates.join(', ') : `${root}/<version>/bin`) +
        '. Install Debian\'s "postgresql" package (.ci/run does) or set POSTGRES_BIN; the work-order contract tests need a real PostgreSQL.',
    );
  }
  return found;
}

interface RunAs {
  /** Command prefix that runs a program as the cluster's owner. */
  prefix: string[];
  uid: number | null;
  gid: number | null;
}

function runAs(): RunAs {
  if (process.getuid?.() !== 0) return { prefix: [], uid: null, gid: null };
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { prefix: ['runuser', '-u', 'postgres', '--'], uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('Running as root, but there is no "postgres" user to run the test cluster as (initdb refuses root).');
  }
}

function run(as: RunAs, cwd: string, program: string, args: string[], timeoutMs: number): Promise<{ code: number; output: string }> {
  const [file, ...rest] = [...as.prefix, program, ...args];
  return new Promise((resolve) => {
    execFile(file as string, rest, { cwd, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}${error && !stderr ? error.message : ''}`.trim() });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const tail = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(-15).join('\n') : '(no log)');

/** initdb + pg_ctl start on 127.0.0.1:<free port>; waits (bounded) until pg_isready says yes. */
export async function startPostgresServer(): Promise<PostgresServer> {
  const started = performance.now();
  const bin = findPostgresBin();
  const as = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'hotline-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const pwfile = join(dir, 'pw');
  const password = randomBytes(18).toString('base64url');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  chmodSync(dir, 0o700);
  if (as.uid !== null && as.gid !== null) {
    chownSync(dir, as.uid, as.gid);
    chownSync(pwfile, as.uid, as.gid);
  }

  let running = false;
  const stopSync = () => {
    if (running) {
      const [file, ...prefix] = [...as.prefix, join(bin, 'pg_ctl')];
      spawnSync(file as string, [...prefix, '-D', data, '-m', 'immediate', '-w', 'stop'], { cwd: dir, stdio: 'ignore', timeout: 15_000 });
    }
    running = false;
    rmSync(dir, { recursive: true, force: true });
  };
  // If the test process dies without teardown, do not leave a server behind.
  process.once('exit', stopSync);

  try {
    const init = await run(
      as,
      dir,
      join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
      60_000,
    );
    rmSync(pwfile, { force: true });
    if (init.code !== 0) throw new Error(`initdb failed (${init.code}):\n${init.output}`);

    let port = 0;
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      // Throwaway data: no fsync. Listens on 127.0.0.1 only, socket in the temp dir.
      const options = `-k "${dir}" -h 127.0.0.1 -p ${port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
      const start = await run(as, dir, join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', String(START_TIMEOUT_S), '-o', options, 'start'], (START_TIMEOUT_S + 10) * 1000);
      if (start.code === 0) break;
      // The free port can be taken between the probe and the bind: try another, a few times.
      if (attempt < 3 && /could not bind|address already in use/i.test(tail(log))) continue;
      throw new Error(`pg_ctl start failed (${start.code}):\n${start.output}\n--- server log ---\n${tail(log)}`);
    }
    running = true;

    const deadline = performance.now() + START_TIMEOUT_S * 1000;
    for (;;) {
      const ready = await run({ prefix: [], uid: null, gid: null }, dir, join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-t', '5'], 10_000);
      if (ready.code === 0) break;
      if (performance.now() > deadline) throw new Error(`PostgreSQL on 127.0.0.1:${port} not ready after ${START_TIMEOUT_S} s: ${ready.output}\n${tail(log)}`);
      // Status 1 (starting up) answers at once: pause briefly between probes.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const startupMs = Math.round(performance.now() - started);
    let stopping: Promise<void> | null = null;
    return {
      host: '127.0.0.1',
      port,
      adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      startupMs,
      stop: () => {
        stopping ??= (async () => {
          if (running) {
            const stop = await run(as, dir, join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop'], 40_000);
            if (stop.code !== 0) await run(as, dir, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop'], 40_000);
            running = false;
          }
          rmSync(dir, { recursive: true, force: true });
          process.off('exit', stopSync);
        })();
        return stopping;
      },
    };
  } catch (error) {
    stopSync();
    process.off('exit', stopSync);
    throw error;
  }
}

/**
 * vitest globalSetup (unit project): one cluster for the run, provided to the tests
 * as `inject('postgres')`. A missing or broken PostgreSQL does not abort the run; it
 * is handed on as `error`, and every PostgreSQL test fails with it (never skips).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: PostgresServer | undefined;
  try {
    server = await startPostgresServer();
    project.provide('postgres', { adminUrl: server.adminUrl });
    if (process.env.HOTLINE_TEST_VERBOSE) console.log(`test PostgreSQL on 127.0.0.1:${server.port}, up in ${server.startupMs} ms`);
  } catch (error) {
    project.provide('postgres', { error: (error as Error).message });
  }
  return async () => {
    await server?.stop();
  };
}

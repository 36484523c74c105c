// A PostgreSQL cluster for the centre bench, durable like a centre's (fsync,
// synchronous_commit and full_page_writes on: the test cluster turns them off),
// in a temp dir on 127.0.0.1, removed at the end.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { findPostgresBin } from '../test/support/postgres-server';

export interface BenchPostgres {
  adminUrl: string;
  /** The postmaster's pid (its children are the backends, for CPU figures). */
  pid: number;
  stop(): void;
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const bin = findPostgresBin();
  const root = process.getuid?.() === 0;
  const prefix = root ? ['runuser', '-u', 'postgres', '--'] : [];
  const dir = mkdtempSync(join(tmpdir(), 'hotline-centre-pg-'));
  const data = join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  writeFileSync(join(dir, 'pw'), `${password}\n`, { mode: 0o600 });
  chmodSync(dir, 0o700);
  if (root) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, id('-u'), id('-g'));
    chownSync(join(dir, 'pw'), id('-u'), id('-g'));
  }
  const run = (program: string, args: string[]) => {
    const [file, ...rest] = [...prefix, join(bin, program), ...args];
    const result = spawnSync(file as string, rest, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) throw new Error(`${program} failed: ${result.stdout}${result.stderr}`);
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${join(dir, 'pw')}`, '-E', 'UTF8', '--locale=C', '--no-instructions']);
  const port = await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: p } = server.address() as { port: number };
      server.close(() => resolve(p));
    });
  });
  // A small centre's server settings on this 2-core, 24 GiB machine; durability left at the defaults (on).
  const options = [
    `-k "${dir}" -h 127.0.0.1 -p ${port}`,
    '-c max_connections=100 -c shared_buffers=2GB -c effective_cache_size=8GB -c work_mem=16MB',
    '-c maintenance_work_mem=512MB -c max_wal_size=4GB -c checkpoint_timeout=15min',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
  const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    const [file, ...rest] = [...prefix, join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', '-t', '60', 'stop'];
    spawnSync(file as string, rest, { cwd: dir, stdio: 'ignore', timeout: 70_000 });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  return { adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, pid, stop };
}

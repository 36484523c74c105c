// The work-order service at a centre's size:  npm run bench -- centre [--quick] [--stores=sqlite,pg1,pg2] [--ages=fresh,year] [--plans] [--storm-only]
// (--plans: only seed the year and time the screen pop's old and new statements side by side;
// --storm-only: skip the two phases at work, so every desk of the storm opens a new connection, as after an outage;
// --variants=before,after: each store run once per variant of the service's settings, alternated in the same run, see VARIANTS
// (a name may come again: --variants=retry-fixed,retry-fixed-jitter,retry-fixed,retry-fixed-jitter);
// --storm-clock: with --storm-only, each desk first polls once (spread over 10 s) so it knows the service's clock, as a desk
// that was at work before the outage does; then, as after the phases at work, the service restarts before the storm, the outage)
//
// For each store (SQLite; PostgreSQL with one and with two service instances)
// and each database age (fresh; a year of data seeded by centre-seed.ts), the
// service runs as its own process (as in production) and simulated desks
// (centre-desks.ts) drive it: 300 desks at work, then the large number of desks
// at work, then a reconnect storm of the large number with 20 queued orders
// each; then the service is restarted. Figures: p50/p95/p99 per request kind,
// status counts, timeouts, storm drain time and replays, CPU of the service
// and of PostgreSQL, the service's peak RSS, disk per order, time to ready.
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import pg from 'pg';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { openPostgresStore } from '../services/workorder/store/postgres/postgres-store';
import { openSqliteStore } from '../services/workorder/store/sqlite/sqlite-store';
import type { WorkOrderStore } from '../services/workorder/store/store';
import { steady, storm, type Desk, type Figures, type Kind, type RetryPolicy } from './centre-desks';
import { comparePostgres, compareSqlite } from './centre-plans';
import { startBenchPostgres, type BenchPostgres } from './centre-postgres';
import { centreSpec, seedPostgres, seedSqlite, seedTokens, type SeedSpec } from './centre-seed';

const ROOT = process.env.HOTLINE_ROOT ?? process.cwd();
type StoreName = 'sqlite' | 'pg1' | 'pg2';
type Age = 'fresh' | 'year';

interface Service {
  urls: string[];
  pids: number[];
  readyMs: number;
  logBytes: () => number;
  /** The request log files of the instances (LOG_FILE). */
  logFiles: string[];
  stop(): Promise<void>;
}

const log = (line: string) => console.log(line);

/**
 * Settings of the service to compare side by side (--variants): "before" is the
 * service as it was before the storm's reads were spread over several listening
 * sockets and SQLite's work paced to one request a turn; "after" its defaults.
 */
const VARIANTS: Record<string, Record<string, string>> = {
  before: { LISTEN_SOCKETS: '1', SQLITE_PACING: 'off' },
  after: {},
  'sockets-only': { SQLITE_PACING: 'off' },
  'paced-only': { LISTEN_SOCKETS: '1' },
  'sockets-16': { LISTEN_SOCKETS: '16' },
  'sockets-32': { LISTEN_SOCKETS: '32' },
  'sockets-64': { LISTEN_SOCKETS: '64' },
  // The admission before it forecast the line: a request waits out its bound (line, then the pool's queue) before its 503.
  'no-forecast': { ADMISSION_FORECAST: 'off' },
  forecast: {},
  // Retry-After 2 s; the desk waits it plus up to as much again, or (retry-fixed-jitter, DESK_RETRY) plus up to 1 s.
  'retry-fixed': {},
  'retry-fixed-jitter': {},
};
/** How the storm's desks wait after a 503, per variant (default: as the desk does now). */
const DESK_RETRY: Record<string, RetryPolicy> = { 'retry-fixed-jitter': 'jitter-1s' };

/** CPU seconds used so far by the processes (utime + stime). */
function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

function rssMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The postmaster and its children (the backends, autovacuum, the WAL writer...). */
function postgresPids(postmaster: number): number[] {
  const pids = [postmaster];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(fields[1]) === postmaster) pids.push(Number(name));
    } catch {
      // gone
    }
  }
  return pids;
}

async function bundleServer(): Promise<string> {
  const outfile = join(ROOT, 'node_modules/.cache/hotline-bench', `centre-server-${process.pid}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'services/workorder/server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

async function startOne(bundle: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string; readyMs: number; bytes: () => number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [bundle], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let bytes = 0;
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start in 120 s: ${stderr}`)), 120_000);
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (buffered !== null) {
        buffered += chunk.toString();
        const match = /listening on (http:\/\/[^\s]+)/.exec(buffered);
        if (match) {
          clearTimeout(timer);
          buffered = '';
          resolve(match[1]!);
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`service exited (${code}): ${stderr}`)));
  });
  // Ready = answers /healthz (the database answered too).
  for (let i = 0; i < 600; i += 1) {
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, url, readyMs: performance.now() - started, bytes: () => bytes };
}

async function startService(bundle: string, env: Record<string, string>, instances: number, logDir?: string): Promise<Service> {
  const logFiles = logDir ? Array.from({ length: instances }, (_, i) => join(logDir, `service-${process.pid}-${Date.now()}-${i}.log`)) : [];
  const started = await Promise.all(
    Array.from({ length: instances }, (_, i) => startOne(bundle, logDir ? { ...env, LOG_FILE: logFiles[i]!, LOG_MAX_BYTES: String(512 * 2 ** 20) } : env)),
  );
  return {
    urls: started.map((s) => s.url),
    pids: started.map((s) => s.child.pid!),
    readyMs: Math.max(...started.map((s) => s.readyMs)),
    logBytes: () => started.reduce((sum, s) => sum + s.bytes(), 0) + logFiles.reduce((sum, f) => sum + (statSafe(f) ?? 0), 0),
    logFiles,
    stop: async () => {
      await Promise.all(
        started.map(
          (s) =>
            new Promise<void>((resolve) => {
              if (s.child.exitCode !== null) return resolve();
              s.child.once('exit', () => resolve());
              s.child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

interface Database_ {
  env: Record<string, string>;
  openStore(): Promise<WorkOrderStore>;
  orders(): Promise<number>;
  bytesOnDisk(): Promise<number>;
}

async function prepareSqlite(dir: string, age: Age, spec: SeedSpec): Promise<Database_> {
  const path = join(dir, `centre-${age}.sqlite`);
  await openSqliteStore(path).close();
  if (age === 'year') {
    const started = performance.now();
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    seedSqlite(db, spec, (done) => process.stdout.write(`\r  seeding SQLite: ${done} orders`));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    log(`\n  seeded SQLite with ${spec.orders} orders in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await openSqliteStore(path).close(); // PRAGMA optimize at open, as the service does
    log(['| store | screen pop statement | 60 callers (20 heavy) |', '| --- | --- | --- |', ...compareSqlite(path, spec)].join('\n'));
  }
  const size = () => ['', '-wal'].reduce((sum, suffix) => sum + (statSafe(`${path}${suffix}`) ?? 0), 0);
  return {
    env: { DATABASE_PATH: path },
    openStore: async () => openSqliteStore(path),
    orders: async () => {
      const db = new Database(path, { readonly: true });
      try {
        return db.prepare('SELECT count(*) FROM work_orders').pluck().get() as number;
      } finally {
        db.close();
      }
    },
    bytesOnDisk: async () => size(),
  };
}

function statSafe(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

async function preparePostgres(server: BenchPostgres, age: Age, spec: SeedSpec): Promise<Database_> {
  const name = `centre_${age}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await (await openPostgresStore(databaseUrl)).close();
  const query = async <T extends pg.QueryResultRow>(sql: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  if (age === 'year') {
    const started = performance.now();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await seedPostgres(client, spec, (done) => process.stdout.write(`\r  seeding PostgreSQL: ${done} orders`));
    await client.query('VACUUM ANALYZE');
    await client.end();
    log(`\n  seeded PostgreSQL with ${spec.orders} orders in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    log(['| store | screen pop statement | 60 callers (20 heavy) |', '| --- | --- | --- |', ...(await comparePostgres(databaseUrl, spec))].join('\n'));
  }
  return {
    env: { DATABASE_URL: databaseUrl },
    openStore: () => openPostgresStore(databaseUrl, { poolMax: 2 }),
    orders: async () => Number((await query<{ n: string }>('SELECT count(*) AS n FROM work_orders'))[0]!.n),
    bytesOnDisk: async () =>
      Number(
        (await query<{ n: string }>("SELECT pg_total_relation_size('work_orders') + pg_total_relation_size('work_order_changes') AS n"))[0]!.n,
      ),
  };
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));

/**
 * Where the storm's 503s spent their time, from the service's own request log:
 * sent → read (`unread`, known when the desk stated its deadline: includes the
 * kernel's accept queue), accepted → read (`lag`, a connection's first request)
 * and read → answered (`ms`: admission and the refusal).
 */
function refusalTimes(files: readonly string[]): string {
  const columns = { unread: [] as number[], lag: [] as number[], handler: [] as number[], total: [] as number[] };
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const match of text.matchAll(/POST \/v1\/work-orders:batch 503 (\d+)ms queue=\d+ms lag=(\d+)ms(?: unread=(\d+)ms)?/g)) {
      columns.handler.push(Number(match[1]));
      columns.lag.push(Number(match[2]));
      columns.unread.push(Number(match[3] ?? 0));
      columns.total.push(Number(match[3] ?? 0) + Number(match[1]));
    }
  }
  const pct = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  };
  const part = (name: string, values: number[]) => `${name} p50 ${fmt(pct(values, 50))} / p95 ${fmt(pct(values, 95))} / p99 ${fmt(pct(values, 99))} ms`;
  if (columns.handler.length === 0) return 'no 503 in the service log';
  return `${columns.handler.length} logged 503s: ${part('sent → read', columns.unread)}; ${part('accepted → read', columns.lag)}; ${part('read → answered', columns.handler)}; ${part('sent → answered', columns.total)}`;
}

function figureLines(label: string, figures: Figures): string[] {
  const lines: string[] = [];
  for (const kind of ['poll', 'screen-pop', 'create', 'batch'] as Kind[]) {
    const p = figures.percentiles(kind);
    if (!p) continue;
    const statuses = [...figures.status.entries()]
      .filter(([key]) => key.startsWith(`${kind} `))
      .map(([key, n]) => `${key.slice(kind.length + 1)}×${n}`)
      .join(' ');
    lines.push(`| ${label} | ${kind} | ${p.n} | ${fmt(p.p50)} | ${fmt(p.p95)} | ${fmt(p.p99)} | ${statuses} |`);
    // The storm: how long a desk waited for a batch that landed, and for a 503 (the push-back should come within ~1 s).
    if (kind !== 'batch') continue;
    for (const answer of [200, 503] as const) {
      const a = figures.percentiles(kind, answer);
      if (a) lines.push(`| ${label} | batch, answered ${answer} | ${a.n} | ${fmt(a.p50)} | ${fmt(a.p95)} | ${fmt(a.p99)} | |`);
    }
  }
  return lines;
}

async function measured<T>(pids: () => number[], servicePids: number[], work: () => Promise<T>): Promise<{ result: T; cpu: number; serviceCpu: number; rss: number; seconds: number }> {
  const before = cpuSeconds(pids());
  const serviceBefore = cpuSeconds(servicePids);
  const started = performance.now();
  let rss = 0;
  const sampler = setInterval(() => {
    rss = Math.max(rss, ...servicePids.map(rssMiB));
  }, 500);
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    return { result, cpu: (cpuSeconds(pids()) - before) / seconds, serviceCpu: (cpuSeconds(servicePids) - serviceBefore) / seconds, rss, seconds };
  } finally {
    clearInterval(sampler);
  }
}

export async function main(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const pick = (name: string, all: string[]) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]?.split(',') ?? all;
  const stores = pick('stores', ['sqlite', 'pg1', 'pg2']) as StoreName[];
  const ages = pick('ages', ['fresh', 'year']) as Age[];
  const orders = quick ? 200_000 : 2_000_000;
  const spec = centreSpec(orders);
  const few = 300;
  const many = quick ? 1_000 : 2_000;
  const seconds = quick ? 30 : 60;
  const stormOnly = args.includes('--storm-only');
  const variants = pick('variants', ['']);
  for (const variant of variants) if (variant !== '' && !(variant in VARIANTS)) throw new Error(`--variants: ${variant} is not one of ${Object.keys(VARIANTS).join(', ')}`);
  log(`# centre bench (${quick ? 'quick' : 'full'}): ${orders} orders a year, ${few} and ${many} desks, ${seconds} s per phase`);
  log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free), Node ${process.version}`);
  const dir = mkdtempSync(join(tmpdir(), 'hotline-centre-'));
  const bundle = await bundleServer();
  const postgres = stores.some((s) => s !== 'sqlite') ? await startBenchPostgres() : null;
  const table: string[] = ['| run | kind | n | p50 ms | p95 ms | p99 ms | answers |', '| --- | --- | --- | --- | --- | --- | --- |'];
  const summary: string[] = [
    `| run | service CPU, cores (${few} desks / ${many} desks / storm) | PostgreSQL CPU, cores (same) | service peak RSS MiB | storm: drain s | storm: requests / 503 / timeouts / replayed items / undrained | orders stored exactly once | disk per order | ready after restart ms | request log bytes |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ] as string[];
  const stormTable: string[] = [
    `| run | 1-min load at storm start → end | drain s | refusals per desk: mean / p50 / p95 / max | Retry-After s: p50 / p95 / max | 503 at the desk p50 / p95 ms | timeouts / connection errors | items committed after the desk gave up | undrained desks | orders stored exactly once | service CPU, cores |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  try {
    if (args.includes('--plans')) {
      // Only the side-by-side of the screen pop statements on a seeded year (no load).
      if (stores.includes('sqlite')) await prepareSqlite(dir, 'year', spec);
      if (postgres) await preparePostgres(postgres, 'year', spec);
      return;
    }
    for (const age of ages) {
      const databases = new Map<'sqlite' | 'pg', Database_>();
      for (const store of stores) {
        const kind = store === 'sqlite' ? 'sqlite' : 'pg';
        if (!databases.has(kind)) {
          log(`preparing ${kind} (${age})`);
          const database = kind === 'sqlite' ? await prepareSqlite(dir, age, spec) : await preparePostgres(postgres!, age, spec);
          const admin = await database.openStore();
          const tokens = await seedTokens(admin, { ...spec, agents: many });
          await admin.close();
          (database as Database_ & { tokens: string[] }).tokens = tokens.map((t) => t.token);
          databases.set(kind, database);
        }
        const database = databases.get(kind)! as Database_ & { tokens: string[] };
        for (const variant of variants) {
          const label = `${store} ${age}${variant ? ` ${variant}` : ''}`;
          const env = { ...database.env, ...VARIANTS[variant] };
          log(`## ${label} (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
          let service = await startService(bundle, env, store === 'pg2' ? 2 : 1, dir);
          let earlierLogBytes = 0;
          const pgPids = () => (postgres ? postgresPids(postgres.pid) : []);
          // The same desks through the phases, so the storm's desks know the service's clock from before the outage.
          const pool: Desk[] = Array.from({ length: many }, (_, i) => ({ token: database.tokens[i % database.tokens.length]!, url: service.urls[i % service.urls.length]! }));
          const desks = (n: number): Desk[] => pool.slice(0, n);
          const steadyOptions = { seconds, pollMs: 15_000, callMs: 240_000, orders: spec.orders, heavyCallers: spec.heavyCallers };
          const rows: string[] = [];
          const cpu: string[] = [];
          const pgCpu: string[] = [];
          let rss = 0;
          for (const n of stormOnly ? [] : [few, many]) {
            const phase = await measured(pgPids, service.pids, () => steady(desks(n), steadyOptions));
            const lines = figureLines(`${label}, ${n} desks`, phase.result);
            rows.push(...lines);
            cpu.push(phase.serviceCpu.toFixed(2));
            pgCpu.push(kind === 'pg' ? phase.cpu.toFixed(2) : '-');
            rss = Math.max(rss, phase.rss);
            log(lines.join('\n'));
          }
          const stormClock = stormOnly && args.includes('--storm-clock');
          if (stormClock) {
            // One poll per desk, spread over 10 s: the storm's desks know the service's clock.
            await steady(desks(many), { ...steadyOptions, seconds: 10, pollMs: 10_000, callMs: 1e12 });
          }
          if (!stormOnly || stormClock) {
            // The outage: the service restarts, so the storm comes on new connections (the desks' kept-alive ones, up to
            // 65 s, are gone) and the desks keep what they learnt of its clock.
            earlierLogBytes += service.logBytes();
            await service.stop();
            service = await startService(bundle, env, store === 'pg2' ? 2 : 1, dir);
            pool.forEach((desk, i) => (desk.url = service.urls[i % service.urls.length]!));
          }
          const before = await database.orders();
          const loadBefore = loadavg()[0]!;
          const stormPhase = await measured(pgPids, service.pids, () => storm(desks(many), 20, 1_000, 240, DESK_RETRY[variant] ?? 'desk'));
          const loadAfter = loadavg()[0]!;
          const after = await database.orders();
          const s = stormPhase.result;
          const stormLines = figureLines(`${label}, storm of ${many}`, s.figures);
          const gd = s.generatorDelay;
          log(`  the load generator's own event-loop delay in the storm: p50 ${fmt(gd.p50)} ms, p99 ${fmt(gd.p99)} ms, max ${fmt(gd.max)} ms`);
          rows.push(...stormLines);
          log(stormLines.join('\n'));
          log(`  where the 503s spent their time (service log): ${refusalTimes(service.logFiles)}`);
          const b503 = s.figures.percentiles('batch', 503);
          const refusals = s.refusalsPerDesk;
          stormTable.push(
            `| ${label} | ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} | ${(s.drainMs / 1000).toFixed(1)} | ${(s.busy / many).toFixed(2)} / ${spread(refusals)} | ${spread(s.retryAfters)} | ${b503 ? `${fmt(b503.p50)} / ${fmt(b503.p95)}` : '-'} | ${s.timeouts} / ${s.figures.status.get('batch error') ?? 0} | ${s.replayedItems} | ${s.undrained} | ${after - before === many * 20 ? 'yes' : `no: ${after - before} of ${many * 20}`} | ${stormPhase.serviceCpu.toFixed(2)} |`,
          );
          log(stormTable.at(-1)!);
          cpu.push(stormPhase.serviceCpu.toFixed(2));
          pgCpu.push(kind === 'pg' ? stormPhase.cpu.toFixed(2) : '-');
          rss = Math.max(rss, stormPhase.rss);
          const logBytes = earlierLogBytes + service.logBytes();
          await service.stop();
          const restarted = await startService(bundle, env, store === 'pg2' ? 2 : 1);
          const readyMs = restarted.readyMs;
          await restarted.stop();
          const diskPerOrder = (await database.bytesOnDisk()) / Math.max(1, after);
          table.push(...rows);
          summary.push(
            `| ${label} | ${cpu.join(' / ')} | ${pgCpu.join(' / ')} | ${Math.round(rss)} | ${(s.drainMs / 1000).toFixed(1)} | ${s.requests} / ${s.busy} / ${s.timeouts} / ${s.replayedItems} / ${s.undrained} | ${after - before === many * 20 ? 'yes' : `no: ${after - before} of ${many * 20}`} | ${(diskPerOrder / 1024).toFixed(2)} KiB | ${Math.round(readyMs)} (first start ${Math.round(service.readyMs)}) | ${logBytes} |`,
          );
          log(summary.at(-1)!);
        }
      }
    }
  } finally {
    postgres?.stop();
    rmSync(bundle, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
  log('\n### Latency per request kind\n');
  log(table.join('\n'));
  log('\n### Resources, storm, disk, restart\n');
  log(summary.join('\n'));
  log('\n### The storm: drain, refusals, Retry-After\n');
  log(stormTable.join('\n'));
}

/** p50 / p95 / max of whole counts or seconds. */
function spread(values: readonly number[]): string {
  if (values.length === 0) return '- / - / -';
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return `${at(50)} / ${at(95)} / ${sorted.at(-1)}`;
}

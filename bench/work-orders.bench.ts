// Work-order benchmarks (issue 5):  node bench/run.mjs work-orders [--quick]
// 1. Draft saves: our SQLite store (WAL, synchronous=FULL) side by side with a
//    JSON file rewritten on every save, the way lowdb (steno: temp file + rename)
//    and electron-store (atomically: temp file + fsync + rename) keep data.
// 2. Time to sync 10,000 queued work orders to the reference service on loopback
//    (the service in its own process, as in production), and the same through 20% injected faults.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/main/store/database';
import { OutboxWorker } from '../src/main/work-orders/outbox';
import { WorkOrdersRepo } from '../src/main/work-orders/repo';
import { WorkOrderServiceClient } from '../src/main/work-orders/service-client';
import { openSqliteStore } from '../services/workorder/store/sqlite/sqlite-store';
import { issueToken } from '../services/workorder/tokens';
import { emptyWorkOrderDraft, type WorkOrderDraft } from '../src/shared/domain/work-order';
import { startFaultProxy } from '../test/unit/work-orders/fault-proxy';

/** Set by bench/run.mjs (the bundle runs from node_modules/.cache). */
const root = process.env.HOTLINE_ROOT ?? process.cwd();

function draft(n: number): WorkOrderDraft {
  return {
    ...emptyWorkOrderDraft(),
    callerName: '张女士',
    callerPhone: `1380013${String(n % 10000).padStart(4, '0')}`,
    address: '渝中区解放碑街道 12 号',
    district: '渝中区',
    type: 'complaint',
    domain: 'social-management',
    departmentIds: ['labour-inspection'],
    summary: `工地拖欠工资一年，约三万元 #${n}`,
    description: `来电人反映在某工地务工一年，工资约三万元未发放，多次讨要无果。`.repeat(4) + ` #${n}`,
    scope: { decision: 'in-scope', reason: null, reasonDetail: '', channel: '' },
    commitment: { what: '转劳动保障监察支队，3 个工作日内联系来电人', dueDate: '2026-12-01' },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface SaveResult {
  name: string;
  saves: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function measure(name: string, saves: number, save: (i: number) => void): SaveResult {
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < saves; i += 1) {
    const t = performance.now();
    save(i);
    latencies.push(performance.now() - t);
  }
  const total = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { name, saves, perSecond: (saves / total) * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** The agent types into one draft; the store already holds `existing` earlier work orders. */
function benchSaves(dir: string, saves: number, existing: number): SaveResult[] {
  const results: SaveResult[] = [];
  // SQLite: the real repo, one committed (fsynced) transaction per save.
  const db = openDatabase(join(dir, 'desk.sqlite'));
  const repo = new WorkOrdersRepo(db);
  db.transaction(() => {
    for (let i = 0; i < existing; i += 1) repo.save(repo.create('').id, draft(i));
  })();
  const target = repo.create('13800138000');
  results.push(measure('SQLite store (WAL, synchronous=FULL), one row per save', saves, (i) => {
    repo.save(target.id, { description: `${draft(i).description} edit ${i}` });
  }));
  db.close();

  // A JSON file holding every work order, rewritten on every save.
  const orders = Array.from({ length: existing + 1 }, (_, i) => ({ id: `wo-${i}`, revision: 0, fields: draft(i) }));
  const file = join(dir, 'desk.json');
  const write = (durable: boolean) => {
    const text = JSON.stringify({ workOrders: orders });
    const tmp = `${file}.tmp`;
    const fd = openSync(tmp, 'w');
    writeSync(fd, text);
    if (durable) fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, file);
  };
  const last = orders[orders.length - 1]!;
  results.push(measure('JSON file rewritten per save (lowdb/steno: temp + rename, no fsync)', saves, (i) => {
    last.fields = { ...last.fields, description: `${draft(i).description} edit ${i}` };
    last.revision += 1;
    write(false);
  }));
  results.push(measure('JSON file rewritten per save (electron-store/atomically: temp + fsync + rename)', saves, (i) => {
    last.fields = { ...last.fields, description: `${draft(i).description} edit ${i}` };
    last.revision += 1;
    write(true);
  }));
  return results;
}

async function startServiceProcess(dbPath: string): Promise<{ url: string; token: string; child: ChildProcess }> {
  const store = openSqliteStore(dbPath);
  const { token } = await issueToken(store, { agentId: '0307', teamId: 'bench' });
  await store.close();
  const child = spawn(process.execPath, [join(root, 'services/workorder/run.mjs'), 'server'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: dbPath },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('service did not start in 30 s')), 30_000);
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`service exited ${code}`)));
  });
  return { url, token, child };
}

let runs = 0;

interface SyncResult {
  name: string;
  orders: number;
  batchSize: number;
  seconds: number;
  requests: number | null;
  exactlyOnce: boolean;
}

/** `batchSize` 1: one create per request (POST /v1/work-orders); more: POST /v1/work-orders:batch. */
async function benchSync(name: string, dir: string, serviceDir: string, orders: number, faultRate: number, batchSize: number): Promise<SyncResult> {
  const servicePath = join(serviceDir, `service-${runs + 1}.sqlite`);
  const service = await startServiceProcess(servicePath);
  const proxy = faultRate > 0 ? await startFaultProxy({ target: service.url, faultRate, seed: 777 }) : null;
  const db = openDatabase(join(dir, `sync-${++runs}.sqlite`));
  const repo = new WorkOrdersRepo(db);
  db.transaction(() => {
    for (let i = 0; i < orders; i += 1) {
      const view = repo.create('');
      repo.save(view.id, draft(i));
      repo.submit(view.id, ['labour-inspection']);
    }
  })();
  const worker = new OutboxWorker({
    repo,
    concurrency: 16,
    batchSize,
    pollChangesMs: 0,
    ...(faultRate > 0 ? { backoff: { baseMs: 10, maxMs: 100 } } : {}),
  });
  const client = new WorkOrderServiceClient({ url: proxy?.url ?? service.url, token: service.token, timeoutMs: faultRate > 0 ? 300 : 10_000 });
  const started = performance.now();
  worker.setTarget({ key: 'bench', client });
  worker.start();
  await worker.idle();
  const seconds = (performance.now() - started) / 1000;
  worker.stop();
  const synced = db.prepare("SELECT COUNT(*) FROM work_orders WHERE sync_state = 'synced'").pluck().get() as number;
  db.close();
  await proxy?.close();
  service.child.kill('SIGTERM');
  await new Promise((resolve) => service.child.once('exit', resolve));
  const reader = new Database(servicePath, { readonly: true });
  const rows = reader.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT idempotency_key) AS keys FROM work_orders').get() as { n: number; keys: number };
  reader.close();
  if (!(synced === orders && rows.n === orders && rows.keys === orders)) console.error(`check ${name}: synced ${synced}, rows ${rows.n}, keys ${rows.keys}`);
  return { name, orders, batchSize, seconds, requests: proxy?.stats.requests ?? null, exactlyOnce: synced === orders && rows.n === orders && rows.keys === orders };
}

export async function main(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const dir = mkdtempSync(join(tmpdir(), 'hotline-bench-'));
  const shm = mkdtempSync(join('/dev/shm', 'hotline-bench-'));
  try {
    const cpu = cpus();
    console.log(`# Work orders bench\n\nMachine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores; Node ${process.version}; ${new Date().toISOString()}; temp dir ${tmpdir()}\n`);
    const saves = benchSaves(dir, quick ? 300 : 2_000, 500);
    console.log('| store (500 work orders held, one ~1 KB draft edited) | saves | saves/s | p50 ms | p99 ms |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const r of saves) console.log(`| ${r.name} | ${r.saves} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`);

    const orders = quick ? 1_000 : 10_000;
    const sync: SyncResult[] = [];
    sync.push(await benchSync('loopback, service database on disk, single creates', dir, dir, orders, 0, 1));
    sync.push(await benchSync('loopback, service database on disk, batch creates', dir, dir, orders, 0, 100));
    sync.push(await benchSync('loopback, service database on tmpfs (/dev/shm), single creates', dir, shm, orders, 0, 1));
    sync.push(await benchSync('loopback, service database on tmpfs (/dev/shm), batch creates', dir, shm, orders, 0, 100));
    sync.push(await benchSync('20% injected faults, service database on disk, batch creates', dir, dir, orders, 0.2, 100));
    console.log('\n| sync (concurrency 16, service in its own process) | work orders | per request | seconds | orders/s | requests | exactly once |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const r of sync) {
      console.log(
        `| ${r.name} | ${r.orders} | ${r.batchSize} | ${r.seconds.toFixed(1)} | ${(r.orders / r.seconds).toFixed(0)} | ${r.requests ?? (r.batchSize === 1 ? r.orders : '-')} | ${r.exactlyOnce ? 'yes' : 'NO'} |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(shm, { recursive: true, force: true });
  }
}

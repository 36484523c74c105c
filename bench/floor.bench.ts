/**
 * The live floor at scale (issue 12): 1,000 simulated agents (plain HTTP
 * clients posting POST /v1/floor/state, keep-alive connections, no browser)
 * change state and raise prompts at a realistic rate and at 10x, while one
 * lead's real app (the built renderer in Chromium, its main-process core in this
 * process, signed in through the real sign-in) shows the floor of all of them.
 *
 * The agents' posts come from a worker thread, so the bench's own event loop
 * (which also runs the lead's main-process core) is not theirs to starve.
 *
 * Event → painted: a few probe agents carry an emergency prompt (so they sort
 * to the top and are in view of the virtualised list) and a fresh marker in
 * their break reason; the page records the wall time of the first animation
 * frame after a DOM change that shows the marker. Latency = that time minus
 * the moment the probe's POST was sent (one machine, one clock).
 *
 * Also: the lead renderer's CPU (CDP TaskDuration / wall) and JS heap with
 * 1,000 agents on screen, and the service's CPU and resident memory (the
 * service runs as its own process, `run.mjs server`, sampled from /proc).
 * On SQLite (one instance) and on PostgreSQL with two instances (agents split
 * across both, the lead on the second: every event crosses LISTEN/NOTIFY).
 *
 *   npm run bench -- floor      (FLOOR_BENCH_SECONDS=20 per phase, FLOOR_BENCH_AGENTS=1000)
 *
 * FLOOR_BENCH_BEFORE=<commit>: each store runs twice in the one run, first
 * with the service as it was at that commit (its services/ and src/ taken
 * from git into a temp dir), then with FLOOR_BENCH_AFTER's (a commit; the
 * working tree when unset), for before/after figures side by side.
 * FLOOR_BENCH_STORES=postgres runs only PostgreSQL.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type BrowserContext, type CDPSession } from 'playwright-core';
import { it } from 'vitest';
import Database from 'better-sqlite3';
import pgClient from 'pg';
import { SqliteWorkOrderStore } from '../services/workorder/store/sqlite/sqlite-store';
import { PostgresWorkOrderStore } from '../services/workorder/store/postgres/postgres-store';
import type { WorkOrderStore } from '../services/workorder/store/store';
import { hashPassword } from '../services/workorder/people/passwords';
import { hashToken, mintToken } from '../services/workorder/tokens';
import { FLOOR_STATE_PATH, type FloorStateReport } from '../src/shared/domain/floor';
import { RENDERER_JS_FLAGS } from '../src/main/renderer-v8-flags';
import { LAB_CHROMIUM_ARGS, serveDir } from '../test/e2e/lab/browser';
import { openAgentApp, type AgentApp } from '../test/e2e/app/agent-app';
import { APP_SENDER } from '../test/support/app-core';
import { makeTempDir } from '../test/support/temp-dir';
import { startBenchPostgres } from './centre-postgres';

const ROOT = join(import.meta.dirname, '..');
const RENDERER_DIR = join(ROOT, 'dist', 'renderer');
const AGENTS = Number(process.env.FLOOR_BENCH_AGENTS ?? 1_000);
const SECONDS = Number(process.env.FLOOR_BENCH_SECONDS ?? 20);
const TEAMS = 10;
const PROBES = 4;
/**
 * Realistic: an agent's desk posts on every change of agent state or call
 * phase and on its 30 s heartbeat; a busy hour's agent changes something about
 * every 20 s (ring, answer, hold, hang up, ACW, ready), so 1,000 agents make
 * about 50 changes/s plus 33 heartbeats/s ≈ 80 posts/s. 10x: 800 posts/s.
 */
const REALISTIC_PER_S = 80;
const LEAD = { workNumber: '9401', name: '值班长', password: 'lead-9401-pw' };

interface Phase {
  name: string;
  rate: number;
  latencies: number[];
  /** Each probe's POST, sent → answered (the service's part of event → painted), and answered → painted. */
  answeredMs: number[];
  answeredToPaintedMs: number[];
  probesRefused: number;
  sent: number;
  failed: number;
  serviceCpuPct: number[];
  serviceRssMb: number[];
  /** PostgreSQL's backends (null on SQLite). */
  backendsCpuPct: number | null;
  rendererCpuPct: number;
  rendererHeapMb: number;
  /** The machine's cores busy over the phase (1.0 = every core), and this bench process's own CPU (the agents' generator thread and the lead's main-process core). */
  machineBusy: number;
  benchProcessCpuPct: number;
}

/**
 * The agents' load generator, run in a worker thread: posts due by the clock at `rate` from random non-probe
 * agents (at most 400 in flight), for `seconds`; answers { sent, failed } once the last post is answered.
 */
const GENERATOR = `
const { parentPort, workerData } = require('node:worker_threads');
const { urls, tokens, probes, rate, seconds, states, path } = workerData;
let sent = 0, failed = 0, issued = 0, inFlight = 0;
const startedAt = Date.now();
const endAt = startedAt + seconds * 1000;
const post = async (i, report) => {
  try {
    const response = await fetch(urls[i % urls.length] + path, {
      method: 'POST',
      headers: { authorization: 'Bearer ' + tokens[i], 'content-type': 'application/json' },
      body: JSON.stringify(report),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
};
const randomReport = () => {
  const base = states[Math.floor(Math.random() * states.length)];
  const now = Date.now();
  return { ...base, since: now - 5000, ...(base.callStartedAt === 0 ? { callStartedAt: now - 30000 } : {}) };
};
const tick = () => {
  const now = Date.now();
  if (now >= endAt) {
    if (inFlight === 0) parentPort.postMessage({ sent, failed });
    else setTimeout(tick, 20);
    return;
  }
  const due = Math.floor((rate * (now - startedAt)) / 1000) - issued;
  for (let k = 0; k < due && inFlight < 400; k += 1) {
    issued += 1;
    inFlight += 1;
    const i = probes + Math.floor(Math.random() * (tokens.length - probes));
    void post(i, randomReport()).then((ok) => {
      sent += 1;
      if (!ok) failed += 1;
      inFlight -= 1;
    });
  }
  setTimeout(tick, 5);
};
tick();
`;

const pct = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};

/** utime + stime (ms) and RSS (MB) of a process. */
function procStat(pid: number): { cpuMs: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  return { cpuMs: ticks * 10, rssMb: rss };
}

/** The whole machine's busy and total CPU time (all cores), from /proc/stat's first line. */
function machineCpu(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, v) => sum + v, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

async function seed(store: WorkOrderStore): Promise<{ tokens: string[] }> {
  const now = Date.now();
  for (let t = 0; t < TEAMS; t += 1) await store.people.createTeam({ id: `team-${t}`, name: `${t + 1}组`, createdAt: now });
  const hash = await hashPassword(LEAD.password);
  await store.people.createPerson({ personId: randomUUID(), workNumber: LEAD.workNumber, name: LEAD.name, teamId: 'team-0', roles: ['agent', 'lead'], leadsTeams: Array.from({ length: TEAMS }, (_, t) => `team-${t}`), passwordHash: hash, at: now });
  const lead = await store.people.personByWorkNumber(LEAD.workNumber);
  await store.people.setSip(lead!.personId, { uri: 'sip:9401@bench.invalid', authUser: '9401', password: 'unused' }, now);
  await store.people.setCentreSettings({ sipServers: ['ws://127.0.0.1:9'], city: '重庆', afterCallWorkSeconds: 45, autoAnswerSeconds: null }, now);
  const tokens: string[] = [];
  for (let i = 0; i < AGENTS; i += 1) {
    const personId = randomUUID();
    const workNumber = String(1000 + i);
    const teamId = `team-${i % TEAMS}`;
    // A placeholder hash: these desks never sign in with a password; their sessions are written directly.
    await store.people.createPerson({ personId, workNumber, name: `坐席${i}`, teamId, roles: ['agent'], leadsTeams: [], passwordHash: 'bench-no-password', at: now });
    const token = mintToken();
    await store.people.insertSession({ tokenId: randomUUID(), tokenHash: hashToken(token), personId, agentId: workNumber, teamId, role: 'agent', label: `desk bench-${i}`, createdAt: now, expiresAt: now + 86_400_000 });
    tokens.push(token);
  }
  return { tokens };
}

/** The service's sources at `commit` in a temp dir (node_modules linked to the project's), for the "before" run. */
function serviceAt(commit: string): { root: string; remove: () => void } {
  const dir = makeTempDir('hotline-floor-bench-before-');
  execSync(`git -C "${ROOT}" archive "${commit}" services src | tar -x -C "${dir.path}"`);
  symlinkSync(join(ROOT, 'node_modules'), join(dir.path, 'node_modules'));
  return { root: dir.path, remove: dir.remove };
}

function unmigratedSqlite(path: string): SqliteWorkOrderStore {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  return new SqliteWorkOrderStore(db);
}

/** CPU ms of the PostgreSQL postmaster's children (its backends) alive now. */
function backendsCpuMs(postmaster: number): number {
  let children: number[];
  try {
    children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return 0;
  }
  let total = 0;
  for (const pid of children) {
    try {
      total += procStat(pid).cpuMs;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

function startService(env: Record<string, string>, port: number, serviceRoot: string): Promise<ChildProcess> {
  const child = spawn('node', [join(serviceRoot, 'services/workorder/run.mjs'), 'server'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', FLOOR_MAX_STREAMS: '50' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Read both pipes (a full pipe would stall the service's logging); keep the end of stderr for a failed start.
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('service did not start in 60 s')), 60_000);
    const probe = async () => {
      for (let i = 0; i < 600; i += 1) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) {
            clearTimeout(timer);
            resolve(child);
            return;
          }
        } catch {
          // not yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    child.once('exit', (code) => reject(new Error(`service exited ${code}: ${stderr}`)));
    void probe();
  });
}

const freePort = () => 20_000 + Math.floor(Math.random() * 20_000);

async function run(kind: 'sqlite' | 'postgres', serviceRoot: string, label: string): Promise<Phase[]> {
  const dir = makeTempDir('hotline-floor-bench-');
  const pg = kind === 'postgres' ? await startBenchPostgres() : null;
  const children: ChildProcess[] = [];
  let app: AgentApp | null = null;
  let context: BrowserContext | null = null;
  try {
    const env: Record<string, string> = pg ? { DATABASE_URL: pg.adminUrl } : { DATABASE_PATH: join(dir.path, 'centre.sqlite'), SQLITE_PACING: 'off' };
    const ports = pg ? [freePort(), freePort() + 1] : [freePort()];
    // The service brings the database to its own schema (a "before" commit may know fewer versions than this
    // tree's store, which would refuse it as too new); then the bench seeds it through this tree's store, unmigrated.
    for (const port of ports) children.push(await startService(env, port, serviceRoot));
    const store = pg ? new PostgresWorkOrderStore(new pgClient.Pool({ connectionString: pg.adminUrl, max: 4 })) : unmigratedSqlite(env.DATABASE_PATH as string);
    const { tokens } = await seed(store);
    await store.close();
    const urls = ports.map((port) => `http://127.0.0.1:${port}`);
    const leadUrl = urls[urls.length - 1] as string;

    // The lead's real app, signed in through the real sign-in, on the floor screen at 1366×768.
    const profile = makeTempDir('hotline-floor-bench-profile-');
    context = await chromium.launchPersistentContext(profile.path, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      chromiumSandbox: false,
      args: [...LAB_CHROMIUM_ARGS, `--js-flags=${RENDERER_JS_FLAGS}`],
      viewport: { width: 1366, height: 768 },
    });
    await serveDir(context, 'http://localhost/app/', RENDERER_DIR);
    const data = makeTempDir('hotline-floor-bench-lead-');
    app = await openAgentApp(context, data.path);
    const signed = await app.core.router.handle(APP_SENDER, 'centre:signIn', { centreUrl: leadUrl, workNumber: LEAD.workNumber, password: LEAD.password });
    if (!(signed as { ok: boolean }).ok || (signed as { value: { outcome: string } }).value.outcome !== 'signed-in') throw new Error(`lead sign-in: ${JSON.stringify(signed)}`);
    const page = app.page;
    await page.reload();
    await page.getByTestId('floor-switch').click({ timeout: 30_000 });
    await page.getByTestId('floor-screen').waitFor({ state: 'visible', timeout: 10_000 });
    await page.evaluate(() => {
      const w = window as unknown as { __floorSeen: Map<string, number>; __floorWanted: Set<string> };
      w.__floorSeen = new Map();
      w.__floorWanted = new Set();
      const check = () => {
        if (w.__floorWanted.size === 0) return;
        const list = document.querySelector('[data-testid="floor-list"]');
        const text = list?.textContent ?? '';
        for (const marker of w.__floorWanted) {
          if (text.includes(marker)) {
            w.__floorWanted.delete(marker);
            requestAnimationFrame(() => w.__floorSeen.set(marker, Date.now()));
          }
        }
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const cdp: CDPSession = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    // Every agent reports once (the floor fills: 1,000 rows), then the phases.
    const agentUrl = (i: number) => urls[i % urls.length] as string;
    const postAs = async (i: number, report: FloorStateReport): Promise<boolean> => {
      try {
        const response = await fetch(`${agentUrl(i)}${FLOOR_STATE_PATH}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' },
          body: JSON.stringify(report),
        });
        await response.arrayBuffer();
        return response.ok;
      } catch {
        return false;
      }
    };
    const STATES: FloorStateReport[] = [
      { agentState: 'ready', since: 0, callPhase: 'idle' },
      { agentState: 'ready', since: 0, callPhase: 'ringing', callStartedAt: 0, callerNumber: '13812345678' },
      { agentState: 'ready', since: 0, callPhase: 'talking', callStartedAt: 0, callerNumber: '13812345678', scriptStep: 'listen', prompts: ['raised-voice'] },
      { agentState: 'ready', since: 0, callPhase: 'held', callStartedAt: 0, callerNumber: '13812345678', scriptStep: 'restate' },
      { agentState: 'after-call', since: 0, callPhase: 'after-call' },
      { agentState: 'break', since: 0, breakReason: '休息', callPhase: 'idle' },
    ];
    const randomReport = (): FloorStateReport => {
      const base = STATES[Math.floor(Math.random() * STATES.length)] as FloorStateReport;
      const now = Date.now();
      return { ...base, since: now - 5_000, ...(base.callStartedAt === 0 ? { callStartedAt: now - 30_000 } : {}) };
    };
    for (let start = 0; start < AGENTS; start += 50) {
      await Promise.all(Array.from({ length: Math.min(50, AGENTS - start) }, (_, k) => postAs(start + k, randomReport())));
    }
    await page.waitForFunction((n) => document.querySelector('[data-testid="floor-shown"]')?.textContent?.includes(String(n)), AGENTS + 1, { timeout: 30_000 });

    const phases: Phase[] = [];
    for (const [name, rate] of [
      ['realistic', REALISTIC_PER_S],
      ['10x', REALISTIC_PER_S * 10],
    ] as const) {
      const phase: Phase = { name, rate, latencies: [], answeredMs: [], answeredToPaintedMs: [], probesRefused: 0, sent: 0, failed: 0, serviceCpuPct: [], serviceRssMb: [], backendsCpuPct: null, rendererCpuPct: 0, rendererHeapMb: 0, machineBusy: 0, benchProcessCpuPct: 0 };
      const metrics = async () => Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]));
      const before = await metrics();
      const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
      const cpuBefore = children.map((c) => procStat(c.pid as number).cpuMs);
      const backendsBefore = pg ? backendsCpuMs(pg.pid) : 0;
      const machineBefore = machineCpu();
      const benchBefore = process.cpuUsage();
      const startedAt = Date.now();
      const endAt = startedAt + SECONDS * 1_000;
      let probeSeq = 0;
      const pending = new Map<string, number>();
      const answered = new Map<string, number>();
      let nextProbeAt = startedAt;
      // The posts due by the clock (so a slow turn of the loop catches up), from random non-probe agents; a probe every 250 ms.
      // The agents' posts come from a worker thread (its own event loop), so the lead's core here is not starved by them.
      const generator = new Worker(GENERATOR, {
        eval: true,
        workerData: { urls, tokens, probes: PROBES, rate, seconds: SECONDS, states: STATES, path: FLOOR_STATE_PATH },
      });
      const generated = new Promise<{ sent: number; failed: number }>((resolve, reject) => {
        generator.once('message', resolve);
        generator.once('error', reject);
      });
      let nextSampleAt = startedAt;
      while (Date.now() < endAt) {
        if (Date.now() >= nextProbeAt) {
          nextProbeAt += 250;
          const probe = probeSeq % PROBES;
          const marker = `m${probeSeq}x`;
          probeSeq += 1;
          await page.evaluate((m) => (window as unknown as { __floorWanted: Set<string> }).__floorWanted.add(m), marker);
          pending.set(marker, Date.now());
          void postAs(probe, { agentState: 'break', since: Date.now(), breakReason: marker, callPhase: 'idle', prompts: ['emergency'] }).then((ok) => {
            if (ok) answered.set(marker, Date.now());
            else phase.probesRefused += 1;
          });
        }
        if (Date.now() >= nextSampleAt) {
          nextSampleAt += 500;
          const stats = children.map((c) => procStat(c.pid as number));
          phase.serviceRssMb.push(stats.reduce((sum, s) => sum + s.rssMb, 0));
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      const counts = await generated;
      await generator.terminate();
      phase.sent = counts.sent;
      phase.failed = counts.failed;
      await new Promise((r) => setTimeout(r, 2_000));
      const seen = (await page.evaluate(() => [...(window as unknown as { __floorSeen: Map<string, number> }).__floorSeen.entries()])) as [string, number][];
      for (const [marker, at] of seen) {
        const sentAt = pending.get(marker);
        if (sentAt !== undefined) phase.latencies.push(at - sentAt);
        const answeredAt = answered.get(marker);
        if (sentAt !== undefined && answeredAt !== undefined) {
          phase.answeredMs.push(answeredAt - sentAt);
          phase.answeredToPaintedMs.push(at - answeredAt);
        }
      }
      const wall = Date.now() - startedAt;
      const cpuAfter = children.map((c) => procStat(c.pid as number).cpuMs);
      phase.serviceCpuPct = cpuAfter.map((ms, k) => ((ms - (cpuBefore[k] as number)) / wall) * 100);
      if (pg) phase.backendsCpuPct = ((backendsCpuMs(pg.pid) - backendsBefore) / wall) * 100;
      const machineAfter = machineCpu();
      phase.machineBusy = (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
      const benchUsed = process.cpuUsage(benchBefore);
      phase.benchProcessCpuPct = ((benchUsed.user + benchUsed.system) / 1000 / wall) * 100;
      const after = await metrics();
      phase.rendererCpuPct = (((after.TaskDuration as number) - (before.TaskDuration as number)) * 1000 * 100) / wall;
      await cdp.send('HeapProfiler.collectGarbage');
      phase.rendererHeapMb = ((await metrics()).JSHeapUsedSize as number) / 1024 / 1024;
      console.log(
        `[floor ${kind} ${label}] ${name} ${rate}/s: sent ${phase.sent} (${phase.failed} failed), probes ${probeSeq}, painted ${phase.latencies.length}; ` +
          `event→painted median ${pct(phase.latencies, 50)} ms, p95 ${pct(phase.latencies, 95)} ms, max ${Math.max(...phase.latencies)} ms ` +
          `(POST answered median ${pct(phase.answeredMs, 50)} / p95 ${pct(phase.answeredMs, 95)} ms, answered → painted median ${pct(phase.answeredToPaintedMs, 50)} / p95 ${pct(phase.answeredToPaintedMs, 95)} ms; ${phase.probesRefused} probes refused); ` +
          `service CPU ${phase.serviceCpuPct.map((c) => c.toFixed(0)).join('+')} %` +
          (phase.backendsCpuPct === null ? '' : `, PostgreSQL backends ${phase.backendsCpuPct.toFixed(0)} %`) +
          `, RSS ${Math.max(...phase.serviceRssMb).toFixed(0)} MB; ` +
          `lead renderer CPU ${phase.rendererCpuPct.toFixed(0)} %, heap ${phase.rendererHeapMb.toFixed(1)} MB; ` +
          `bench process (generator + lead's core) CPU ${phase.benchProcessCpuPct.toFixed(0)} %, machine's cores busy ${(phase.machineBusy * 100).toFixed(0)} %; ` +
          `load average at start ${loadAtStart}, at end ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
      );
      phases.push(phase);
    }
    return phases;
  } finally {
    await app?.close().catch(() => undefined);
    await context?.close().catch(() => undefined);
    for (const child of children) child.kill('SIGTERM');
    pg?.stop();
    dir.remove();
  }
}

it('floor: 1,000 agents at a realistic rate and at 10x, on SQLite and on PostgreSQL with two instances', async () => {
  const kinds = (process.env.FLOOR_BENCH_STORES ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
  const variants = [process.env.FLOOR_BENCH_BEFORE, process.env.FLOOR_BENCH_AFTER ?? null].filter((v) => v !== undefined);
  for (const kind of kinds) {
    for (const commit of variants) {
      const tree = commit === null ? null : serviceAt(commit);
      try {
        await run(kind, tree?.root ?? ROOT, commit ?? 'this tree');
      } finally {
        tree?.remove();
      }
    }
  }
});

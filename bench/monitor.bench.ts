/**
 * Monitor (issue 12), measured through the Kamailio lab with the built app:
 * - click Listen → the lead hears the call (the lead desk's own "heard" moment:
 *   the first received audio above silence), repeated; goal under 1 s;
 * - the extra delay of the monitor path: the same caller pulse's onset at the
 *   agent and at the lead, on this machine's one clock;
 * - the agent's extra CPU (its whole browser: every Chromium process) and
 *   upload while monitored, against the same call unmonitored.
 * `npm run bench -- monitor` (wrap in flock /tmp/hotline-lab.lock).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLab, type SipLab } from '../test/e2e/lab/lab';
import { openAgentApp, type AgentApp } from '../test/e2e/app/agent-app';
import { openCallerPhone, type CallerPhone } from '../test/e2e/caller/page';
import { makeTempDir } from '../test/support/temp-dir';
import {
  PEOPLE,
  TONES,
  bytesSent,
  launchMonitorBrowsers,
  signInDesk,
  startMonitorCentre,
  toneOnsets,
  waitForTones,
  type MonitorCentre,
} from '../test/e2e/monitor-lab';
import { browserProcesses, cpuSeconds } from './browser-cpu';

const CLICKS = Number(process.env['MONITOR_BENCH_CLICKS'] ?? 8);
const WINDOW_MS = 10_000;

let lab: SipLab;
let browsers: Awaited<ReturnType<typeof launchMonitorBrowsers>>;
let centre: MonitorCentre;
const dirs: ReturnType<typeof makeTempDir>[] = [];
let agent: AgentApp;
let lead: AgentApp;
let caller: CallerPhone;

beforeAll(async () => {
  lab = await startLab();
  browsers = await launchMonitorBrowsers(lab);
  centre = await startMonitorCentre(lab);
});
afterAll(async () => {
  await caller?.close().catch(() => undefined);
  for (const app of [lead, agent]) await app?.close().catch(() => undefined);
  for (const dir of dirs) dir.remove();
  await centre?.close();
  for (const context of Object.values(browsers ?? {})) await context.close().catch(() => undefined);
  await lab?.stop();
});

type Leg = { phase: string; clickedAt: number; heardAt: number | null } | null;
type Hooks = { __hotlineMonitor: { mountActions(a: string, c: string): void; state(): { legs: Record<string, Leg> } } };
const legOf = (agentPersonId: string): Promise<Leg> => lead.page.evaluate((a) => (window as unknown as Hooks).__hotlineMonitor.state().legs[a] ?? null, agentPersonId);

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  for (let i = 0; i < 2_000 && !ok(value) && Date.now() < deadline; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  if (!ok(value)) throw new Error(`timed out; last ${JSON.stringify(value)}`);
  return value;
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p90: at(0.9), max: sorted.at(-1)!, n: sorted.length };
};

/** Agent's CPU (share of one core) and upload (kbit/s of RTP incl. RTP headers, every PC) over one window. */
async function agentLoad(pids: number[], pcs: number): Promise<{ cpu: number; kbps: number }> {
  const sent = async () => {
    let total = 0;
    for (let i = 0; i < pcs; i += 1) total += await bytesSent(agent.page, i);
    return total;
  };
  const [cpu0, bytes0, t0] = [cpuSeconds(pids), await sent(), performance.now()];
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  const [cpu1, bytes1, t1] = [cpuSeconds(pids), await sent(), performance.now()];
  const seconds = (t1 - t0) / 1000;
  return { cpu: (cpu1 - cpu0) / seconds, kbps: ((bytes1 - bytes0) * 8) / 1000 / seconds };
}

it('monitor: click-to-hear, extra delay, the agent\'s extra CPU and upload', async () => {
  dirs.push(makeTempDir('hotline-monitor-bench-agent-'), makeTempDir('hotline-monitor-bench-lead-'));
  agent = await openAgentApp(browsers.agent, dirs[0]!.path, {}, { testHooks: true });
  await signInDesk(agent.page, centre.url, PEOPLE.agent);
  lead = await openAgentApp(browsers.lead, dirs[1]!.path, {}, { testHooks: true });
  await signInDesk(lead.page, centre.url, PEOPLE.lead);
  await lead.page.waitForFunction(() => '__hotlineMonitor' in window, undefined, { timeout: 10_000 });
  caller = await openCallerPhone(browsers.caller);
  await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001') });
  await caller.call(`sip:${PEOPLE.agent.sip}@${lab.domain}`);
  await agent.page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
  await agent.page.getByTestId('answer-button').click();
  await caller.waitForState('Established', 15_000);
  await waitForTones(agent.page, 0, { [TONES.caller]: true });
  const callId = (agent.core.db.prepare('SELECT id FROM calls ORDER BY started_at DESC LIMIT 1').get() as { id: string }).id;
  const agentPersonId = await centre.personId(PEOPLE.agent.workNumber);
  await lead.page.evaluate(([a, c]) => (window as unknown as Hooks).__hotlineMonitor.mountActions(a!, c!), [agentPersonId, callId]);

  const pids = browserProcesses(`tone-${TONES.agent}.wav`);
  expect(pids.length).toBeGreaterThan(0);
  const baseline = await agentLoad(pids, 1);

  // Click Listen → heard, CLICKS times (each leg stopped before the next; the first includes the key fetch).
  const clickToHear: number[] = [];
  let pcs = 1;
  for (let i = 0; i < CLICKS; i += 1) {
    await lead.page.getByTestId('monitor-listen').click();
    const heard = await waitFor(() => legOf(agentPersonId), (leg) => leg?.heardAt != null, 15_000);
    clickToHear.push(heard!.heardAt! - heard!.clickedAt);
    pcs += 1;
    if (i < CLICKS - 1) {
      await lead.page.getByTestId('monitor-stop').click();
      await waitFor(() => legOf(agentPersonId), (leg) => leg?.phase === 'ended', 10_000);
    }
  }
  // The last leg stays up: the lead's PC for it is the newest one on its page.
  const leadPc = CLICKS - 1;
  await waitForTones(lead.page, leadPc, { [TONES.caller]: true, [TONES.agent]: true });

  // Extra delay: the caller's pulses as the agent receives them, and as the lead receives them through the agent's mix.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  const atAgent = await toneOnsets(agent.page, 0, TONES.caller, 2_000);
  const atLead = await toneOnsets(lead.page, leadPc, TONES.caller, 2_000);
  const delays: number[] = [];
  for (const onset of atLead) {
    const before = atAgent.filter((t) => t <= onset + 20 && onset - t < 400);
    if (before.length > 0) delays.push(onset - Math.max(...before));
  }

  const monitored = await agentLoad(pids, pcs);
  const hear = stats(clickToHear);
  const delay = delays.length > 0 ? stats(delays) : null;
  const f = (n: number, d = 0) => n.toFixed(d);
  console.log('\nMonitor (issue 12): lab, 2 cores shared, headless Chromium per party');
  console.log('| measure | median | p90 | max | n | goal |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  console.log(`| click Listen → lead hears the call (ms) | ${f(hear.median)} | ${f(hear.p90)} | ${f(hear.max)} | ${hear.n} | < 1000 |`);
  if (delay) console.log(`| extra delay of the monitor path (ms) | ${f(delay.median)} | ${f(delay.p90)} | ${f(delay.max)} | ${delay.n} | |`);
  console.log(`\n| agent's browser, ${WINDOW_MS / 1000} s window | unmonitored | monitored (listen) | extra |`);
  console.log('| --- | ---: | ---: | ---: |');
  console.log(`| CPU (% of one core, all Chromium processes) | ${f(baseline.cpu * 100, 1)} | ${f(monitored.cpu * 100, 1)} | ${f((monitored.cpu - baseline.cpu) * 100, 1)} |`);
  console.log(`| upload, RTP incl. RTP headers (kbit/s) | ${f(baseline.kbps, 1)} | ${f(monitored.kbps, 1)} | ${f(monitored.kbps - baseline.kbps, 1)} |`);
  expect(hear.median).toBeGreaterThan(0);
});

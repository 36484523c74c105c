/**
 * A network change mid-call: the agent's computer gets a new address (Wi-Fi to
 * wired, a VPN reconnecting). The agent's browser runs on the lab's agent
 * network (its own namespace behind a veth, see lab.ts AgentNetwork); the
 * caller phone stays in the lab namespace, so the call's media crosses the
 * veth too. lab.changeAgentAddress() removes the agent's address and adds
 * another: nothing closes, the old TCP connection and the old ICE path just go
 * silent. The app must notice (the browser's network events make it probe the
 * link instead of waiting for the keep-alive), show the connection-down banner,
 * register again from the new address, re-INVITE the call with an ICE restart
 * and have audio both ways over the new path. And when the network is gone for
 * a while (the reconnect attempts failing and backing off), it reconnects as
 * soon as a new address comes, not at the next backoff step.
 *
 * Test-only instrumentation (init scripts): the RTCPeerConnection probe for
 * getStats, the SIP messages the agent sends, and the network events the page
 * sees (printed, to document what Chromium fires).
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startAgentLab, stopAgentLab, type AgentLab } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { agentInbound, callerInbound, deltaOver, pollUntil, registerAgent, waitForRegistration } from './caller/lab-agent';
import { AGENT_NET } from './lab/lab';
import { makeTempDir } from '../support/temp-dir';

interface Recorded {
  /** SIP requests and responses the agent sent: Date.now(), first line, CSeq, To tag present, ICE ufrag/pwd of the SDP. */
  sip: { t: number; line: string; cseq: string; inDialog: boolean; ufrag: string | null; pwd: string | null }[];
  /** Network events the page saw: Date.now() and what. */
  network: { t: number; event: string }[];
  /** The registration status shown and the connection banner coming and going, as they changed in the DOM. */
  ui: UiChange[];
}

interface UiChange {
  t: number;
  status: string | null;
  banner: boolean;
}

/** Runs in the page before the app (serialised: no closures). */
function recordSipAndNetwork(): void {
  const recorded: Recorded = { sip: [], network: [], ui: [] };
  (window as unknown as { __recorded: Recorded }).__recorded = recorded;
  const note = (event: string) => recorded.network.push({ t: Date.now(), event });
  window.addEventListener('online', () => note(`online (navigator.onLine ${navigator.onLine})`));
  window.addEventListener('offline', () => note(`offline (navigator.onLine ${navigator.onLine})`));
  const connection = (navigator as unknown as { connection?: EventTarget & { effectiveType?: string; rtt?: number } }).connection;
  connection?.addEventListener('change', () => note(`connection change (effectiveType ${connection.effectiveType}, rtt ${connection.rtt})`));
  // Every change, however short (a banner that is up for 300 ms is easy to miss by polling).
  new MutationObserver(() => {
    const status = document.querySelector('[data-testid="registration-status"]')?.getAttribute('data-state') ?? null;
    const banner = document.querySelector('[data-testid="connection-banner"]') !== null;
    const last = recorded.ui.at(-1);
    if (!last || last.status !== status || last.banner !== banner) recorded.ui.push({ t: Date.now(), status, banner });
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  const Original = window.WebSocket;
  window.WebSocket = class extends Original {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('close', (e) => note(`WebSocket close ${e.code}`));
    }
    override send(data: Parameters<WebSocket['send']>[0]): void {
      if (typeof data === 'string' && data.length > 2) {
        const header = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'im').exec(data)?.[1]?.trim() ?? '';
        recorded.sip.push({
          t: Date.now(),
          line: data.slice(0, data.indexOf('\r\n')),
          cseq: header('CSeq'),
          inDialog: /;\s*tag=/i.test(header('To')),
          ufrag: /a=ice-ufrag:(\S+)/.exec(data)?.[1] ?? null,
          pwd: /a=ice-pwd:(\S+)/.exec(data)?.[1] ?? null,
        });
      }
      super.send(data);
    }
  } as typeof WebSocket;
}

function recorded(page: Page): Promise<Recorded> {
  return page.evaluate(() => (window as unknown as { __recorded: Recorded }).__recorded);
}

/**
 * The agent side's selected ICE candidate pair (getStats of the newest peer connection).
 * Chromium leaves out the address of a peer-reflexive remote candidate (one learnt from a
 * connectivity check that arrived before the answer's candidates): then `remote` is ''.
 */
function agentSelectedPair(page: Page): Promise<{ local: string; remote: string; remoteType: string; state: string } | null> {
  return page.evaluate(async () => {
    const pc = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.at(-1);
    if (!pc) return null;
    const stats = new Map<string, Record<string, unknown>>();
    (await pc.getStats()).forEach((report: Record<string, unknown>) => stats.set(String(report['id']), report));
    const transport = [...stats.values()].find((r) => r['type'] === 'transport' && r['selectedCandidatePairId']);
    const pair = transport ? stats.get(String(transport['selectedCandidatePairId'])) : undefined;
    if (!pair) return null;
    const candidate = (id: unknown) => stats.get(String(id));
    return {
      local: String(candidate(pair['localCandidateId'])?.['address'] ?? ''),
      remote: String(candidate(pair['remoteCandidateId'])?.['address'] ?? ''),
      remoteType: String(candidate(pair['remoteCandidateId'])?.['candidateType'] ?? ''),
      state: String(pair['state']),
    };
  });
}

/**
 * The remote address of a selected pair: the caller's side of the veth (the only address of the
 * caller the agent can reach) is what it must be; a peer-reflexive candidate's address is hidden,
 * and is taken to be `expected`.
 */
function remoteAddress(pair: { remote: string; remoteType: string } | null, expected: string): string | undefined {
  return pair?.remoteType === 'prflx' && pair.remote === '' ? expected : pair?.remote;
}

interface AudioSample {
  /** Date.now() when the reading started and when it was back. */
  t0: number;
  t: number;
  /** Audio packets received so far by the agent and by the caller. */
  agent: number;
  caller: number;
}

/** Samples both sides' received audio packets every 100 ms into `samples` until stopped (or `maxMs`). */
function sampleAudio(page: Page, caller: CallerPhone, samples: AudioSample[], maxMs: number): { stop(): void; done: Promise<void> } {
  let running = true;
  const deadline = Date.now() + maxMs;
  const done = (async () => {
    for (let i = 0; i < maxMs / 100 && running && Date.now() < deadline; i++) {
      const t0 = Date.now();
      const [agent, callerSide] = await Promise.all([agentInbound(page), callerInbound(caller)]);
      samples.push({ t0, t: Date.now(), agent: agent.packets, caller: callerSide.packets });
      await new Promise((resolve) => setTimeout(resolve, 100)); // sampling interval
    }
  })();
  return { stop: () => (running = false), done: done.catch(() => undefined) };
}

/** What the page recorded, with times relative to `zero` (for failure messages and the printed report). */
function timelineText(seen: Recorded, zero: number): string {
  const at = (t: number) => `${t - zero} ms`;
  return (
    `sent: ${seen.sip.map((r) => `${at(r.t)} ${r.line}`).join('; ')}\n` +
    `network: ${seen.network.map((n) => `${at(n.t)} ${n.event}`).join('; ')}\n` +
    `ui: ${seen.ui.map((u) => `${at(u.t)} ${u.status}${u.banner ? ' +banner' : ''}`).join('; ')}`
  );
}

/** Source addresses of the REGISTERs Kamailio accepted for `user` (its notice log). */
function registeredFrom(logPath: string, user: string): string[] {
  const pattern = new RegExp(`lab: REGISTER ${user} ok \\(([\\d.]+):\\d+\\)`, 'g');
  return [...readFileSync(logPath, 'utf8').matchAll(pattern)].map((m) => m[1]!);
}

describe('network change', () => {
  let agentLab: AgentLab;
  let app: AgentApp | undefined;
  let caller: CallerPhone | undefined;
  let sampling: ReturnType<typeof sampleAudio> | undefined;
  let dataDir: ReturnType<typeof makeTempDir>;

  beforeAll(async () => {
    agentLab = await startAgentLab({ probe: true, agentNetwork: true });
    await agentLab.agentContext.addInitScript(recordSipAndNetwork);
  });

  beforeEach(() => {
    dataDir = makeTempDir('hotline-netchange-');
  });

  afterEach(async () => {
    sampling?.stop();
    await sampling?.done;
    sampling = undefined;
    await caller?.close();
    caller = undefined;
    await app?.close();
    app = undefined;
    dataDir.remove();
  });

  afterAll(() => stopAgentLab(agentLab));

  /** The agent app on the agent network, registered as `user` from the agent's address now. */
  async function registeredAgent(user: string): Promise<Page> {
    const { lab, agentContext } = agentLab;
    app = await openAgentApp(agentContext, dataDir.path);
    const page = app.page;
    if (process.env['HOTLINE_DEBUG']) page.on('console', (m) => console.log('[agent]', m.type(), m.text().slice(0, 300)));
    await registerAgent(page, lab, user, { wsServer: lab.agentNetwork!.wsUrl });
    expect(registeredFrom(lab.kamailioLogPath, user)).toEqual([lab.agentNetwork!.address()]);
    return page;
  }

  /** The connection-down banner's first appearance at or after `since` (the in-page DOM record), bounded. */
  async function bannerShown(page: Page, since: number, timeoutMs: number): Promise<UiChange> {
    const seen = await pollUntil(
      () => recorded(page),
      (r) => r.ui.some((u) => u.t >= since && u.banner),
      timeoutMs,
      'connection-down banner',
    ).catch(async (error: unknown) => {
      throw new Error(`${String(error)}\n${timelineText(await recorded(page), since)}`);
    });
    return seen.ui.find((u) => u.t >= since && u.banner)!;
  }

  it("the agent's address changes: banner, registered from the new address, ICE-restart re-INVITE, audio both ways over the new path", async () => {
    const { lab, callerContext } = agentLab;
    const network = lab.agentNetwork!;
    // Registered over the agent network, from its first address.
    const firstAddress = network.address();
    expect(firstAddress).toBe(AGENT_NET.firstAgentAddress);
    const page = await registeredAgent('1001');

    // A call, answered, with audio both ways over the veth.
    caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001') });
    await caller.call(`sip:1001@${lab.domain}`);
    await page.getByTestId('answer-button').click({ timeout: 15_000 });
    await caller.waitForState('Established', 10_000);
    await pollUntil(() => agentInbound(page), (s) => s.packets > 25, 10_000, 'agent hears the caller');
    await pollUntil(() => callerInbound(caller!), (s) => s.packets > 25, 10_000, 'caller hears the agent');
    const pairBefore = await pollUntil(() => agentSelectedPair(page), (p) => p?.state === 'succeeded', 10_000, 'selected pair');
    expect(pairBefore?.local).toBe(firstAddress);
    expect(remoteAddress(pairBefore, network.serverAddress)).toBe(network.serverAddress);
    const answer = (await recorded(page)).sip.find((r) => r.line.startsWith('SIP/2.0 200') && / INVITE$/.test(r.cseq));
    expect(answer?.ufrag).toBeTruthy();
    const callerUfragBefore = await caller.remoteIceUfrag();
    expect(callerUfragBefore).toBe(answer?.ufrag);

    // Audio packets received on each side, sampled from just before the change until audio is back
    // (a measurement running beside the test, not a synchronisation point).
    const samples: AudioSample[] = [];
    sampling = sampleAudio(page, caller, samples, 60_000);
    await pollUntil(() => Promise.resolve(samples.length), (n) => n > 0, 5_000, 'first audio sample');

    // The network change.
    const change = await lab.changeAgentAddress();
    expect(change.to).not.toBe(firstAddress);

    const since = (t: number) => t - change.removedAt;

    // Noticed: the connection-down banner (generous bound; the keep-alive alone would take up to 25 s).
    const shown = await bannerShown(page, change.removedAt, 15_000);
    expect(shown.status).toBe('failed');
    const detectedMs = since(shown.t);
    // The old path really was dead: from the change until it was noticed (and nothing could be
    // renegotiated yet), (almost) no audio either way; 50 packets a second flowed before.
    const firstAfterChange = () => Promise.resolve(samples.find((x) => x.t0 >= change.removedAt));
    const atChange = (await pollUntil(firstAfterChange, (x) => x !== undefined, 5_000, 'a sample after the change'))!;
    const atDetection = samples.filter((x) => x.t <= shown.t).at(-1)!;
    expect(atDetection.agent - atChange.agent, JSON.stringify(samples)).toBeLessThan(10);
    expect(atDetection.caller - atChange.caller, JSON.stringify(samples)).toBeLessThan(10);

    // Registered again, from the new address, and the banner gone.
    await waitForRegistration(page, 'registered', 20_000);
    await expect.poll(() => page.getByTestId('connection-banner').count(), { timeout: 5_000 }).toBe(0);
    const timeline = (await recorded(page)).ui.filter((u) => u.t >= change.removedAt);
    const registeredAgain = timeline.find((u) => u.t > shown.t && u.status === 'registered');
    expect(registeredAgain, JSON.stringify(timeline)).toBeDefined();
    const registeredMs = since(registeredAgain!.t);
    // Never "registered" while the link was down.
    expect(timeline.filter((u) => u.t < shown.t).every((u) => u.status === 'registered' && !u.banner)).toBe(true);
    expect(registeredFrom(lab.kamailioLogPath, '1001')).toEqual([firstAddress, change.to]);

    // Audio back both ways (the first sample with new packets each way after the dead spell), then steadily.
    const isBack = (x: AudioSample) => x.agent > atDetection.agent + 5 && x.caller > atDetection.caller + 5;
    await pollUntil(() => Promise.resolve(samples.some(isBack)), (ok) => ok, 20_000, 'audio back both ways');
    const audioBackMs = since(samples.find(isBack)!.t);
    await pollUntil(() => deltaOver(() => agentInbound(page), page, 1_000), (d) => d.packets > 20 && d.energy > 0, 10_000, 'agent hears the caller again');
    await pollUntil(() => deltaOver(() => callerInbound(caller!), page, 1_000), (d) => d.packets > 20 && d.energy > 0, 10_000, 'caller hears the agent again');

    // The re-INVITE was an ICE restart: in the dialog, new ICE credentials, which the caller took.
    const sent = await recorded(page);
    const reinvite = sent.sip.find((r) => r.line.startsWith('INVITE ') && r.inDialog && r.t >= change.removedAt);
    expect(reinvite, JSON.stringify(sent.sip.map((r) => r.line))).toBeDefined();
    expect(reinvite?.ufrag).toBeTruthy();
    expect(reinvite?.ufrag).not.toBe(answer?.ufrag);
    expect(reinvite?.pwd).not.toBe(answer?.pwd);
    expect(await caller.remoteIceUfrag()).toBe(reinvite?.ufrag);

    // Over the new path: the agent's selected candidate pair is on its new address.
    const pairAfter = await pollUntil(
      () => agentSelectedPair(page),
      (p) => p?.state === 'succeeded' && p.local === change.to,
      10_000,
      'selected pair on the new address',
    );
    expect(pairAfter?.local).toBe(change.to);
    expect(remoteAddress(pairAfter, network.serverAddress)).toBe(network.serverAddress);
    sampling.stop();

    // Still the same call, and the caller can end it: in-dialog requests reach the agent's new connection.
    expect(await page.getByTestId('active-call').getAttribute('data-state')).toBe('active');
    expect(await caller.state()).toBe('Established');
    await caller.hangup();
    await expect.poll(() => page.getByTestId('active-call').getAttribute('data-state'), { timeout: 10_000 }).toBe('ended');

    console.info(
      `network change ${change.from} -> ${change.to}: connection down shown after ${detectedMs} ms, ` +
        `registered again after ${registeredMs} ms, re-INVITE (ICE restart) sent after ${since(reinvite!.t)} ms, ` +
        `audio back both ways after ${audioBackMs} ms (ms since the old address was removed)\n${timelineText(await recorded(page), change.removedAt)}`,
    );
  });

  it('no network for a while, then a new address: the agent reconnects as soon as it is there, not at the next backoff step', async () => {
    const { lab } = agentLab;
    const page = await registeredAgent('1002');

    // Unplugged: noticed, and the reconnect attempts fail and back off.
    const removedAt = await lab.removeAgentAddress();
    const shown = await bannerShown(page, removedAt, 15_000);
    expect(shown.status).toBe('failed');
    // Wait (bounded) until a retry is scheduled well ahead: the backoff has grown past its first steps.
    const nextRetryAt = await pollUntil(
      async () => Number((await page.getByTestId('connection-banner').getAttribute('data-next-retry-at', { timeout: 2_000 })) ?? 0),
      (at) => at - Date.now() > 2_000,
      30_000,
      'a retry scheduled more than 2 s ahead',
    );

    // The new address: the app tries at once instead of waiting for that retry.
    const addedAt = Date.now(); // just before: the browser may see the address before the lab call returns
    const address = await lab.addAgentAddress();
    await waitForRegistration(page, 'registered', 15_000);
    const seen = await recorded(page);
    const register = seen.sip.find((r) => r.line.startsWith('REGISTER ') && r.t >= addedAt);
    expect(register, timelineText(seen, removedAt)).toBeDefined();
    expect(register!.t, timelineText(seen, removedAt)).toBeLessThan(nextRetryAt);
    expect(seen.network.some((n) => n.t >= addedAt && n.event.startsWith('online')), timelineText(seen, removedAt)).toBe(true);
    expect(registeredFrom(lab.kamailioLogPath, '1002').at(-1)).toBe(address);
    await expect.poll(() => page.getByTestId('connection-banner').count(), { timeout: 5_000 }).toBe(0);
    console.info(
      `no network for ${addedAt - removedAt} ms (connection down shown after ${shown.t - removedAt} ms); ` +
        `REGISTER sent ${register!.t - addedAt} ms after the new address ${address} came, ` +
        `${nextRetryAt - register!.t} ms before the scheduled retry\n${timelineText(seen, removedAt)}`,
    );
  });
});

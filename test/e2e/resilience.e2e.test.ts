/**
 * Staying connected and alerting, end to end against the real lab (issue 3):
 *  - failover: the primary WebSocket server is down at start, or goes away
 *    mid-session (a second Kamailio in the namespace), and the agent registers
 *    on the backup;
 *  - the ringtone really plays on the first call after start, with no click before it;
 *  - keep-alive on a half-open link: Kamailio frozen (SIGSTOP) keeps the TCP
 *    connection open but answers nothing; the UI must stop saying "registered"
 *    within the keep-alive bound, and register again after SIGCONT;
 *  - registration refresh well before expiry, against a registrar that grants
 *    short bindings (its own lab, so the other tests keep long ones).
 *
 * The agent is configured through the IPC router (settings and phone
 * preferences) and the page reloaded, so no click ever lands on the page.
 * A test-only init script records the SIP traffic on the agent's WebSockets and
 * every HTMLMediaElement.play() call; the app itself has no debug hooks for this.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startLab, type SipLab } from './lab/lab';
import { launchLabBrowser, serveDir } from './lab/browser';
import { RENDERER_DIR } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { AGENT_CITY, AGENT_WORK_NUMBER } from './app/agent-settings';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { pollUntil, waitForRegistration } from './caller/lab-agent';
import { APP_SENDER } from '../support/app-core';
import { makeTempDir } from '../support/temp-dir';
import { KEEPALIVE_INTERVAL_MS, KEEPALIVE_TIMEOUT_MS } from '../../src/renderer/features/phone/keep-alive';

/** The registrar's grant in the refresh lab (seconds); the app asks for 300. */
const SHORT_EXPIRES_S = 12;

interface SipRecord {
  /** Date.now() in the page. */
  t: number;
  dir: '>' | '<';
  url: string;
  /** Request or status line. */
  line: string;
  cseq: string;
  /** `expires=` of the Contact (responses to REGISTER), or null. */
  contactExpires: number | null;
}

interface PlayRecord {
  t: number;
  role: string | null;
  muted: boolean;
  result: string;
}

interface Probe {
  sip: SipRecord[];
  wsUrls: string[];
  plays: PlayRecord[];
  /** Date.now() of each audible `playing` event of the ringtone element. */
  ringtonePlaying: number[];
  /** Trusted user input that reached the page (clicks, keys, touches), by type. */
  userInput: string[];
}

/** Test-only instrumentation, run in the page before the app (no closures: it is serialised). */
function instrumentPage(): void {
  const w = window as unknown as {
    __probe: Probe;
    __media: HTMLMediaElement[];
  };
  const probe: Probe = { sip: [], wsUrls: [], plays: [], ringtonePlaying: [], userInput: [] };
  // What gives a page user activation (and lifts a browser's autoplay gesture rule).
  for (const type of ['pointerdown', 'mousedown', 'keydown', 'touchend', 'click']) {
    window.addEventListener(
      type,
      (e) => {
        if (e.isTrusted) probe.userInput.push(type);
      },
      { capture: true },
    );
  }
  w.__probe = probe;
  w.__media = [];
  const record = (dir: '>' | '<', url: string, data: unknown): void => {
    if (typeof data !== 'string') return;
    const lines = data.split('\r\n');
    const line = lines[0] ?? '';
    if (line === '') return; // keep-alive CRLF
    const cseq = lines.find((l) => /^cseq\s*:/i.test(l))?.replace(/^cseq\s*:\s*/i, '') ?? '';
    const contact = lines.find((l) => /^(contact|m)\s*:/i.test(l)) ?? '';
    const expires = /;\s*expires\s*=\s*(\d+)/i.exec(contact);
    probe.sip.push({ t: Date.now(), dir, url, line, cseq, contactExpires: expires ? Number(expires[1]) : null });
  };
  const Original = window.WebSocket;
  window.WebSocket = class extends Original {
    /** The URL as the app gave it (`url` is normalised, with a trailing slash). */
    private readonly asGiven: string;

    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const name = String(url);
      this.asGiven = name;
      probe.wsUrls.push(name);
      this.addEventListener('message', (e: MessageEvent) => record('<', name, e.data));
    }
    override send(data: Parameters<WebSocket['send']>[0]): void {
      record('>', this.asGiven, data);
      super.send(data);
    }
  } as typeof WebSocket;
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement): Promise<void> {
    const entry: PlayRecord = { t: performance.now(), role: this.dataset['role'] ?? null, muted: this.muted, result: 'pending' };
    probe.plays.push(entry);
    if (!w.__media.includes(this)) {
      w.__media.push(this);
      this.addEventListener('playing', () => {
        if (this.dataset['role'] === 'ringtone' && !this.muted) probe.ringtonePlaying.push(Date.now());
      });
    }
    const result = play.call(this);
    result.then(
      () => {
        entry.result = 'ok';
      },
      (error: unknown) => {
        entry.result = `rejected: ${error instanceof Error ? error.name : String(error)}`;
      },
    );
    return result;
  };
}

function probe(page: Page): Promise<Probe> {
  return page.evaluate(() => (window as unknown as { __probe: Probe }).__probe);
}

const registerRequests = (p: Probe): SipRecord[] => p.sip.filter((r) => r.dir === '>' && r.line.startsWith('REGISTER '));
const registerOks = (p: Probe): SipRecord[] =>
  p.sip.filter((r) => r.dir === '<' && r.line.startsWith('SIP/2.0 200') && / REGISTER$/i.test(r.cseq));

interface LabSetup {
  lab: SipLab;
  agentContext: BrowserContext;
}

async function startSetup(options: Parameters<typeof startLab>[0] = {}): Promise<LabSetup> {
  const lab = await startLab(options);
  try {
    const agentContext = await launchLabBrowser(lab);
    await serveDir(agentContext, 'http://localhost/app/', RENDERER_DIR);
    await agentContext.addInitScript(instrumentPage);
    return { lab, agentContext };
  } catch (error) {
    await lab.stop();
    throw error;
  }
}

async function stopSetup(setup: Partial<LabSetup> | undefined): Promise<void> {
  await setup?.agentContext?.close().catch(() => undefined);
  await setup?.lab?.stop();
}

/**
 * Saves the account and phone preferences through the IPC router (as the
 * forms would, but without touching the page) and reloads: the app starts
 * with them, as after a restart.
 */
async function configureAgent(
  app: AgentApp,
  lab: SipLab,
  { user, wsServer = lab.wsUrl, backupServers = [] }: { user: string; wsServer?: string; backupServers?: string[] },
): Promise<void> {
  const call = (channel: string, request: unknown) =>
    app.core.router.handle(APP_SENDER, channel, request) as Promise<{ ok: boolean; error?: unknown }>;
  const prefs = await call('phone:savePreferences', { dtmfMode: 'rfc4733', autoAnswer: { mode: 'off', seconds: 0 }, backupServers });
  expect(prefs, JSON.stringify(prefs)).toMatchObject({ ok: true });
  const account = lab.account(user);
  const saved = await call('settings:save', {
    account: { wsServer, sipUri: account.uri, authUser: account.authUser, displayName: '王芳' },
    agent: { workNumber: AGENT_WORK_NUMBER, city: AGENT_CITY },
    language: 'zh-CN',
    password: account.password,
  });
  expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
  await app.page.reload();
}

function registrationState(page: Page): Promise<string | null> {
  return page.getByTestId('registration-status').getAttribute('data-state', { timeout: 2_000 });
}

describe('resilience: failover, keep-alive, refresh, first ring', () => {
  let main: LabSetup;
  let refreshLab: LabSetup;
  let callerContext: BrowserContext;
  const phones: CallerPhone[] = [];

  beforeAll(async () => {
    const [a, b] = await Promise.allSettled([startSetup(), startSetup({ registerExpires: { max: SHORT_EXPIRES_S } })]);
    if (a.status === 'fulfilled') main = a.value;
    if (b.status === 'fulfilled') refreshLab = b.value;
    if (a.status === 'rejected') throw a.reason;
    if (b.status === 'rejected') throw b.reason;
    callerContext = await launchLabBrowser(main.lab);
  });

  afterAll(async () => {
    await callerContext?.close().catch(() => undefined);
    await Promise.all([stopSetup(main), stopSetup(refreshLab)]);
  });

  afterEach(async () => {
    for (const p of phones.splice(0)) await p.close();
  });

  /** An agent app on its own data dir, closed afterwards (per test: two tests run concurrently). */
  async function withApp(setup: LabSetup, body: (app: AgentApp) => Promise<void>): Promise<void> {
    const dir = makeTempDir('hotline-resilience-');
    try {
      const app = await openAgentApp(setup.agentContext, dir.path);
      try {
        if (process.env['HOTLINE_DEBUG']) app.page.on('console', (m) => console.log('[agent]', m.type(), m.text().slice(0, 300)));
        await body(app);
      } finally {
        await app.close();
      }
    } finally {
      dir.remove();
    }
  }

  // First in this browser, so no earlier page has opened its audio output.
  it('the ringtone sounds on the first call after start, with no click on the page before it', async () => {
    const { lab } = main;
    await withApp(main, async (app) => {
      await configureAgent(app, lab, { user: '1002' });
      await waitForRegistration(app.page, 'registered', 15_000);

      const caller = await openCallerPhone(callerContext);
      phones.push(caller);
      await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001') });
      await caller.call(`sip:1002@${lab.domain}`);
      await app.page.getByTestId('answer-button').waitFor({ state: 'visible', timeout: 10_000 });

      const readRingtone = () =>
        app.page.evaluate(() => {
          const el = (window as unknown as { __media: HTMLMediaElement[] }).__media.find((m) => m.dataset['role'] === 'ringtone');
          return el ? { paused: el.paused, muted: el.muted, volume: el.volume, currentTime: el.currentTime, error: el.error?.code ?? null } : null;
        });
      const first = await pollUntil(readRingtone, (r) => r !== null && !r.paused && !r.muted, 5_000, 'ringtone playing unmuted');
      // Playback really advances (not stalled waiting for data or a device).
      await pollUntil(readRingtone, (r) => r !== null && !r.paused && r.currentTime > (first?.currentTime ?? 0) + 0.2, 5_000, 'ringtone time advances');
      const now = await readRingtone();
      expect(now).toMatchObject({ paused: false, muted: false, error: null });
      expect(now?.volume).toBeGreaterThan(0);

      const seen = await probe(app.page);
      // No click, key or touch reached the page before the call (the app starts and waits, as an agent's does).
      // (navigator.userActivation cannot show this: Playwright's own evaluate() calls count as a gesture.)
      expect(seen.userInput).toEqual([]);
      // It sounded promptly: the element was playing, unmuted, within a second of the INVITE arriving.
      const invite = seen.sip.find((r) => r.dir === '<' && r.line.startsWith('INVITE '));
      expect(invite).toBeDefined();
      const playingAfterMs = (seen.ringtonePlaying[0] ?? Infinity) - invite!.t;
      expect(playingAfterMs, JSON.stringify(seen.ringtonePlaying)).toBeLessThan(1_000);
      const plays = seen.plays.filter((p) => p.role === 'ringtone');
      const audible = plays.filter((p) => !p.muted);
      expect(audible.length, JSON.stringify(plays)).toBeGreaterThan(0);
      expect(audible.every((p) => p.result === 'ok'), JSON.stringify(plays)).toBe(true);
      expect(await app.page.locator('[data-testid="phone-notice"][data-notice="ringtoneBlocked"]').count()).toBe(0);

      // Answering stops it.
      await app.page.getByTestId('answer-button').click();
      await caller.waitForState('Established', 10_000);
      await pollUntil(readRingtone, (r) => r?.paused === true, 5_000, 'ringtone stops on answer');
      console.info(`first ring audible ${playingAfterMs} ms after the INVITE arrived`);
    });
  });

  it('failover: the primary server is down, the agent registers on the backup', async () => {
    const { lab } = main;
    // Nothing listens on the next port inside the lab namespace: the primary is down.
    const primary = `ws://127.0.0.1:${lab.port + 1}`;
    await withApp(main, async (app) => {
      await configureAgent(app, lab, { user: '1001', wsServer: primary, backupServers: [lab.wsUrl] });
      await waitForRegistration(app.page, 'registered', 15_000);
      await expect.poll(() => app.page.getByTestId('connection-banner').count(), { timeout: 2_000 }).toBe(0);

      const seen = await probe(app.page);
      // The primary was tried first, then the backup, where the REGISTER got its 200 OK.
      expect(seen.wsUrls[0]).toBe(primary);
      expect(seen.wsUrls).toContain(lab.wsUrl);
      expect(seen.sip.filter((r) => r.url.startsWith(primary))).toEqual([]);
      expect(registerOks(seen).every((r) => r.url.startsWith(lab.wsUrl))).toBe(true);
      expect(registerOks(seen).length).toBeGreaterThan(0);
    });
  });

  it('failover mid-session: the primary server goes away, the agent moves to the backup and is reachable there', async () => {
    const { lab } = main;
    // A second Kamailio in the namespace is the primary; the lab's own one is the backup.
    const primary = await lab.startExtraKamailio(lab.port + 2);
    try {
      await withApp(main, async (app) => {
        await configureAgent(app, lab, { user: '1004', wsServer: primary.wsUrl, backupServers: [lab.wsUrl] });
        await waitForRegistration(app.page, 'registered', 15_000);
        const before = await probe(app.page);
        expect(registerOks(before).length).toBeGreaterThan(0);
        expect(registerOks(before).every((r) => r.url === primary.wsUrl)).toBe(true);

        await primary.stop();
        // The drop is seen at once (the WebSocket closes): the UI leaves "registered".
        await waitForRegistration(app.page, 'failed', 5_000);
        // Registered again, and this time on the backup.
        const after = await pollUntil(
          () => probe(app.page),
          (p) => registerOks(p).some((r) => r.url === lab.wsUrl),
          15_000,
          'REGISTER answered by the backup',
        );
        await waitForRegistration(app.page, 'registered', 5_000);
        expect(after.wsUrls.at(-1)).toBe(lab.wsUrl);

        // The binding is real: a caller on the backup reaches the agent.
        const caller = await openCallerPhone(callerContext);
        phones.push(caller);
        await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2002') });
        await caller.call(`sip:1004@${lab.domain}`);
        await app.page.getByTestId('answer-button').waitFor({ state: 'visible', timeout: 10_000 });
        await caller.hangup();
      });
    } finally {
      await primary.stop();
    }
  });

  it.concurrent('keep-alive: a frozen server (half-open link) is noticed within the keep-alive bound, and the agent registers again after it thaws', async ({ expect }) => {
    const { lab } = main;
    await withApp(main, async (app) => {
      await configureAgent(app, lab, { user: '1003' });
      await waitForRegistration(app.page, 'registered', 15_000);

      lab.freezeKamailio();
      const frozenAt = Date.now();
      let noticedMs: number;
      try {
      const bound = KEEPALIVE_INTERVAL_MS + KEEPALIVE_TIMEOUT_MS + 3_000;
      await app.page
        .getByTestId('connection-banner')
        .waitFor({ state: 'visible', timeout: bound })
        .catch((error: unknown) => {
          throw new Error(`no banner within ${bound} ms of freezing Kamailio: ${String(error)}`);
        });
      noticedMs = Date.now() - frozenAt;
      expect(await registrationState(app.page)).not.toBe('registered');
      expect(await registrationState(app.page)).toBe('failed');
      // It was the keep-alive that noticed: an OPTIONS went out after the freeze and got no answer.
      const seen = await probe(app.page);
      const options = seen.sip.filter((r) => r.dir === '>' && r.line.startsWith('OPTIONS ') && r.t >= frozenAt);
      expect(options.length).toBeGreaterThan(0);

      } finally {
        lab.thawKamailio();
      }
      const thawedAt = Date.now();
      await waitForRegistration(app.page, 'registered', 20_000);
      const backMs = Date.now() - thawedAt;
      await expect.poll(() => app.page.getByTestId('connection-banner').count(), { timeout: 2_000 }).toBe(0);
      console.info(`half-open link noticed ${noticedMs} ms after the freeze; registered again ${backMs} ms after the thaw`);
    });
  });

  it.concurrent('registration is refreshed well before the granted expiry, and the UI stays registered throughout', async ({ expect }) => {
    const { lab } = refreshLab;
    await withApp(refreshLab, async (app) => {
      await configureAgent(app, lab, { user: '1001' });
      await waitForRegistration(app.page, 'registered', 15_000);
      const page = app.page;

      // Watch the status for anything but "registered" from now on (bounded: stopped below).
      await page.evaluate(() => {
        const w = window as unknown as { __statusSeen: string[]; __statusTimer: number };
        w.__statusSeen = [];
        w.__statusTimer = window.setInterval(() => {
          const s = document.querySelector('[data-testid="registration-status"]')?.getAttribute('data-state') ?? 'missing';
          if (s !== 'registered') w.__statusSeen.push(s);
        }, 50);
      });

      const initial = registerOks(await probe(page));
      expect(initial.length).toBe(1);
      expect(initial[0]?.contactExpires).toBe(SHORT_EXPIRES_S);
      const grantedAt = initial[0]!.t;

      // Two refreshes, each answered: the binding outlives its first expiry.
      const seen = await pollUntil(() => probe(page), (p) => registerOks(p).length >= 3, (SHORT_EXPIRES_S + 6) * 1_000, 'two answered refreshes');
      const oks = registerOks(seen);
      const requests = registerRequests(seen).filter((r) => r.t > grantedAt);
      const firstRefresh = requests[0]!;
      const sinceGrant = firstRefresh.t - grantedAt;
      // Well before expiry: by 3/4 of the granted time at the latest (the app aims for half), never flooding.
      expect(sinceGrant).toBeLessThan(SHORT_EXPIRES_S * 750);
      expect(sinceGrant).toBeGreaterThan(SHORT_EXPIRES_S * 250);
      expect(oks[1]!.t - grantedAt).toBeLessThan(SHORT_EXPIRES_S * 1_000);
      expect(oks[2]!.t - oks[1]!.t).toBeLessThan(SHORT_EXPIRES_S * 1_000);
      expect(oks.every((r) => r.contactExpires === SHORT_EXPIRES_S)).toBe(true);
      expect(requests.length).toBeLessThanOrEqual(3);

      const statusSeen = await page.evaluate(() => {
        const w = window as unknown as { __statusSeen: string[]; __statusTimer: number };
        window.clearInterval(w.__statusTimer);
        return w.__statusSeen;
      });
      expect(statusSeen).toEqual([]);
      expect(await registrationState(page)).toBe('registered');
      console.info(`first refresh ${sinceGrant} ms after a ${SHORT_EXPIRES_S} s grant`);
    });
  });
});

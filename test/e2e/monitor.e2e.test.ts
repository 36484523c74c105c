/**
 * Listen, whisper, barge (issue 12), end to end through the Kamailio lab: the
 * caller (440 Hz), the agent's desk (880 Hz) and the lead's desk (1320 Hz),
 * each a real Chromium with its own fake microphone, both desks signed in to
 * the real centre service. The lead clicks the real buttons; each receiver's
 * spectrum says who hears whom. Bad grants: a SIP phone sends the agent's desk
 * monitor INVITEs with forged, expired, replayed, wrong-mode and other-team
 * grants: each gets 403, the agent's desk opens no media, the centre logs it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair, importJWK, type JWK } from 'jose';
import type { BrowserContext, Page } from 'playwright-core';
import { startLab, type SipLab } from './lab/lab';
import { openAgentApp, APP_URL, type AgentApp } from './app/agent-app';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { makeTempDir } from '../support/temp-dir';
import { switchToSecondMicrophone } from './app/switch-microphone';
import { AgentDeskSettingsRepo } from '../../src/main/agent-state/agent-desk-settings-repo';
import { MONITOR_GRANT_AUDIENCE, MONITOR_GRANT_ISSUER, type MonitorLogEntry } from '../../src/shared/domain/monitor';
import {
  PEOPLE,
  TONES,
  inboundPackets,
  launchMonitorBrowsers,
  peerConnections,
  signInDesk,
  startMonitorCentre,
  waitForTones,
  type MonitorCentre,
} from './monitor-lab';

const { caller: C, agent: A, lead: L } = TONES;

type MonitorHooks = { mountActions(agent: string, callId: string | null): void; state(): { legs: Record<string, { phase: string; mode: string; failure: string | null }>; onMyCall: unknown } };
const hooks = (page: Page) => ({
  mount: (agent: string, callId: string) => page.evaluate(([a, c]) => (window as unknown as { __hotlineMonitor: MonitorHooks }).__hotlineMonitor.mountActions(a, c), [agent, callId] as const),
  leg: (agent: string) => page.evaluate((a) => (window as unknown as { __hotlineMonitor: MonitorHooks }).__hotlineMonitor.state().legs[a] ?? null, agent),
});

const callAudioLeases = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __hotlineTest: { callAudioLeases(): number } }).__hotlineTest.callAudioLeases());

async function openDesk(context: BrowserContext, dir: string): Promise<AgentApp> {
  const app = await openAgentApp(context, dir, {}, { testHooks: true });
  expect(app.page.url()).toContain(APP_URL);
  await app.page.waitForFunction(() => '__hotlineMonitor' in window, undefined, { timeout: 10_000 });
  return app;
}

describe('listen, whisper and barge through the lab', () => {
  let lab: SipLab;
  let browsers: Awaited<ReturnType<typeof launchMonitorBrowsers>>;
  let centre: MonitorCentre;
  const dirs: ReturnType<typeof makeTempDir>[] = [];
  let agent: AgentApp | undefined;
  let lead: AgentApp | undefined;
  let caller: CallerPhone | undefined;
  let intruder: CallerPhone | undefined;

  beforeAll(async () => {
    lab = await startLab();
    browsers = await launchMonitorBrowsers(lab);
    centre = await startMonitorCentre(lab);
  });
  afterEach(async () => {
    for (const closing of [intruder, caller]) await closing?.close().catch(() => undefined);
    for (const app of [lead, agent]) await app?.close().catch(() => undefined);
    intruder = caller = undefined;
    lead = agent = undefined;
    for (const dir of dirs.splice(0)) dir.remove();
  });
  afterAll(async () => {
    await centre?.close();
    for (const context of Object.values(browsers ?? {})) await context.close().catch(() => undefined);
    await lab?.stop();
  });

  /** The caller on a call with the agent's desk; returns the desk's call id. */
  async function callInProgress(): Promise<string> {
    dirs.push(makeTempDir('hotline-monitor-agent-'), makeTempDir('hotline-monitor-lead-'));
    agent = await openDesk(browsers.agent, dirs[0]!.path);
    await signInDesk(agent.page, centre.url, PEOPLE.agent);
    lead = await openDesk(browsers.lead, dirs[1]!.path);
    await signInDesk(lead.page, centre.url, PEOPLE.lead);
    caller = await openCallerPhone(browsers.caller);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001'), displayName: 'Citizen Li' });
    await caller.call(`sip:${PEOPLE.agent.sip}@${lab.domain}`);
    await agent.page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
    await agent.page.getByTestId('answer-button').click();
    await caller.waitForState('Established', 15_000);
    // Both directions of the call carry their tone before anyone monitors.
    await waitForTones(caller.page, 0, { [A]: true, [L]: false });
    await waitForTones(agent.page, 0, { [C]: true, [L]: false });
    const row = agent.core.db.prepare('SELECT id FROM calls ORDER BY started_at DESC LIMIT 1').get() as { id: string };
    return row.id;
  }

  it('listen: the lead hears caller and agent, nobody hears the lead; whisper: the agent does; barge: both; every step logged', async () => {
    const callId = await callInProgress();
    const leasesInCall = await callAudioLeases(agent!.page);
    const agentPersonId = await centre.personId(PEOPLE.agent.workNumber);
    const desk = lead!.page;
    await hooks(desk).mount(agentPersonId, callId);

    // Listen, from the keyboard: Tab to the button, Enter.
    await desk.getByTestId('monitor-listen').focus();
    await desk.keyboard.press('Enter');
    await expect.poll(async () => (await hooks(desk).leg(agentPersonId))?.phase, { timeout: 15_000 }).toBe('on');
    expect(await desk.getByTestId('monitor-listen').getAttribute('title')).toContain('麦克风关闭');
    // The agent's desk answered beside the call: its board still shows the one call, no ringing.
    expect(await agent!.page.getByTestId('incoming-call').count()).toBe(0);
    expect(await peerConnections(agent!.page)).toBe(2);
    await waitForTones(desk, 0, { [C]: true, [A]: true, [L]: false });
    // Nobody hears the lead: the lead's leg is muted and played nowhere; the caller hears only the agent.
    await waitForTones(agent!.page, 1, { [L]: false });
    await waitForTones(caller!.page, 0, { [A]: true, [L]: false });
    expect(await agent!.page.locator('audio[data-role="monitor-lead-audio"]').count()).toBe(0);
    // Silent monitoring is the default: the agent is not shown a listening lead.
    expect(await agent!.page.getByTestId('monitor-notice').count()).toBe(0);

    // Whisper on the same leg (a new grant in a SIP INFO): the agent hears the lead, the caller does not.
    await desk.getByTestId('monitor-whisper').click();
    await expect.poll(async () => (await hooks(desk).leg(agentPersonId))?.mode, { timeout: 10_000 }).toBe('whisper');
    expect(await peerConnections(desk)).toBe(1);
    await waitForTones(agent!.page, 1, { [L]: true });
    expect(await agent!.page.locator('audio[data-role="monitor-lead-audio"]').count()).toBe(1);
    await waitForTones(caller!.page, 0, { [A]: true, [L]: false });
    await agent!.page.getByTestId('monitor-notice').waitFor({ state: 'visible', timeout: 5_000 });
    expect(await agent!.page.getByTestId('monitor-notice').getAttribute('data-mode')).toBe('whisper');

    // Barge: the caller hears the lead too; the lead still hears the call.
    await desk.getByTestId('monitor-barge').click();
    await expect.poll(async () => (await hooks(desk).leg(agentPersonId))?.mode, { timeout: 10_000 }).toBe('barge');
    await waitForTones(caller!.page, 0, { [A]: true, [L]: true });
    await waitForTones(desk, 0, { [C]: true, [A]: true });

    // Back to listen: the caller no longer hears the lead.
    await desk.getByTestId('monitor-listen').click();
    await expect.poll(async () => (await hooks(desk).leg(agentPersonId))?.mode, { timeout: 10_000 }).toBe('listen');
    await waitForTones(caller!.page, 0, { [A]: true, [L]: false });

    await desk.getByTestId('monitor-stop').click();
    await expect.poll(async () => (await hooks(desk).leg(agentPersonId))?.phase, { timeout: 10_000 }).toBe('ended');
    // The mix let go of the shared call audio (it held a lease while the leg lived).
    await expect.poll(() => callAudioLeases(agent!.page), { timeout: 5_000 }).toBe(leasesInCall);
    const log = (await centre.store.monitor.listLog(['team-a'], 50)).reverse().map((e: MonitorLogEntry) => `${e.kind}:${e.mode}`);
    expect(log).toEqual([
      'granted:listen', 'started:listen', 'granted:whisper', 'mode-changed:whisper', 'granted:barge', 'mode-changed:barge',
      'granted:listen', 'mode-changed:listen', 'ended:listen',
    ]);
  });

  it('a microphone switched by the agent during barge: the caller still hears agent and lead, the lead the call, and listen restores the new microphone', async () => {
    const callId = await callInProgress();
    const agentPersonId = await centre.personId(PEOPLE.agent.workNumber);
    const desk = lead!.page;
    await hooks(desk).mount(agentPersonId, callId);
    await desk.getByTestId('monitor-barge').click();
    await expect.poll(async () => (await hooks(desk).leg(agentPersonId))?.mode, { timeout: 15_000 }).toBe('barge');
    await waitForTones(caller!.page, 0, { [A]: true, [L]: true });

    // The lab's second input plays the agent's tone too: the switch must change nothing anyone hears.
    const { label, deviceId } = await switchToSecondMicrophone(agent!.page);
    // Stored once the desk has switched the call's microphone.
    await expect.poll(() => new AgentDeskSettingsRepo(agent!.core.db).read().devices.microphoneId, { timeout: 10_000 }).toBe(deviceId);
    const microphoneInUse = () =>
      agent!.page.evaluate(() => {
        const pc = (window as unknown as { __tones: { pcAt(i: number): RTCPeerConnection | null } }).__tones.pcAt(0);
        return pc?.getSenders()[0]?.track?.label ?? null;
      });
    // The tones below are read over the caller's last second: 1.5 s of packets from after the switch first.
    const packetsAtSwitch = (await inboundPackets(caller!.page, 0))!;
    await expect.poll(async () => (await inboundPackets(caller!.page, 0))! - packetsAtSwitch, { timeout: 10_000 }).toBeGreaterThan(75);
    await waitForTones(caller!.page, 0, { [A]: true, [L]: true });
    await waitForTones(desk, 0, { [C]: true, [A]: true });
    // While barging, the call sends the mix, not a microphone.
    expect(await microphoneInUse()).not.toBe(label);

    // Back to listen: the call sends the microphone in use now, which the caller hears; the lead no more.
    await desk.getByTestId('monitor-listen').click();
    await expect.poll(async () => (await hooks(desk).leg(agentPersonId))?.mode, { timeout: 10_000 }).toBe('listen');
    await expect.poll(microphoneInUse, { timeout: 10_000 }).toBe(label);
    await waitForTones(caller!.page, 0, { [A]: true, [L]: false });
    await waitForTones(desk, 0, { [C]: true, [A]: true });
    await desk.getByTestId('monitor-stop').click();
    await expect.poll(async () => (await hooks(desk).leg(agentPersonId))?.phase, { timeout: 10_000 }).toBe('ended');
    await waitForTones(caller!.page, 0, { [A]: true, [L]: false });
  });

  it('bad grants: forged, expired, replayed, wrong mode, other team: 403, no media from the agent, each attempt logged', async () => {
    const callId = await callInProgress();
    const agentPersonId = await centre.personId(PEOPLE.agent.workNumber);
    const leadPersonId = await centre.personId(PEOPLE.lead.workNumber);
    // An ordinary SIP phone in the lead's browser plays the attacker: it can put any header on an INVITE.
    intruder = await openCallerPhone(browsers.lead);
    await intruder.register({ wsUrl: lab.wsUrl, ...lab.account(PEOPLE.otherLead.sip) });
    const target = `sip:${PEOPLE.agent.sip}@${lab.domain}`;
    const attempt = async (grant: string, mode: string) => {
      await intruder!.call(target, { extraHeaders: [`X-Hotline-Monitor-Grant: ${grant}`, `X-Hotline-Monitor-Mode: ${mode}`] });
      await expect(intruder!.waitForState('Established', 10_000)).rejects.toThrow(/403/);
    };
    const pair = await centre.store.monitor.keyPair(() => Promise.reject(new Error('the centre made its key at start')));
    const serviceKey = await importJWK(JSON.parse(pair.privateJwk) as JWK, 'ES256');
    const now = Math.floor(Date.now() / 1000);
    const claims = { agent: agentPersonId, team: 'team-a', call: callId, mode: 'listen', leadName: PEOPLE.lead.name, leadWorkNumber: PEOPLE.lead.workNumber };
    const sign = (key: CryptoKey, iat: number, jti: string) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: pair.kid, typ: 'monitor+jwt' }).setIssuer(MONITOR_GRANT_ISSUER).setAudience(MONITOR_GRANT_AUDIENCE)
        .setSubject(leadPersonId).setJti(jti).setIssuedAt(iat).setExpirationTime(iat + 30).sign(key);

    const forgedKey = (await generateKeyPair('ES256')).privateKey;
    await attempt(await sign(forgedKey, now, 'forged-1'), 'listen');
    await attempt(await sign(serviceKey as CryptoKey, now - 300, 'expired-1'), 'listen');
    // A real grant, used once by the lead's desk, then replayed by the intruder.
    const desk = lead!.page;
    await hooks(desk).mount(agentPersonId, callId);
    const granted = await lead!.core.router.handle({ frameUrl: APP_URL, isMainFrame: true }, 'monitor:grant', { agentPersonId, callId, mode: 'listen' });
    const grant = (granted as { ok: true; value: { grant: string } }).value.grant;
    await attempt(grant, 'barge'); // wrong mode (a listen grant asking for barge)
    await attempt(grant, 'listen'); // replayed: the wrong-mode attempt redeemed it at the centre
    // Other team: the lead of team c is refused the grant by the centre; the desk says so.
    const other = await startOtherLeadDesk();
    await hooks(other.page).mount(agentPersonId, callId);
    await other.page.getByTestId('monitor-listen').click();
    await expect.poll(async () => (await hooks(other.page).leg(agentPersonId))?.failure, { timeout: 10_000 }).toBe('other-team');
    await other.close();

    // No media: the agent's desk never opened a second connection, and the intruder's received nothing.
    expect(await peerConnections(agent!.page)).toBe(1);
    for (let i = 0; i < (await peerConnections(intruder.page)); i += 1) expect(await inboundPackets(intruder.page, i)).toBe(0);
    const refused = (await centre.store.monitor.listLog(['team-a'], 50)).filter((e) => e.kind === 'refused').map((e) => e.reason).sort();
    expect(refused).toEqual(['bad-signature', 'expired', 'other-team', 'replayed', 'wrong-mode']);
    // The call itself went on untouched.
    await waitForTones(caller!.page, 0, { [A]: true, [L]: false });

    async function startOtherLeadDesk(): Promise<AgentApp> {
      // The other lead's desk shares the lead's browser (one desk at a time per context): the lead's desk closes first.
      await lead!.close();
      lead = undefined;
      const dir = makeTempDir('hotline-monitor-other-');
      dirs.push(dir);
      const app = await openDesk(browsers.lead, dir.path);
      await signInDesk(app.page, centre.url, PEOPLE.otherLead);
      return app;
    }
  });
});

interface TimelineRow {
  kind: string;
  startMs: number;
  payload: { id?: string; fields?: Record<string, unknown> };
}

/** A call's timeline as main stored it (the call ledger's call_timeline). */
function timelineOf(app: AgentApp, callId: string): TimelineRow[] {
  const rows = app.core.db.prepare('SELECT kind, start_ms, payload FROM call_timeline WHERE call_id = ? ORDER BY start_ms, seq').all(callId) as {
    kind: string;
    start_ms: number;
    payload: string;
  }[];
  return rows.map((row) => ({ kind: row.kind, startMs: row.start_ms, payload: JSON.parse(row.payload) as TimelineRow['payload'] }));
}

describe('take over through the lab', () => {
  let lab: SipLab;
  let browsers: Awaited<ReturnType<typeof launchMonitorBrowsers>>;
  let centre: MonitorCentre;
  const dirs: ReturnType<typeof makeTempDir>[] = [];
  let agent: AgentApp | undefined;
  let lead: AgentApp | undefined;
  let caller: CallerPhone | undefined;

  beforeAll(async () => {
    lab = await startLab();
    browsers = await launchMonitorBrowsers(lab);
    centre = await startMonitorCentre(lab);
  });
  afterAll(async () => {
    await caller?.close().catch(() => undefined);
    for (const app of [lead, agent]) await app?.close().catch(() => undefined);
    for (const dir of dirs.splice(0)) dir.remove();
    await centre?.close();
    for (const context of Object.values(browsers ?? {})) await context.close().catch(() => undefined);
    await lab?.stop();
  });

  it('moves the caller to the lead: they hear each other, the agent\'s call ends, the draft and what was typed pass to the lead', async () => {
    dirs.push(makeTempDir('hotline-takeover-agent-'), makeTempDir('hotline-takeover-lead-'));
    agent = await openDesk(browsers.agent, dirs[0]!.path);
    await signInDesk(agent.page, centre.url, PEOPLE.agent);
    lead = await openDesk(browsers.lead, dirs[1]!.path);
    await signInDesk(lead.page, centre.url, PEOPLE.lead);
    caller = await openCallerPhone(browsers.caller);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001'), displayName: 'Citizen Li' });
    await caller.call(`sip:${PEOPLE.agent.sip}@${lab.domain}`);
    await agent.page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
    await agent.page.getByTestId('answer-button').click();
    await caller.waitForState('Established', 15_000);
    await agent.page.getByTestId('ticket-panel').waitFor({ state: 'visible', timeout: 10_000 });
    await agent.page.getByTestId('ticket-summary').pressSequentially('小区路灯不亮', { delay: 10 });
    const callId = (agent.core.db.prepare('SELECT id FROM calls ORDER BY started_at DESC LIMIT 1').get() as { id: string }).id;
    // A prompt raised before the take over (Alt+1: the caller is angry): its entry is in the call's timeline.
    await agent.page.keyboard.press('Alt+1');
    await expect.poll(() => timelineOf(agent!, callId).some((e) => e.kind === 'prompt-shown'), { timeout: 10_000 }).toBe(true);
    // What was typed reaches the call's timeline at the draft's next save (a typing pause): there before the take over.
    const typedOnAgent = () =>
      timelineOf(agent!, callId)
        .filter((e) => e.kind === 'work-order-edited')
        .map((e) => String(e.payload.fields?.summary ?? ''))
        .join(' ');
    await expect.poll(typedOnAgent, { timeout: 10_000 }).toContain('小区路灯不亮');
    const agentPersonId = await centre.personId(PEOPLE.agent.workNumber);
    const desk = lead.page;
    await hooks(desk).mount(agentPersonId, callId);
    await desk.getByTestId('monitor-listen').click();
    await expect.poll(async () => (await hooks(desk).leg(agentPersonId))?.phase, { timeout: 15_000 }).toBe('on');
    await waitForTones(desk, 0, { [C]: true, [A]: true });
    expect(await desk.getByTestId('monitor-takeover').getAttribute('title')).toContain('坐席的通话结束');

    // What the agent's timeline holds as the take over begins is what must pass; a prompt the agent's desk raises
    // after the hand-over (e.g. silence while the call moves) stays with the agent's call.
    const promptsBefore = timelineOf(agent, callId)
      .filter((e) => e.kind === 'prompt-shown')
      .map((e) => e.payload.id);
    expect(promptsBefore.length).toBeGreaterThanOrEqual(1);
    await desk.getByTestId('monitor-takeover').click();
    // The caller's new call (INVITE with Replaces) is the lead's: each hears the other.
    await expect.poll(() => peerConnections(desk), { timeout: 15_000 }).toBe(2);
    await caller.waitForState('Established', 15_000);
    await waitForTones(desk, 1, { [C]: true, [A]: false }, 15_000);
    await waitForTones(caller.page, 1, { [L]: true, [A]: false }, 15_000);
    // The agent's call has ended (by the agent's desk, once the caller reached the lead).
    await expect
      .poll(() => (agent!.core.db.prepare('SELECT ended_at FROM calls WHERE id = ?').get(callId) as { ended_at: number | null }).ended_at, { timeout: 10_000 })
      .not.toBeNull();
    // The draft passed to the lead's desk with what the agent typed; the centre logged the take-over.
    await expect
      .poll(() => {
        const rows = lead!.core.db.prepare('SELECT fields FROM work_orders').all() as { fields: string }[];
        return rows.map((row) => (JSON.parse(row.fields) as { summary?: string }).summary ?? '');
      }, { timeout: 10_000 })
      .toContain('小区路灯不亮');
    const log = (await centre.store.monitor.listLog(['team-a'], 50)).map((e: MonitorLogEntry) => e.kind);
    expect(log).toContain('taken-over');

    // The call's timeline passed too: the lead's new call (main's ledger) holds the agent's entries before its own
    // answer (negative offsets): the prompt raised and the draft as typed, so the lead's replay is one call.
    const leadCallId = (lead.core.db.prepare('SELECT id FROM calls ORDER BY started_at DESC LIMIT 1').get() as { id: string }).id;
    expect(leadCallId).not.toBe(callId);
    await expect
      .poll(() => timelineOf(lead!, leadCallId).filter((e) => e.kind === 'prompt-shown' && e.startMs < 0).map((e) => e.payload.id), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(promptsBefore));
    await expect
      .poll(
        () =>
          timelineOf(lead!, leadCallId)
            .filter((e) => e.kind === 'work-order-edited' && e.startMs < 0)
            .map((e) => String(e.payload.fields?.summary ?? ''))
            .join(' '),
        { timeout: 10_000 },
      )
      .toContain('小区路灯不亮');
  });
});

/**
 * The foundation, end to end: the built renderer in Chromium, its IPC bridged
 * to the real main-process router and SQLite store, registering to a real
 * Kamailio; a second sip.js phone in another page calls the agent.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { SipLab } from './lab/lab';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { startAgentLab, stopAgentLab } from './app/agent-lab';
import { AGENT_CITY, AGENT_WORK_NUMBER, fillAgentSettings } from './app/agent-settings';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { agentIceUse, newestPeerConnection, waitForInboundAudioPackets } from './app/peer-connection-probe';
import { makeTempDir } from '../support/temp-dir';


interface WorkOrderFields {
  summary: string;
  description: string;
  callerPhone: string;
}

/** The work order's fields as the main process stored them in SQLite. */
function storedFields(core: AgentApp['core'], id: string | null): WorkOrderFields {
  const row = core.db.prepare('SELECT fields FROM work_orders WHERE id = ?').get(id) as { fields: string } | undefined;
  if (!row) throw new Error(`work order ${id} is not in SQLite`);
  return JSON.parse(row.fields) as WorkOrderFields;
}
interface CallRow {
  direction: string;
  remote_number: string;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  outcome: string | null;
  ended_by: string | null;
}

describe('agent desktop against a real SIP server', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let callerContext: BrowserContext;
  let dataDir: ReturnType<typeof makeTempDir>;
  let app: AgentApp | undefined;
  let caller: CallerPhone | undefined;

  beforeAll(async () => {
    ({ lab, agentContext, callerContext } = await startAgentLab({ probe: true }));
  });

  afterAll(() => stopAgentLab({ lab, agentContext, callerContext }));

  beforeEach(() => {
    dataDir = makeTempDir('hotline-e2e-');
  });

  afterEach(async () => {
    await caller?.close();
    caller = undefined;
    await app?.close();
    app = undefined;
    dataDir.remove();
  });

  it('registers, rings, answers with audio, greets, saves the ticket as typed, and logs the call', async () => {
    app = await openAgentApp(agentContext, dataDir.path);
    const { page, core } = app;

    await fillAgentSettings(page, lab, '1001');
    await expect.poll(() => page.getByTestId('registration-status').getAttribute('data-state'), { timeout: 15_000 }).toBe(
      'registered',
    );

    caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001'), displayName: 'Citizen Li' });
    await caller.call(`sip:1001@${lab.domain}`);

    // The agent's UI rings with the caller's number and name.
    const incoming = page.getByTestId('incoming-call');
    await incoming.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByTestId('incoming-number').textContent()).toContain('2001');
    expect(await page.getByTestId('incoming-name').textContent()).toContain('Citizen Li');
    // The answer is prepared while it rings (the caller's offer set), with nothing gathered or sent before the Answer.
    await expect.poll(() => newestPeerConnection(page), { timeout: 5_000 }).toEqual({ count: 1, signalingState: 'have-remote-offer', iceGatheringState: 'new', local: false });

    await page.getByTestId('answer-button').click();
    await caller.waitForState('Established', 15_000);
    await page.getByTestId('active-call').waitFor({ state: 'visible', timeout: 10_000 });

    // Audio flows both ways.
    expect(await waitForInboundAudioPackets(page, 25, 15_000)).toBeGreaterThanOrEqual(25);
    expect((await caller.waitForInboundAudio(25, 15_000)).packetsReceived).toBeGreaterThanOrEqual(25);
    // No STUN server was asked (sip.js's default is Google's): the answer carried host candidates only.
    expect(await agentIceUse(page)).toEqual({ iceServers: [], candidateTypes: ['host'] });
    // The prepared peer connection is the call's: no second one was made at the Answer.
    expect(await newestPeerConnection(page)).toMatchObject({ count: 1, signalingState: 'stable', local: true });

    // The one greeting, the script's, names the configured city and work number; the timer runs.
    const greeting = await page.getByTestId('script-phrase-greeting-standard').textContent();
    expect(greeting).toContain(AGENT_CITY);
    expect(greeting).toContain(AGENT_WORK_NUMBER);
    await expect.poll(() => page.getByTestId('call-timer').textContent(), { timeout: 5_000 }).toMatch(/00:0[1-9]/);

    // The draft opened with the caller's number; typing lands in SQLite.
    const panel = page.getByTestId('ticket-panel');
    await panel.waitFor({ state: 'visible', timeout: 5_000 });
    const draftId = await panel.getAttribute('data-draft-id');
    expect(draftId).toBeTruthy();
    expect(await page.getByTestId('ticket-caller-number').inputValue()).toContain('2001');
    await page.getByTestId('ticket-summary').pressSequentially('小区路灯不亮', { delay: 20 });
    await page.getByTestId('ticket-description').pressSequentially('三栋门口的路灯坏了两周，晚上很黑。', { delay: 10 });
    await expect.poll(() => page.getByTestId('ticket-save-state').getAttribute('data-state'), { timeout: 5_000 }).toBe('saved');
    const draft = storedFields(core, draftId);
    expect(draft.summary).toBe('小区路灯不亮');
    expect(draft.description).toBe('三栋门口的路灯坏了两周，晚上很黑。');
    expect(draft.callerPhone).toContain('2001');

    // Hang up: both sides end, the call log row is complete.
    await page.getByTestId('hangup-button').click();
    await caller.waitForState('Terminated', 10_000);
    await expect.poll(() => page.getByTestId('call-log-row').count(), { timeout: 5_000 }).toBe(1);
    expect(await page.getByTestId('call-log-row').first().getAttribute('data-outcome')).toBe('answered');
    const row = core.db.prepare('SELECT * FROM calls').get() as CallRow;
    expect(row).toMatchObject({ direction: 'inbound', outcome: 'answered', ended_by: 'agent' });
    expect(row.remote_number).toContain('2001');
    expect(row.answered_at).toBeGreaterThanOrEqual(row.started_at);
    expect(row.ended_at).toBeGreaterThanOrEqual(row.answered_at ?? Infinity);
  });

  it('flushes an edit typed just before the window closes', async () => {
    app = await openAgentApp(agentContext, dataDir.path);
    const { page, core } = app;
    await fillAgentSettings(page, lab, '1002');
    await expect.poll(() => page.getByTestId('registration-status').getAttribute('data-state'), { timeout: 15_000 }).toBe(
      'registered',
    );
    caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2002') });
    await caller.call(`sip:1002@${lab.domain}`);
    await page.getByTestId('answer-button').click({ timeout: 15_000 });
    const panel = page.getByTestId('ticket-panel');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    const draftId = await panel.getAttribute('data-draft-id');

    // Type and close at once: the flush request must save what the throttle still holds.
    await page.getByTestId('ticket-summary').fill('噪音扰民');
    const flushed = new Promise<void>((resolve) => {
      const original = core.router.handle.bind(core.router);
      core.router.handle = async (sender, channel, payload) => {
        const reply = await original(sender, channel, payload);
        if (channel === 'lifecycle:flushed') resolve();
        return reply;
      };
    });
    await app.emit('lifecycle:flushRequest', {});
    await Promise.race([
      flushed,
      new Promise((_, reject) => setTimeout(() => reject(new Error('no lifecycle:flushed within 3 s')), 3_000)),
    ]);
    expect(storedFields(core, draftId).summary).toBe('噪音扰民');
  });

  it('shows a wrong password as a registration failure in words', async () => {
    app = await openAgentApp(agentContext, dataDir.path);
    const { page } = app;
    await fillAgentSettings(page, lab, '1003', { password: 'not-the-password' });
    const status = page.getByTestId('registration-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('failed');
    expect(await status.getAttribute('data-reason')).toBe('auth');
    expect(await status.textContent()).toMatch(/密码/);
  });
});

/**
 * Call control end to end: the built renderer (IPC bridged to the real main
 * core) registered to the lab Kamailio as 1001, with sip.js test phones as
 * callers (2001, 2002) and as the colleague/transfer target (2003).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { SipLab } from './lab/lab';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { startAgentLab, stopAgentLab } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { agentInbound, callerInbound, deltaOver, pollUntil, registerAgent } from './caller/lab-agent';
import { makeTempDir } from '../support/temp-dir';
import { newestPeerConnection } from './app/peer-connection-probe';

const WINDOW_MS = 1_200;

describe('call control against the lab', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let callerContext: BrowserContext;
  let dataDir: ReturnType<typeof makeTempDir>;
  let app: AgentApp | undefined;
  const phones: CallerPhone[] = [];

  const phone = async (user: string, autoAnswer = false): Promise<CallerPhone> => {
    const p = await openCallerPhone(callerContext);
    phones.push(p);
    await p.register({ wsUrl: lab.wsUrl, ...lab.account(user), displayName: `Phone ${user}`, autoAnswer });
    return p;
  };
  const agent = async (): Promise<Page> => {
    app = await openAgentApp(agentContext, dataDir.path);
    await registerAgent(app.page, lab, '1001');
    return app.page;
  };
  const holdState = (page: Page) => page.getByTestId('hold-state').getAttribute('data-state');

  beforeAll(async () => {
    ({ lab, agentContext, callerContext } = await startAgentLab({ probe: true }));
  });

  afterAll(() => stopAgentLab({ lab, agentContext, callerContext }));

  /** The desk's work orders as main stored them (id and summary). */
  const workOrderRows = () =>
    (app!.core.db.prepare('SELECT id, fields FROM work_orders ORDER BY created_at').all() as { id: string; fields: string }[]).map((row) => ({
      id: row.id,
      summary: (JSON.parse(row.fields) as { summary: string }).summary,
    }));

  beforeEach(() => {
    dataDir = makeTempDir('hotline-cc-');
  });

  afterEach(async () => {
    for (const p of phones.splice(0)) await p.close();
    await app?.close();
    app = undefined;
    dataDir.remove();
  });

  it('dials (refusing an invalid number), holds and resumes with audio checked both ways, mutes, sends DTMF both ways, redials and calls back from the log', async () => {
    const page = await agent();
    const callee = await phone('2001', true);

    // An invalid number is refused with a message; a pasted one with spaces and dashes is cleaned.
    await page.getByTestId('dial-input').fill('12a45');
    await page.getByTestId('dial-call').click();
    expect(await page.getByTestId('dial-error').getAttribute('data-error')).toBe('invalid');
    await page.getByTestId('dial-input').fill(' 20-01 ');
    await page.getByTestId('dial-call').click();
    await callee.waitForState('Established', 15_000);
    await page.getByTestId('active-call').waitFor({ state: 'visible', timeout: 10_000 });
    // The number dialled is the cleaned one.
    expect(await page.getByTestId('active-call').locator('.caller__number').textContent()).toBe('2001');
    await pollUntil(() => agentInbound(page), (s) => s.packets > 25, 10_000, 'agent hears the callee');
    await pollUntil(() => callerInbound(callee), (s) => s.packets > 25, 10_000, 'callee hears the agent');
    const talking = await deltaOver(() => callerInbound(callee), page, WINDOW_MS);
    expect(talking.energy).toBeGreaterThan(1e-4);

    // Hold: the indicator says held only once the re-INVITE went through; audio stops both ways.
    await page.getByTestId('hold-button').click();
    await expect.poll(() => holdState(page), { timeout: 10_000 }).toBe('held');
    await expect.poll(() => callee.remoteHold(), { timeout: 5_000 }).toBe('held');
    const heldAgent = await deltaOver(() => agentInbound(page), page, WINDOW_MS);
    const heldCallee = await deltaOver(() => callerInbound(callee), page, WINDOW_MS);
    expect(heldAgent.packets).toBeLessThan(5);
    expect(heldCallee.energy).toBeLessThan(talking.energy / 20);

    // Resume: audio flows again both ways.
    await page.getByTestId('hold-button').click();
    await expect.poll(() => holdState(page), { timeout: 10_000 }).toBe('active');
    await expect.poll(() => callee.remoteHold(), { timeout: 5_000 }).toBe('active');
    expect((await deltaOver(() => agentInbound(page), page, WINDOW_MS)).packets).toBeGreaterThan(20);
    await pollUntil(() => deltaOver(() => callerInbound(callee), page, 600), (d) => d.energy > 1e-4, 5_000, 'callee hears the agent again');

    // Mute stops what the callee hears, unmute brings it back.
    await page.getByTestId('mute-button').click();
    expect(await page.getByTestId('mute-button').getAttribute('data-muted')).toBe('true');
    // What was already in flight drains first; then the callee hears (next to) nothing.
    await pollUntil(
      () => deltaOver(() => callerInbound(callee), page, WINDOW_MS),
      (d) => d.energy < talking.energy / 20,
      6_000,
      'callee hears silence while muted',
    );
    await page.getByTestId('mute-button').click();
    await pollUntil(() => deltaOver(() => callerInbound(callee), page, 600), (d) => d.energy > 1e-4, 5_000, 'callee hears the agent after unmute');

    // DTMF, RFC 4733 (default): the sender plays every digit from the keypad and the keyboard.
    await page.evaluate(() => {
      const w = window as unknown as { __peerConnections: RTCPeerConnection[]; __tones: string[] };
      w.__tones = [];
      const sender = w.__peerConnections.at(-1)!.getSenders().find((s) => s.dtmf)!;
      sender.dtmf!.addEventListener('tonechange', (event) => {
        if ((event as RTCDTMFToneChangeEvent).tone) w.__tones.push((event as RTCDTMFToneChangeEvent).tone);
      });
    });
    await page.getByTestId('keypad-toggle').click();
    for (const key of ['1', '2', '3']) await page.getByTestId(`dtmf-key-${key}`).click();
    await page.locator('body').focus();
    await page.keyboard.press('#');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __tones: string[] }).__tones.join('')), { timeout: 5_000 })
      .toBe('123#');

    // DTMF as SIP INFO (setting, in the settings under the bar): the far end receives the digits.
    await page.getByTestId('open-settings').click();
    await page.getByTestId('phone-preferences').locator('summary').click();
    await page.getByTestId('pref-dtmf-mode').selectOption('info');
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-overlay').waitFor({ state: 'detached', timeout: 5_000 });
    // Escape closed every panel, the keypad too: open it again.
    await page.getByTestId('keypad-toggle').click();
    for (const key of ['4', '5', '*']) await page.getByTestId(`dtmf-key-${key}`).click();
    await expect.poll(() => callee.dtmfReceived(), { timeout: 5_000 }).toBe('45*');

    // The call quality line appears from getStats.
    await expect.poll(() => page.getByTestId('call-quality').getAttribute('data-mos'), { timeout: 6_000 }).not.toBeNull();
    expect(Number(await page.getByTestId('call-quality').getAttribute('data-mos'))).toBeGreaterThan(3.5);

    await page.getByTestId('hangup-button').click();
    await callee.waitForState('Terminated', 10_000);

    // Redial.
    await page.getByTestId('dial-redial').click();
    await callee.waitForState('Established', 15_000, 'next');
    await page.getByTestId('hangup-button').click();
    await callee.waitForState('Terminated', 10_000);

    // Click-to-call from the call log (outbound rows are logged too).
    const callBack = page.getByTestId('call-log-call').first();
    await callBack.waitFor({ state: 'visible', timeout: 10_000 });
    await callBack.click();
    await callee.waitForState('Established', 15_000, 'next');
    await page.getByTestId('hangup-button').click();
    await callee.waitForState('Terminated', 10_000);
    const rows = app!.core.db.prepare("SELECT direction, outcome FROM calls WHERE direction = 'outbound'").all();
    expect(rows.length).toBeGreaterThanOrEqual(3);

    // The first call's quality (it ran long enough for getStats samples) is stored with its log entry and shown.
    const first = app!.core.db
      .prepare("SELECT quality_samples, mos_avg, mos_min FROM calls WHERE direction = 'outbound' ORDER BY started_at LIMIT 1")
      .get() as { quality_samples: number | null; mos_avg: number | null; mos_min: number | null };
    expect(first.quality_samples).toBeGreaterThanOrEqual(1);
    expect(first.mos_avg).toBeGreaterThan(3.5);
    expect(first.mos_min).toBeLessThanOrEqual(first.mos_avg!);
    await expect.poll(() => page.getByTestId('call-log-mos').last().getAttribute('data-mos'), { timeout: 5_000 }).toBe(String(first.mos_avg));
  });

  it('logs an outbound call refused busy (486) as busy and one that rang out (480) as no-answer', async () => {
    const page = await agent();
    const callee = await phone('2002');
    const lastOutbound = () =>
      app!.core.db.prepare("SELECT outcome, ended_by FROM calls WHERE direction = 'outbound' ORDER BY started_at DESC LIMIT 1").get();
    for (const [status, outcome] of [
      [486, 'busy'],
      [480, 'no-answer'],
    ] as const) {
      await page.getByTestId('dial-input').fill('2002');
      await page.getByTestId('dial-call').click();
      await callee.waitForIncoming(15_000);
      await callee.reject(status);
      await expect.poll(() => page.getByTestId('call-log-row').first().getAttribute('data-outcome'), { timeout: 10_000 }).toBe(outcome);
      expect(lastOutbound()).toEqual({ outcome, ended_by: 'remote' });
    }
  });

  it('says so when a hold re-INVITE fails, and shows the call as still active', async () => {
    const page = await agent();
    const callee = await phone('2001', true);
    await page.getByTestId('dial-input').fill('2001');
    await page.getByTestId('dial-call').click();
    await callee.waitForState('Established', 15_000);
    await page.getByTestId('active-call').waitFor({ state: 'visible', timeout: 10_000 });
    await callee.setUnresponsive(true);
    await page.getByTestId('hold-button').click();
    await expect.poll(() => page.getByTestId('phone-notice').getAttribute('data-notice'), { timeout: 15_000 }).toBe('holdFailed');
    expect(await holdState(page)).toBe('active');
    await callee.setUnresponsive(false);
    expect((await deltaOver(() => agentInbound(page), page, WINDOW_MS)).packets).toBeGreaterThan(20);
    await page.getByTestId('hangup-button').click();
  });

  it('shows a waiting call without interrupting, declines it, then holds the first to answer the next', async () => {
    const page = await agent();
    const first = await phone('2001');
    const second = await phone('2002');
    await first.call(`sip:1001@${lab.domain}`);
    await page.getByTestId('answer-button').click({ timeout: 15_000 });
    await first.waitForState('Established', 10_000);

    await second.call(`sip:1001@${lab.domain}`);
    await page.getByTestId('waiting-call').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByTestId('waiting-number').textContent()).toContain('2002');
    expect(await page.getByTestId('active-call').getAttribute('data-state')).toBe('active');
    expect(await page.getByTestId('incoming-call').count()).toBe(0);
    expect(await holdState(page)).toBe('active');

    await page.getByTestId('waiting-decline').click();
    await expect(second.waitForState('Established', 10_000)).rejects.toThrow(/603|ended/);
    await expect.poll(() => page.getByTestId('waiting-call').count(), { timeout: 5_000 }).toBe(0);

    await second.call(`sip:1001@${lab.domain}`);
    await page.getByTestId('waiting-answer').click({ timeout: 10_000 });
    await second.waitForState('Established', 10_000);
    await expect.poll(() => first.remoteHold(), { timeout: 10_000 }).toBe('held');
    await expect.poll(() => page.getByTestId('held-call').getAttribute('data-hold'), { timeout: 5_000 }).toBe('held');
    // Swap back to the first caller.
    await page.getByTestId('held-call-resume').click();
    await expect.poll(() => first.remoteHold(), { timeout: 10_000 }).toBe('active');
    await expect.poll(() => second.remoteHold(), { timeout: 10_000 }).toBe('held');
  });

  it('draws the ringing strip once, hidden, ahead of the first call; the call then shows one Answer button, the bar as tall as before', async () => {
    const page = await agent();
    const rehearsed = () => page.evaluate(() => (performance.getEntriesByName('hotline:ringing-rehearsed').at(-1) as PerformanceMark | undefined)?.detail ?? null);
    await expect.poll(rehearsed, { timeout: 10_000 }).not.toBeNull();
    const drawn = JSON.parse(String(await rehearsed())) as { answerWidth: number; visibility: string };
    // Laid out (its Answer button had a size), never seen, and gone again.
    expect(drawn.answerWidth).toBeGreaterThan(40);
    expect(drawn.visibility).toBe('hidden');
    await expect.poll(() => page.locator('.call-strip-rehearsal').count(), { timeout: 2_000 }).toBe(0);
    expect(await page.getByTestId('incoming-call').count()).toBe(0);
    // The bar keeps its height through the call: nothing under the pointer moves as it rings or is answered.
    const barHeight = () => page.getByTestId('softphone-bar').evaluate((bar) => bar.getBoundingClientRect().height);
    const idleHeight = await barHeight();
    const caller = await phone('2001');
    await caller.call(`sip:1001@${lab.domain}`);
    await page.getByTestId('answer-button').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByTestId('answer-button').count()).toBe(1);
    expect(await page.locator('.call-strip-rehearsal').count()).toBe(0);
    expect(await barHeight()).toBe(idleHeight);
    await page.getByTestId('answer-button').click();
    await caller.waitForState('Established', 10_000);
    await page.getByTestId('hangup-button').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await barHeight()).toBe(idleHeight);
    await page.getByTestId('hangup-button').click();
    await caller.waitForState('Terminated', 10_000);
  });

  it('answers on the press of the mouse button, before its release', async () => {
    const page = await agent();
    const caller = await phone('2001');
    await caller.call(`sip:1001@${lab.domain}`);
    const answer = page.getByTestId('answer-button');
    await answer.waitFor({ state: 'visible', timeout: 15_000 });
    const box = await answer.boundingBox();
    if (!box) throw new Error('the Answer button has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // Nothing animates on the press: the answer's peer-connection callbacks wait behind every frame drawn meanwhile.
    expect(await answer.evaluate((button) => getComputedStyle(button).transitionDuration)).toBe('0s');
    await page.mouse.down();
    expect(await page.evaluate(() => document.querySelectorAll('.t-ripple__inner').length)).toBe(0);
    await caller.waitForState('Established', 10_000);
    // Where Answer was, the talking strip now has its Transfer button.
    const underPointer = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-testid]')?.getAttribute('data-testid') ?? null, [box.x + box.width / 2, box.y + box.height / 2]);
    expect(underPointer).toBe('transfer-toggle');
    // The release lands on whatever the talking strip put there: it must not act (no click reaches a button
    // that was not pressed). A second later the call is still up on both sides.
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('call-timer').textContent(), { timeout: 5_000 }).toMatch(/00:0[1-9]/);
    expect(await page.getByTestId('active-call').getAttribute('data-state')).toBe('active');
    expect(await page.getByTestId('hold-state').getAttribute('data-state')).toBe('active');
    expect(await page.getByTestId('mute-button').getAttribute('data-muted')).toBe('false');
    expect(await page.getByTestId('transfer-target').count()).toBe(0);
    expect(await caller.state()).toBe('Established');
    await page.getByTestId('hangup-button').click();
    await caller.waitForState('Terminated', 10_000);
  });

  it('transfers blind to a third phone', async () => {
    const page = await agent();
    const caller = await phone('2001');
    const target = await phone('2003', true);
    await caller.call(`sip:1001@${lab.domain}`);
    await page.getByTestId('answer-button').click({ timeout: 15_000 });
    await caller.waitForState('Established', 10_000);
    await page.getByTestId('transfer-toggle').click();
    await page.getByTestId('transfer-target').fill('2003');
    await page.getByTestId('transfer-blind').click();
    const incoming = await target.waitForIncoming(15_000);
    expect(incoming.fromUri).toContain('2001');
    await target.waitForState('Established', 15_000);
    await expect.poll(() => page.getByTestId('active-call').getAttribute('data-state'), { timeout: 10_000 }).toBe('ended');
    expect((await target.waitForInboundAudio(25, 10_000)).packetsReceived).toBeGreaterThanOrEqual(25);
    expect(await caller.events()).toEqual(expect.arrayContaining([expect.stringContaining('refer to sip:2003@')]));
    // Nothing was typed in the call's draft: it went with the call, never to be listed as unsent.
    await expect.poll(() => workOrderRows(), { timeout: 5_000 }).toEqual([]);
  });

  it('consults, cancels back to the caller, then completes an attended transfer (REFER with Replaces)', async () => {
    const page = await agent();
    const caller = await phone('2001');
    const target = await phone('2003', true);
    await caller.call(`sip:1001@${lab.domain}`);
    await page.getByTestId('answer-button').click({ timeout: 15_000 });
    await caller.waitForState('Established', 10_000);
    const panel = page.getByTestId('ticket-panel');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    const callerDraft = await panel.getAttribute('data-draft-id');

    // Consult, then cancel: back to the caller, who is no longer held.
    await page.getByTestId('transfer-toggle').click();
    await page.getByTestId('transfer-target').fill('2003');
    await page.getByTestId('transfer-consult').click();
    await target.waitForState('Established', 15_000);
    await expect.poll(() => caller.remoteHold(), { timeout: 10_000 }).toBe('held');
    // The consultation leg opens no draft: the one on screen, and the only one, stays the caller's, and takes what is typed.
    expect(await panel.getAttribute('data-draft-id')).toBe(callerDraft);
    await page.getByTestId('ticket-summary').pressSequentially('转接班长处理', { delay: 10 });
    await expect.poll(() => workOrderRows(), { timeout: 5_000 }).toEqual([{ id: callerDraft, summary: '转接班长处理' }]);
    await page.getByTestId('transfer-cancel').click();
    await target.waitForState('Terminated', 10_000);
    await expect.poll(() => caller.remoteHold(), { timeout: 10_000 }).toBe('active');
    await expect.poll(() => holdState(page), { timeout: 5_000 }).toBe('active');

    // Consult again and complete: the caller and 2003 talk; the agent is free.
    await page.getByTestId('transfer-toggle').click();
    await page.getByTestId('transfer-target').fill('2003');
    await page.getByTestId('transfer-consult').click();
    await target.waitForState('Established', 15_000, 'next');
    await page.getByTestId('consult-controls').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('transfer-complete').click();
    await expect
      .poll(async () => (await target.events()).some((line) => line.includes('INVITE replaces')), { timeout: 15_000 })
      .toBe(true);
    await target.waitForState('Established', 15_000);
    await caller.waitForState('Established', 15_000);
    await expect.poll(() => page.getByTestId('hangup-button').count(), { timeout: 15_000 }).toBe(0);
    const before = await callerInbound(target);
    await pollUntil(() => callerInbound(target), (s) => s.packets > before.packets + 25, 10_000, '2003 hears the caller');
    // Both legs have ended: the caller's draft, with what was typed, is still the only one.
    expect(workOrderRows()).toEqual([{ id: callerDraft, summary: '转接班长处理' }]);
  });

  it('joins a three-way conference: the third party hears both the caller and the agent', async () => {
    const page = await agent();
    const caller = await phone('2001');
    const colleague = await phone('2003', true);
    await caller.call(`sip:1001@${lab.domain}`);
    await page.getByTestId('answer-button').click({ timeout: 15_000 });
    await caller.waitForState('Established', 10_000);
    await page.getByTestId('transfer-toggle').click();
    await page.getByTestId('transfer-target').fill('2003');
    await page.getByTestId('transfer-consult').click();
    await colleague.waitForState('Established', 15_000);
    await page.getByTestId('conference-button').click({ timeout: 10_000 });
    await page.getByTestId('conference-indicator').waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => caller.remoteHold(), { timeout: 10_000 }).toBe('active');

    const heard = () => deltaOver(() => callerInbound(colleague), page, WINDOW_MS);
    // Only the caller speaks (agent muted): the colleague hears the caller through the agent's mix.
    await page.getByTestId('mute-button').click();
    await pollUntil(heard, (d) => d.energy > 1e-4, 8_000, 'colleague hears the caller');
    // Only the agent speaks.
    await caller.setMicEnabled(false);
    await page.getByTestId('mute-button').click();
    await pollUntil(heard, (d) => d.energy > 1e-4, 8_000, 'colleague hears the agent');
    // Nobody speaks: silence.
    await page.getByTestId('mute-button').click();
    await pollUntil(heard, (d) => d.energy < 1e-5, 8_000, 'colleague hears silence');
    // And the caller hears the colleague.
    await caller.setMicEnabled(true);
    await pollUntil(() => deltaOver(() => callerInbound(caller), page, WINDOW_MS), (d) => d.energy > 1e-4, 8_000, 'caller hears the colleague');
  });

  it('auto-answers when the INVITE asks (Call-Info answer-after), and only then', async () => {
    const page = await agent();
    await page.getByTestId('open-settings').click();
    await page.getByTestId('phone-preferences').locator('summary').click();
    await page.getByTestId('pref-auto-answer').selectOption('header');
    await page.keyboard.press('Escape');
    // The preference is stored by main in SQLite (not in the renderer's localStorage).
    const storedPrefs = () => app!.core.db.prepare("SELECT value FROM settings WHERE key = 'phonePreferences'").pluck().get() as string | undefined;
    await expect.poll(() => JSON.parse(storedPrefs() ?? '{}').autoAnswer?.mode, { timeout: 5_000 }).toBe('header');
    expect(await page.evaluate(() => localStorage.getItem('hotline.phonePreferences.v1'))).toBeNull();
    const caller = await phone('2001');
    // Without the header it rings and waits for the agent (the caller gives up: a missed call,
    // which leaves the agent Ready; an answered call would start after-call work and 486).
    await caller.call(`sip:1001@${lab.domain}`);
    await page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByTestId('auto-answer-countdown').count()).toBe(0);
    await expect.poll(async () => (await newestPeerConnection(page))?.signalingState, { timeout: 5_000 }).toBe('have-remote-offer');
    await caller.hangup();
    await caller.waitForState('Terminated', 10_000);
    await expect.poll(() => page.getByTestId('incoming-call').count(), { timeout: 10_000 }).toBe(0);
    // The answer prepared while it rang is closed with the missed call.
    await expect.poll(async () => (await newestPeerConnection(page))?.signalingState, { timeout: 5_000 }).toBe('closed');
    // With it, the desk answers by itself.
    await caller.call(`sip:1001@${lab.domain}`, { extraHeaders: [`Call-Info: <sip:${lab.domain}>;answer-after=0`] });
    await caller.waitForState('Established', 15_000);
    await page.getByTestId('active-call').waitFor({ state: 'visible', timeout: 10_000 });
    await caller.hangup();
  });
});

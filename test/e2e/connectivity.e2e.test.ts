/**
 * Staying connected: Kamailio killed and restarted during a live call, and the
 * server dropping the agent's WebSocket mid-call. The agent must show the link
 * down (banner with a countdown, never "registered"), register again by itself,
 * and re-INVITE the live call with an ICE restart so audio carries on.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { SipLab } from './lab/lab';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { startAgentLab, stopAgentLab } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { agentInbound, callerInbound, deltaOver, pollUntil, registerAgent, waitForRegistration } from './caller/lab-agent';
import { makeTempDir } from '../support/temp-dir';


describe('staying connected', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let callerContext: BrowserContext;
  let dataDir: ReturnType<typeof makeTempDir>;
  let app: AgentApp | undefined;
  const phones: CallerPhone[] = [];

  beforeAll(async () => {
    ({ lab, agentContext, callerContext } = await startAgentLab({ probe: true }));
    if (process.env['HOTLINE_DEBUG']) {
      await agentContext.addInitScript(() => {
        const Original = window.WebSocket;
        window.WebSocket = class extends Original {
          constructor(url: string | URL, protocols?: string | string[]) {
            super(url, protocols);
            this.addEventListener('message', (e) => console.log('SIP<', String(e.data).split('\r\n').slice(0, 1).join(' | ')));
            this.addEventListener('close', (e) => console.log('WS close', e.code));
          }
          override send(data: string) {
            console.log('SIP>', String(data).split('\r\n').slice(0, 1).join(' | '));
            super.send(data);
          }
        } as typeof WebSocket;
      });
    }
  });

  afterAll(() => stopAgentLab({ lab, agentContext, callerContext }));

  beforeEach(() => {
    dataDir = makeTempDir('hotline-conn-');
  });

  afterEach(async () => {
    for (const p of phones.splice(0)) await p.close();
    await app?.close();
    app = undefined;
    dataDir.remove();
    if (!lab.isKamailioRunning()) await lab.startKamailio();
  });

  async function liveCall(): Promise<{ page: Page; caller: CallerPhone }> {
    app = await openAgentApp(agentContext, dataDir.path);
    const page = app.page;
    if (process.env['HOTLINE_DEBUG']) page.on('console', (m) => console.log('[agent]', m.type(), m.text().slice(0, 300)));
    if (process.env['HOTLINE_DEBUG']) page.on('pageerror', (e) => console.log('[agent] pageerror', e.message));
    await registerAgent(page, lab, '1001');
    const caller = await openCallerPhone(callerContext);
    phones.push(caller);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001') });
    await caller.call(`sip:1001@${lab.domain}`);
    await page.getByTestId('answer-button').click({ timeout: 15_000 });
    await caller.waitForState('Established', 10_000);
    await pollUntil(() => agentInbound(page), (s) => s.packets > 25, 10_000, 'agent hears the caller');
    await pollUntil(() => callerInbound(caller), (s) => s.packets > 25, 10_000, 'caller hears the agent');
    return { page, caller };
  }

  async function audioBothWays(page: Page, caller: CallerPhone): Promise<void> {
    await pollUntil(() => deltaOver(() => agentInbound(page), page, 1_000), (d) => d.packets > 20, 10_000, 'agent audio');
    await pollUntil(() => deltaOver(() => callerInbound(caller), page, 1_000), (d) => d.packets > 20, 10_000, 'caller audio');
  }

  it('Kamailio killed and restarted: banner with countdown, registered again, and the live call is re-negotiated (ICE restart) with audio', async () => {
    const { page, caller } = await liveCall();
    const ufragBefore = await caller.remoteIceUfrag();
    expect(ufragBefore).toBeTruthy();

    await lab.stopKamailio();
    const banner = page.getByTestId('connection-banner');
    await banner.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByTestId('registration-status').getAttribute('data-state')).toBe('failed');
    await expect.poll(() => page.getByTestId('connection-countdown').textContent(), { timeout: 5_000 }).toMatch(/\d/);
    // The call itself is still up for the agent.
    expect(await page.getByTestId('active-call').getAttribute('data-state')).toBe('active');

    await lab.startKamailio();
    const back = Date.now();
    await pollUntil(() => caller.reconnect(3_000).then(() => true, () => false), (ok) => ok, 15_000, 'caller phone reconnects');
    await waitForRegistration(page, 'registered', 35_000);
    const registeredAfterMs = Date.now() - back;
    await expect.poll(() => banner.count(), { timeout: 2_000 }).toBe(0);

    // The ICE-restart re-INVITE reached the caller (its remote ufrag changed) and audio flows both ways.
    await expect.poll(() => caller.remoteIceUfrag(), { timeout: 20_000 }).not.toBe(ufragBefore);
    await audioBothWays(page, caller);
    expect(await page.getByTestId('active-call').getAttribute('data-state')).toBe('active');
    console.info(`registered again ${registeredAfterMs} ms after Kamailio was back`);
  });

  it('the server drops the WebSocket mid-call: reconnects, registers, re-INVITEs and keeps audio', async () => {
    const { page, caller } = await liveCall();
    const ufragBefore = await caller.remoteIceUfrag();
    const dropped = Date.now();
    expect(await caller.sendMessage(`sip:lab-drop-ws@${lab.domain}`, '1001')).toBe(200);
    await waitForRegistration(page, 'failed', 5_000);
    await waitForRegistration(page, 'registered', 15_000);
    await expect.poll(() => caller.remoteIceUfrag(), { timeout: 15_000 }).not.toBe(ufragBefore);
    const restoredMs = Date.now() - dropped;
    await audioBothWays(page, caller);
    expect(await page.getByTestId('active-call').getAttribute('data-state')).toBe('active');
    // The caller can still end the call: in-dialog requests reach the agent's new connection.
    await caller.hangup();
    await expect.poll(() => page.getByTestId('active-call').getAttribute('data-state'), { timeout: 10_000 }).toBe('ended');
    console.info(`media re-negotiated ${restoredMs} ms after the server dropped the WebSocket`);
  });
});

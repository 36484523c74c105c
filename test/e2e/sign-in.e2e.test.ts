/**
 * Sign-in end to end (issue 10): the agent's app in the lab's Chromium, its
 * IPC bridged to the real main-process core, signing in to the real centre
 * service (services/workorder, set up with IT's admin commands) whose person
 * 0307 has the lab's SIP account 1002. A wrong password, an unknown work number
 * and an unreachable centre each say their own words; after sign-in the desk
 * registers to Kamailio with the handed-out account (a caller dialling 1002
 * rings it); IT signing the person out centrally signs the desk out with a message.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import type { SipLab } from './lab/lab';
import { startAgentLab, stopAgentLab } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { waitForRegistration } from './caller/lab-agent';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { CENTRE_AGENT, startRealCentre, type RealCentre } from '../support/real-centre';
import { makeTempDir } from '../support/temp-dir';

const AGENT_SIP_USER = '1002';
const CALLER = '2001';

/** An address on this machine where nothing listens. */
async function closedAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

async function fill(page: Page, field: 'centreUrl' | 'workNumber' | 'password', value: string): Promise<void> {
  await page.getByTestId(`sign-in-${field}`).locator('input').fill(value);
}

/** The failure shown after a sign-in attempt: its kind and the words the agent reads. */
async function problemAfter(page: Page, submit: () => Promise<void>): Promise<{ failure: string | null; text: string }> {
  await submit();
  const problem = page.getByTestId('sign-in-problem');
  await problem.waitFor({ state: 'visible', timeout: 15_000 });
  return { failure: await problem.getAttribute('data-failure'), text: (await problem.textContent()) ?? '' };
}

describe('sign-in to the centre service, end to end', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let callerContext: BrowserContext;
  let centre: RealCentre | undefined;
  let dataDir: ReturnType<typeof makeTempDir>;
  let app: AgentApp | undefined;
  let caller: CallerPhone | undefined;

  beforeAll(async () => {
    ({ lab, agentContext, callerContext } = await startAgentLab());
  });

  afterAll(() => stopAgentLab({ lab, agentContext, callerContext }));

  beforeEach(async () => {
    dataDir = makeTempDir('hotline-sign-in-e2e-');
    const account = lab.account(AGENT_SIP_USER);
    centre = await startRealCentre({ uri: account.uri, authUser: account.authUser, password: account.password, servers: [lab.wsUrl] });
  });

  afterEach(async () => {
    await caller?.close();
    caller = undefined;
    await app?.close();
    app = undefined;
    await centre?.close();
    centre = undefined;
    dataDir.remove();
  });

  it('says each failure in its own words, registers with the handed-out account, is signed out when IT revokes the sessions, and signs out by itself', async () => {
    app = await openAgentApp(agentContext, dataDir.path);
    const { page } = app;
    const running = centre!;
    await page.getByTestId('sign-in-screen').waitFor({ state: 'visible', timeout: 15_000 });

    // An unreachable centre.
    await fill(page, 'centreUrl', await closedAddress());
    await fill(page, 'workNumber', CENTRE_AGENT.workNumber);
    await fill(page, 'password', CENTRE_AGENT.password);
    expect(await problemAfter(page, () => page.getByTestId('sign-in-submit').click())).toEqual({
      failure: 'unreachable',
      text: '无法连接到中心服务，请检查网络或联系班长/IT',
    });

    // An unknown work number (Enter submits).
    await fill(page, 'centreUrl', running.url);
    await fill(page, 'workNumber', '9999');
    await fill(page, 'password', CENTRE_AGENT.password);
    expect(await problemAfter(page, () => page.getByTestId('sign-in-password').locator('input').press('Enter'))).toEqual({
      failure: 'unknown-work-number',
      text: '工号不存在',
    });

    // A wrong password.
    await fill(page, 'workNumber', CENTRE_AGENT.workNumber);
    await fill(page, 'password', 'not-the-password');
    expect(await problemAfter(page, () => page.getByTestId('sign-in-submit').click())).toEqual({
      failure: 'wrong-password',
      text: '密码不正确',
    });
    // The wrong password is cleared for typing again; the rest of the form stays.
    expect(await page.getByTestId('sign-in-password').locator('input').inputValue()).toBe('');
    expect(await page.getByTestId('sign-in-workNumber').locator('input').inputValue()).toBe(CENTRE_AGENT.workNumber);
    // None of them saved anything.
    expect(app.core.centre.status()).toMatchObject({ state: 'signed-out' });
    expect(await page.getByTestId('registration-status').count()).toBe(0);

    // The right password: signed in, the desk registers with the account the centre handed out.
    await fill(page, 'password', CENTRE_AGENT.password);
    await page.getByTestId('sign-in-submit').click();
    const badge = page.getByTestId('signed-in-badge');
    await badge.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await badge.textContent()).toContain(`${CENTRE_AGENT.name}（工号 ${CENTRE_AGENT.workNumber}）`);
    await waitForRegistration(page, 'registered', 15_000);
    caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account(CALLER) });
    await caller.call(`sip:${AGENT_SIP_USER}@${lab.domain}`);
    await page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
    await caller.hangup();
    await page.getByTestId('incoming-call').waitFor({ state: 'hidden', timeout: 10_000 });

    // IT revokes the person's sessions: the desk's next request to the centre (the work-order
    // sync polls its changes every 15 s) is refused, and the desk is signed out with a message.
    await running.admin(['sign-out-person', '--work-number', CENTRE_AGENT.workNumber]);
    const notice = page.getByTestId('sign-in-signed-out-notice');
    await notice.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await notice.textContent()).toBe('您的登录已被中心注销，请重新登录');
    expect(app.core.centre.status()).toMatchObject({ state: 'signed-out', reason: 'revoked' });
    expect(await page.getByTestId('sign-in-screen').isVisible()).toBe(true);
    // The phone stopped: the account no longer reaches this desk.
    await caller.call(`sip:${AGENT_SIP_USER}@${lab.domain}`);
    await expect(caller.waitForState('Established', 10_000)).rejects.toThrow(/404|480/);

    // Signed in again (the address is remembered), then the agent signs out: back to the sign-in screen, no notice.
    expect(await page.getByTestId('sign-in-centreUrl').locator('input').inputValue()).toBe(running.url);
    await fill(page, 'workNumber', CENTRE_AGENT.workNumber);
    await fill(page, 'password', CENTRE_AGENT.password);
    await page.getByTestId('sign-in-submit').click();
    await waitForRegistration(page, 'registered', 15_000);
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-screen').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByTestId('sign-in-signed-out-notice').count()).toBe(0);
    expect(app.core.centre.status()).toMatchObject({ state: 'signed-out', reason: 'signed-out' });
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/WebSocket|SIP URI|token|401/);
  });
});

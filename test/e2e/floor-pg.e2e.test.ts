/**
 * The lead's floor end to end on PostgreSQL with two service instances
 * (issue 12): floor.e2e.test.ts's core case with the centre as a real centre
 * runs it. A throwaway PostgreSQL cluster (as the unit suite's), two instances
 * of the centre service on it, agent 0307's app signed in to instance A and
 * lead 0401's app to instance B, so every state, call and prompt the lead sees
 * crossed LISTEN/NOTIFY; two more agents as plain HTTP desks on A (0309 of the
 * lead's team, 0501 of another team); a real call through the Kamailio lab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { runAdminCommand } from '../../services/workorder/admin-commands';
import { startWorkOrderService, type RunningWorkOrderService } from '../../services/workorder/service';
import { openPostgresStore } from '../../services/workorder/store/postgres/postgres-store';
import { SIGN_IN_PATH } from '../../src/shared/domain/centre/sign-in';
import { FLOOR_PATH, FLOOR_STATE_PATH, type FloorStateReport } from '../../src/shared/domain/floor';
import { startPostgresServer, type PostgresServer } from '../support/postgres-server';
import { makeTempDir } from '../support/temp-dir';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { RENDERER_DIR, startAgentLab, stopAgentLab } from './app/agent-lab';
import { waitForRegistration } from './caller/lab-agent';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { launchLabBrowser, serveDir } from './lab/browser';
import type { SipLab } from './lab/lab';

const PEOPLE = {
  agent: { workNumber: '0307', name: '王芳', password: 'agent-0307-pw', sip: '1002', roles: 'agent', team: 'team-a' },
  lead: { workNumber: '0401', name: '王班长', password: 'lead-0401-pw', sip: '1003', roles: 'agent,lead', team: 'team-a' },
  httpAgent: { workNumber: '0309', name: '李强', password: 'agent-0309-pw', sip: null, roles: 'agent', team: 'team-a' },
  otherTeam: { workNumber: '0501', name: '赵敏', password: 'agent-0501-pw', sip: null, roles: 'agent', team: 'team-b' },
} as const;
const CALLER = '2001';
const KEEP_ALIVE_MS = 2_000;

async function signIn(page: Page, url: string, who: { workNumber: string; password: string }): Promise<void> {
  await page.getByTestId('sign-in-screen').waitFor({ state: 'visible', timeout: 15_000 });
  await page.getByTestId('sign-in-centreUrl').locator('input').fill(url);
  await page.getByTestId('sign-in-workNumber').locator('input').fill(who.workNumber);
  await page.getByTestId('sign-in-password').locator('input').fill(who.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('signed-in-badge').waitFor({ state: 'visible', timeout: 15_000 });
}

const row = (page: Page, workNumber: string) => page.locator(`[data-testid="floor-row"][data-work-number="${workNumber}"]`);

describe("the lead's floor on PostgreSQL with two service instances, end to end", () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let callerContext: BrowserContext;
  let leadContext: BrowserContext;
  let postgres: PostgresServer;
  const services: RunningWorkOrderService[] = [];
  const dirs: ReturnType<typeof makeTempDir>[] = [];
  let agent: AgentApp;
  let lead: AgentApp;
  let caller: CallerPhone | undefined;
  const tokens: Record<string, string> = {};

  const as = async (instance: number, token: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${(services[instance] as RunningWorkOrderService).url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
  };
  /** The HTTP desks report to instance A. */
  const post = (who: 'httpAgent' | 'otherTeam', report: FloorStateReport) => as(0, tokens[who] as string, 'POST', FLOOR_STATE_PATH, report);

  beforeAll(async () => {
    ({ lab, agentContext, callerContext } = await startAgentLab());
    leadContext = await launchLabBrowser(lab);
    await serveDir(leadContext, 'http://localhost/app/', RENDERER_DIR);
    postgres = await startPostgresServer();
    const setup = await openPostgresStore(postgres.adminUrl);
    try {
      const admin = (argv: string[], stdin = '') => runAdminCommand(setup, argv, Date.now(), { readStdin: async () => stdin, readFile: async () => '' });
      await admin(['create-team', '--id', 'team-a', '--name', '一组']);
      await admin(['create-team', '--id', 'team-b', '--name', '二组']);
      for (const person of Object.values(PEOPLE)) {
        await admin(
          ['create-person', '--work-number', person.workNumber, '--name', person.name, '--team', person.team, '--roles', person.roles, ...(person.roles.includes('lead') ? ['--leads', 'team-a'] : []), '--password-stdin'],
          `${person.password}\n`,
        );
        if (person.sip) {
          const account = lab.account(person.sip);
          await admin(['set-sip', '--work-number', person.workNumber, '--uri', account.uri, '--auth-user', account.authUser, '--sip-password-stdin'], `${account.password}\n`);
        }
      }
      await admin(['set-centre', '--sip-servers', lab.wsUrl, '--city', '重庆', '--acw-seconds', '45']);
    } finally {
      await setup.close();
    }
    // Two instances, each with its own pool and LISTEN connection, as behind a centre's load balancer.
    for (let i = 0; i < 2; i += 1) {
      services.push(await startWorkOrderService({ port: 0, host: '127.0.0.1', store: await openPostgresStore(postgres.adminUrl) }));
    }
    for (const who of ['httpAgent', 'otherTeam'] as const) {
      const person = PEOPLE[who];
      const reply = await as(0, '', 'POST', SIGN_IN_PATH, { workNumber: person.workNumber, password: person.password, deskId: `desk-${person.workNumber}` });
      tokens[who] = reply.body?.token as string;
    }
    const open = async (context: BrowserContext, key: string) => {
      const data = makeTempDir(`hotline-floor-pg-${key}-`);
      dirs.push(data);
      return openAgentApp(context, data.path, { floor: { heartbeatMs: KEEP_ALIVE_MS, signedOutCheckMs: 500, detailThrottleMs: 500 } });
    };
    [agent, lead] = await Promise.all([open(agentContext, 'agent'), open(leadContext, 'lead')]);
    for (const page of [agent.page, lead.page]) await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(agent.page, (services[0] as RunningWorkOrderService).url, PEOPLE.agent);
    await signIn(lead.page, (services[1] as RunningWorkOrderService).url, PEOPLE.lead);
    await waitForRegistration(agent.page, 'registered', 15_000);
  }, 180_000);

  afterAll(async () => {
    await caller?.close().catch(() => undefined);
    for (const app of [agent, lead]) await app?.close().catch(() => undefined);
    for (const service of services) await service.close().catch(() => undefined);
    await leadContext?.close().catch(() => undefined);
    await stopAgentLab({ lab, agentContext, callerContext });
    await postgres?.stop();
    for (const dir of dirs) dir.remove();
  });

  it("states, a call and its prompts reported to instance A show on the floor of a lead on instance B; another team is invisible; an agent token is refused", async () => {
    const page = lead.page;
    await page.getByTestId('floor-switch').click({ timeout: 15_000 });
    await page.getByTestId('floor-screen').waitFor({ state: 'visible', timeout: 5_000 });
    await expect.poll(() => page.getByTestId('floor-connection').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');

    // The agent's app (on A) shows ready on the lead's floor (on B); the HTTP desk's changes follow.
    await expect.poll(() => row(page, '0307').getAttribute('data-count'), { timeout: 10_000 }).toBe('ready');
    await post('httpAgent', { agentState: 'break', since: Date.now(), breakReason: '用餐', callPhase: 'idle', keepAliveMs: 60_000 });
    await post('otherTeam', { agentState: 'not-ready', since: Date.now(), callPhase: 'talking', callStartedAt: Date.now(), callerNumber: '13900001111', keepAliveMs: 60_000 });
    await expect.poll(() => row(page, '0309').locator('[data-testid="floor-row-state"]').textContent(), { timeout: 10_000 }).toContain('小休：用餐');
    expect(await row(page, '0501').count()).toBe(0);
    expect(await page.getByTestId('floor-screen').textContent()).not.toContain('13900001111');
    // On either instance, an agent token asking for the floor is refused.
    for (const instance of [0, 1]) expect((await as(instance, tokens.httpAgent as string, 'GET', FLOOR_PATH)).status).toBe(403);

    // A real call to agent 0307: ringing, talking with the caller masked, then the emergency prompt (Alt+3), first on the floor.
    caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account(CALLER) });
    await caller.call(`sip:${PEOPLE.agent.sip}@${lab.domain}`);
    await agent.page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => row(page, '0307').locator('[data-testid="floor-row-call"]').textContent(), { timeout: 10_000 }).toContain('振铃');
    await agent.page.getByTestId('answer-button').click();
    await expect.poll(() => row(page, '0307').locator('[data-testid="floor-row-call"]').textContent(), { timeout: 10_000 }).toMatch(/通话中 0:\d\d \*\*01/);
    await agent.page.keyboard.press('Alt+3');
    await expect.poll(() => row(page, '0307').getAttribute('data-flags'), { timeout: 10_000 }).toContain('emergency');
    expect(await page.locator('[data-testid="floor-row"]').first().getAttribute('data-work-number')).toBe('0307');
    const counts = Object.fromEntries(
      await Promise.all(['ready', 'talking', 'break'].map(async (key) => [key, await page.getByTestId(`floor-count-${key}`).getAttribute('data-value')])),
    );
    expect(counts).toMatchObject({ talking: '1', break: '1' });

    // The drawer shows what the agent types (the detail goes to A, the lead reads it through B).
    await agent.page.getByTestId('ticket-summary').fill('闻到很浓的煤气味');
    await row(page, '0307').click();
    await page.getByTestId('floor-drawer').waitFor({ state: 'visible', timeout: 5_000 });
    await expect.poll(() => page.getByTestId('floor-drawer-draft').textContent(), { timeout: 10_000 }).toContain('闻到很浓的煤气味');
  }, 120_000);
});

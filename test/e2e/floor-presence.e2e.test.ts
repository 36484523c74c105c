/**
 * The floor from the PBX's dialog-info presence, end to end (issue 12): the
 * lab's Kamailio with presence (presence_dialoginfo, pua_dialoginfo), the
 * real centre service (SQLite, the
 * centre says its PBX offers dialog-info), two real app windows in the lab's
 * Chromium (agent 0307 on 1002, lead 0401 on 1003) and a caller phone. The
 * lead's desk subscribes to the agent's dialogs and hears the call confirmed;
 * the agent's app is killed mid-call and the floor still shows the call, as
 * the PBX's, beside "connection lost since"; the caller hangs up and the end
 * shows. Who may watch whom is the PBX's table, written from the centre's
 * people and teams and reloaded into the running Kamailio: on the wire, a
 * lead gets 200 for an agent of their team and 403 for another team's; a
 * plain agent 403 for another agent.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { runAdminCommand } from '../../services/workorder/admin-commands';
import { startWorkOrderService, type RunningWorkOrderService } from '../../services/workorder/service';
import { openSqliteStore } from '../../services/workorder/store/sqlite/sqlite-store';
import type { WorkOrderStore } from '../../services/workorder/store/store';
import { makeTempDir } from '../support/temp-dir';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { RENDERER_DIR } from './app/agent-lab';
import { waitForRegistration } from './caller/lab-agent';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { launchLabBrowser, serveDir } from './lab/browser';
import { startLab, type SipLab } from './lab/lab';
import { syncPresenceWatchers } from './lab/presence';
import { watchersFromPeople } from './lab/presence-watch';
import { screenshot } from './workbench/screen-check';

const PEOPLE = {
  agent: { workNumber: '0307', name: '王芳', password: 'agent-0307-pw', sip: '1002', roles: 'agent', team: 'team-a' },
  lead: { workNumber: '0401', name: '王班长', password: 'lead-0401-pw', sip: '1003', roles: 'agent,lead', team: 'team-a' },
  plain: { workNumber: '0308', name: '刘洋', password: 'agent-0308-pw', sip: '1001', roles: 'agent', team: 'team-a' },
  otherAgent: { workNumber: '0501', name: '赵敏', password: 'agent-0501-pw', sip: '1004', roles: 'agent', team: 'team-b' },
  otherLead: { workNumber: '0502', name: '钱班长', password: 'lead-0502-pw', sip: '3001', roles: 'lead', team: 'team-b' },
} as const;
const CALLER = '2001';
/** The agent desk's keep-alive here: "connection lost" after 1.5 × 2 s + 2 s = 5 s of silence. */
const KEEP_ALIVE_MS = 2_000;
const PROBE = fileURLToPath(new URL('./lab/sip-subscribe-probe.mjs', import.meta.url));

async function signIn(page: Page, url: string, who: { workNumber: string; password: string }): Promise<void> {
  await page.getByTestId('sign-in-screen').waitFor({ state: 'visible', timeout: 15_000 });
  await page.getByTestId('sign-in-centreUrl').locator('input').fill(url);
  await page.getByTestId('sign-in-workNumber').locator('input').fill(who.workNumber);
  await page.getByTestId('sign-in-password').locator('input').fill(who.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('signed-in-badge').waitFor({ state: 'visible', timeout: 15_000 });
}

const row = (page: Page, workNumber: string) => page.locator(`[data-testid="floor-row"][data-work-number="${workNumber}"]`);

describe('the floor from the PBX\'s dialog-info presence, end to end', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let leadContext: BrowserContext;
  let callerContext: BrowserContext;
  const dirs: ReturnType<typeof makeTempDir>[] = [];
  let store: WorkOrderStore;
  let service: RunningWorkOrderService;
  let agent: AgentApp;
  let lead: AgentApp;
  let caller: CallerPhone | undefined;

  /** A SUBSCRIBE (Event: dialog) as `user` for `target`'s dialogs, over plain SIP from inside the lab: the final response. */
  const subscribeAs = (user: string, target: string) =>
    new Promise<{ status: number; reason: string }>((resolve, reject) => {
      const account = lab.account(user);
      const [command, args] = lab.inNetns(process.execPath, [PROBE, '--port', String(lab.port), '--user', account.authUser, '--password', account.password, '--target', target]);
      execFile(command, args, { timeout: 15_000 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`probe failed: ${error.message} ${stderr}`));
        else resolve(JSON.parse(stdout) as { status: number; reason: string });
      });
    });

  beforeAll(async () => {
    lab = await startLab({ presence: true });
    [agentContext, leadContext, callerContext] = await Promise.all([launchLabBrowser(lab), launchLabBrowser(lab), launchLabBrowser(lab)]);
    await Promise.all([serveDir(agentContext, 'http://localhost/app/', RENDERER_DIR), serveDir(leadContext, 'http://localhost/app/', RENDERER_DIR)]);
    const dir = makeTempDir('hotline-floor-presence-centre-');
    dirs.push(dir);
    store = openSqliteStore(join(dir.path, 'workorder.sqlite'));
    const admin = (argv: string[], stdin = '') => runAdminCommand(store, argv, Date.now(), { readStdin: async () => stdin, readFile: async () => '' });
    await admin(['create-team', '--id', 'team-a', '--name', '一组']);
    await admin(['create-team', '--id', 'team-b', '--name', '二组']);
    for (const person of Object.values(PEOPLE)) {
      await admin(
        ['create-person', '--work-number', person.workNumber, '--name', person.name, '--team', person.team, '--roles', person.roles, ...(person.roles.includes('lead') ? ['--leads', person.team] : []), '--password-stdin'],
        `${person.password}\n`,
      );
      const account = lab.account(person.sip);
      await admin(['set-sip', '--work-number', person.workNumber, '--uri', account.uri, '--auth-user', account.authUser, '--sip-password-stdin'], `${account.password}\n`);
    }
    await admin(['set-centre', '--sip-servers', lab.wsUrl, '--city', '重庆', '--pbx-presence', 'dialog-info']);
    // The PBX's table of who may watch whom, from the centre's people and teams, reloaded into the running Kamailio.
    await syncPresenceWatchers(lab, watchersFromPeople(await store.people.listPeople()));
    service = await startWorkOrderService({ port: 0, host: '127.0.0.1', store });
    const open = async (context: BrowserContext, key: string) => {
      const data = makeTempDir(`hotline-floor-presence-${key}-`);
      dirs.push(data);
      return openAgentApp(context, data.path, { floor: { heartbeatMs: KEEP_ALIVE_MS, signedOutCheckMs: 500 } });
    };
    [agent, lead] = await Promise.all([open(agentContext, 'agent'), open(leadContext, 'lead')]);
    await lead.page.setViewportSize({ width: 1366, height: 768 });
    await signIn(agent.page, service.url, PEOPLE.agent);
    await signIn(lead.page, service.url, PEOPLE.lead);
    await Promise.all([waitForRegistration(agent.page, 'registered', 15_000), waitForRegistration(lead.page, 'registered', 15_000)]);
  }, 120_000);

  afterAll(async () => {
    await caller?.close().catch(() => undefined);
    for (const app of [agent, lead]) await app?.close().catch(() => undefined);
    await service?.close().catch(() => undefined);
    for (const context of [agentContext, leadContext, callerContext]) await context?.close().catch(() => undefined);
    await lab?.stop();
    for (const dir of dirs) dir.remove();
  });

  it('the lead\'s desk watches the agent\'s call on the PBX; after the agent\'s app is killed mid-call the floor shows it as the PBX\'s, then its end', async () => {
    const page = lead.page;
    await page.getByTestId('floor-switch').click();
    await page.getByTestId('floor-screen').waitFor({ state: 'visible', timeout: 5_000 });
    await expect.poll(() => page.getByTestId('floor-connection').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
    // Subscribed: the PBX's first NOTIFY (no call yet) reached the lead's desk.
    await expect.poll(() => row(page, '0307').getAttribute('data-pbx'), { timeout: 15_000 }).toBe('idle');

    caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account(CALLER) });
    await caller.call(`sip:${PEOPLE.agent.sip}@${lab.domain}`);
    await agent.page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
    await agent.page.getByTestId('answer-button').click();
    await caller.waitForState('Established', 10_000);
    // The NOTIFY with the dialog confirmed; the desk, alive, still speaks for itself.
    await expect.poll(() => row(page, '0307').getAttribute('data-pbx'), { timeout: 10_000 }).toBe('talking');
    await expect.poll(() => row(page, '0307').locator('[data-testid="floor-row-call"]').textContent(), { timeout: 10_000 }).toMatch(/^通话中 0:\d\d \*\*01$/);
    expect(await row(page, '0307').getByTestId('floor-row-pbx').count()).toBe(0);

    // The agent's app crashes mid-call: no BYE, no more reports.
    const killedAt = Date.now();
    await agent.page.close();
    agent.core.close();
    await expect.poll(() => row(page, '0307').getAttribute('data-count'), { timeout: 15_000 }).toBe('lost');
    expect(Date.now() - killedAt).toBeLessThan(KEEP_ALIVE_MS * 2.5 + 2_000 + 1_500);
    expect(await row(page, '0307').getByTestId('floor-row-state').textContent()).toMatch(/^连接中断 \d\d:\d\d:\d\d 起$/);
    // The call still shows, from the PBX, with its time and the caller masked; never as the desk's own state.
    const fromPbx = row(page, '0307').getByTestId('floor-row-pbx');
    expect(await fromPbx.getAttribute('data-pbx-phase')).toBe('talking');
    expect(await fromPbx.textContent()).toMatch(/^通话中（交换机） 0:\d\d \*\*01$/);
    await screenshot(page, 'floor-presence-lost-zh-CN');

    // The caller hangs up: the PBX's dialog is terminated, and the floor says when the call ended.
    await caller.hangup();
    await expect.poll(() => row(page, '0307').getByTestId('floor-row-pbx').getAttribute('data-pbx-phase'), { timeout: 10_000 }).toBe('ended');
    expect(await row(page, '0307').getByTestId('floor-row-pbx').textContent()).toMatch(/^通话已结束 \d\d:\d\d:\d\d（交换机）$/);
    expect(await row(page, '0307').getAttribute('data-pbx')).toBe('idle');
    expect(await row(page, '0307').getAttribute('data-count')).toBe('lost');
    await page.getByTestId('language-select').selectOption('en');
    await expect.poll(() => row(page, '0307').getByTestId('floor-row-pbx').textContent(), { timeout: 5_000 }).toMatch(/^Call ended \d\d:\d\d:\d\d \(from the PBX\)$/);
    await page.getByTestId('language-select').selectOption('zh-CN');
  }, 90_000);

  it('the PBX decides who may watch, per team: a lead their own teams\' agents only, a plain agent only their own dialogs', async () => {
    // Lead of team A: team A's agent 200, team B's agent 403; and the other way round for team B's lead.
    expect(await subscribeAs(PEOPLE.lead.sip, PEOPLE.agent.sip)).toMatchObject({ status: 200 });
    expect(await subscribeAs(PEOPLE.lead.sip, PEOPLE.otherAgent.sip)).toMatchObject({ status: 403 });
    expect(await subscribeAs(PEOPLE.otherLead.sip, PEOPLE.otherAgent.sip)).toMatchObject({ status: 200 });
    expect(await subscribeAs(PEOPLE.otherLead.sip, PEOPLE.agent.sip)).toMatchObject({ status: 403 });
    expect(await subscribeAs(PEOPLE.plain.sip, PEOPLE.agent.sip)).toMatchObject({ status: 403 });
    expect(await subscribeAs(PEOPLE.plain.sip, PEOPLE.plain.sip)).toMatchObject({ status: 200 });
    // The centre moves agent 0501 to team A: after the provisioning's reload, team A's lead may watch them, team B's not.
    await runAdminCommand(store, ['set-person', '--work-number', PEOPLE.otherAgent.workNumber, '--team', 'team-a'], Date.now());
    await syncPresenceWatchers(lab, watchersFromPeople(await store.people.listPeople()));
    expect(await subscribeAs(PEOPLE.lead.sip, PEOPLE.otherAgent.sip)).toMatchObject({ status: 200 });
    expect(await subscribeAs(PEOPLE.otherLead.sip, PEOPLE.otherAgent.sip)).toMatchObject({ status: 403 });
  }, 30_000);
});

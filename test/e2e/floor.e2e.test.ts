/**
 * The lead's floor and emergencies end to end (issue 12): the real centre
 * service (SQLite, set up with IT's admin commands), three real app windows in
 * the lab's Chromium (agent 0307, lead 0401 who also takes calls, lead 0402),
 * the Kamailio lab for a real call, and two more agents as plain HTTP desks
 * (0309 of the lead's team, 0501 of another team). What the agents do shows on
 * the leads' floors; an emergency pops on both leads with the alarm and an OS
 * notification, one takes it, the other and the agent see who; one nobody takes
 * is escalated after the centre's bound; a killed app shows "connection lost".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { runAdminCommand } from '../../services/workorder/admin-commands';
import { startWorkOrderService, type RunningWorkOrderService } from '../../services/workorder/service';
import { openSqliteStore } from '../../services/workorder/store/sqlite/sqlite-store';
import type { WorkOrderStore } from '../../services/workorder/store/store';
import { SIGN_IN_PATH } from '../../src/shared/domain/centre/sign-in';
import { FLOOR_ALERTS_PATH, FLOOR_PATH, FLOOR_STATE_PATH, type FloorStateReport } from '../../src/shared/domain/floor';
import type { FloorNotice } from '../../src/main/floor/floor-desk';
import { makeTempDir } from '../support/temp-dir';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { RENDERER_DIR, startAgentLab, stopAgentLab } from './app/agent-lab';
import { waitForRegistration } from './caller/lab-agent';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { launchLabBrowser, serveDir } from './lab/browser';
import type { SipLab } from './lab/lab';
import { screenshot } from './workbench/screen-check';

const PEOPLE = {
  agent: { workNumber: '0307', name: '王芳', password: 'agent-0307-pw', sip: '1002', roles: 'agent', team: 'team-a' },
  lead: { workNumber: '0401', name: '王班长', password: 'lead-0401-pw', sip: '1003', roles: 'agent,lead', team: 'team-a' },
  lead2: { workNumber: '0402', name: '赵班长', password: 'lead-0402-pw', sip: '1004', roles: 'lead', team: 'team-a' },
  httpAgent: { workNumber: '0309', name: '李强', password: 'agent-0309-pw', sip: null, roles: 'agent', team: 'team-a' },
  otherTeam: { workNumber: '0501', name: '赵敏', password: 'agent-0501-pw', sip: null, roles: 'agent', team: 'team-b' },
} as const;
const CALLER = '2001';
/** The agent desks' keep-alive in this test: "connection lost" after 1.5 × 2 s + 2 s = 5 s of silence. */
const KEEP_ALIVE_MS = 2_000;

async function fill(page: Page, field: 'centreUrl' | 'workNumber' | 'password', value: string): Promise<void> {
  await page.getByTestId(`sign-in-${field}`).locator('input').fill(value);
}

async function signIn(page: Page, url: string, who: { workNumber: string; password: string }): Promise<void> {
  await page.getByTestId('sign-in-screen').waitFor({ state: 'visible', timeout: 15_000 });
  await fill(page, 'centreUrl', url);
  await fill(page, 'workNumber', who.workNumber);
  await fill(page, 'password', who.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('signed-in-badge').waitFor({ state: 'visible', timeout: 15_000 });
}

const row = (page: Page, workNumber: string) => page.locator(`[data-testid="floor-row"][data-work-number="${workNumber}"]`);

/** The lead's PC sizes, as the workbench layout test has them. */
const SIZES = [
  { width: 1366, height: 768, name: '1366x768' },
  { width: 1920, height: 1080, name: '1920x1080' },
  // A 1366x768 screen with Windows' display scaling at 125%: the page has 1093x614 CSS pixels.
  { width: 1093, height: 614, name: '1366x768@125%' },
] as const;

/**
 * Each element is wholly visible: inside the viewport and not cut by any
 * ancestor that clips (a table cell's overflow: hidden cut the row's Barge
 * to "B…" while its box was still on screen). Returns what was not.
 */
async function notWhollyVisible(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) => {
    const cut: string[] = [];
    for (const element of elements) {
      const r = element.getBoundingClientRect();
      const name = `${element.getAttribute('data-testid') ?? element.tagName} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim()}"`;
      const where = `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`;
      if (r.width === 0 || r.left < -0.5 || r.top < -0.5 || r.right > window.innerWidth + 0.5 || r.bottom > window.innerHeight + 0.5) {
        cut.push(`${name} at ${where}: outside the ${window.innerWidth}x${window.innerHeight} viewport`);
        continue;
      }
      for (let up = element.parentElement; up; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const clip = up.getBoundingClientRect();
        if (r.left < clip.left - 0.5 || r.right > clip.right + 0.5 || r.top < clip.top - 0.5 || r.bottom > clip.bottom + 0.5) {
          cut.push(`${name} at ${where}: cut by ${up.className || up.tagName}`);
          break;
        }
      }
    }
    return cut;
  });
}

/**
 * Each element is the one a click at its centre reaches: nothing (an
 * emergency card, the drawer) lies over it. Returns those covered and by what.
 */
async function covered(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) => {
    const out: string[] = [];
    for (const element of elements) {
      const r = element.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (hit && (hit === element || element.contains(hit))) continue;
      const name = `${element.getAttribute('data-testid') ?? element.tagName} "${element.getAttribute('aria-label') ?? ''}"`;
      const by = hit ? `${hit.tagName}.${hit.className || ''}${hit.closest('[data-testid]') ? ` in ${hit.closest('[data-testid]')?.getAttribute('data-testid')}` : ''}` : 'nothing';
      out.push(`${name} at ${Math.round(r.left)},${Math.round(r.top)}: covered by ${by}`);
    }
    return out;
  });
}

describe('the lead\'s floor and emergencies, end to end', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let callerContext: BrowserContext;
  let leadContext: BrowserContext;
  let lead2Context: BrowserContext;
  const dirs: ReturnType<typeof makeTempDir>[] = [];
  let store: WorkOrderStore;
  let service: RunningWorkOrderService;
  let agent: AgentApp;
  let lead: AgentApp;
  let lead2: AgentApp;
  let caller: CallerPhone | undefined;
  const notices: { lead: FloorNotice[]; lead2: FloorNotice[] } = { lead: [], lead2: [] };
  const tokens: Record<string, string> = {};

  const as = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
  };
  const post = (who: 'httpAgent' | 'otherTeam', report: FloorStateReport) => as(tokens[who] as string, 'POST', FLOOR_STATE_PATH, report);

  beforeAll(async () => {
    ({ lab, agentContext, callerContext } = await startAgentLab());
    [leadContext, lead2Context] = await Promise.all([launchLabBrowser(lab), launchLabBrowser(lab)]);
    await Promise.all([serveDir(leadContext, 'http://localhost/app/', RENDERER_DIR), serveDir(lead2Context, 'http://localhost/app/', RENDERER_DIR)]);
    const dir = makeTempDir('hotline-floor-centre-');
    dirs.push(dir);
    store = openSqliteStore(join(dir.path, 'workorder.sqlite'));
    const admin = (argv: string[], stdin = '') => runAdminCommand(store, argv, Date.now(), { readStdin: async () => stdin, readFile: async () => '' });
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
    service = await startWorkOrderService({ port: 0, host: '127.0.0.1', store, floor: { alerts: { sweepEveryMs: 250 } } });
    for (const who of ['httpAgent', 'otherTeam'] as const) {
      const person = PEOPLE[who];
      const response = await fetch(`${service.url}${SIGN_IN_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workNumber: person.workNumber, password: person.password, deskId: `desk-${person.workNumber}` }),
      });
      tokens[who] = ((await response.json()) as { token: string }).token;
    }
    const open = async (context: BrowserContext, key: string, notify?: FloorNotice[]) => {
      const data = makeTempDir(`hotline-floor-${key}-`);
      dirs.push(data);
      return openAgentApp(context, data.path, { floor: { heartbeatMs: KEEP_ALIVE_MS, signedOutCheckMs: 500, detailThrottleMs: 500, ...(notify ? { notify: (n) => notify.push(n) } : {}) } });
    };
    [agent, lead, lead2] = await Promise.all([open(agentContext, 'agent'), open(leadContext, 'lead', notices.lead), open(lead2Context, 'lead2', notices.lead2)]);
    for (const page of [agent.page, lead.page, lead2.page]) await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(agent.page, service.url, PEOPLE.agent);
    await signIn(lead.page, service.url, PEOPLE.lead);
    await signIn(lead2.page, service.url, PEOPLE.lead2);
    await waitForRegistration(agent.page, 'registered', 15_000);
  }, 120_000);

  afterAll(async () => {
    await caller?.close().catch(() => undefined);
    for (const app of [agent, lead, lead2]) await app?.close().catch(() => undefined);
    await service?.close().catch(() => undefined);
    await leadContext?.close().catch(() => undefined);
    await lead2Context?.close().catch(() => undefined);
    await stopAgentLab({ lab, agentContext, callerContext });
    for (const dir of dirs) dir.remove();
  });

  it('agents\' states, a call and its prompts show on the lead\'s floor; another team is invisible; an agent token is refused', async () => {
    const page = lead.page;
    // Only a lead gets the switch; Ctrl+Alt+F goes to the floor and back.
    await page.getByTestId('floor-switch').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await agent.page.getByTestId('floor-switch').count()).toBe(0);
    await page.keyboard.press('Control+Alt+f');
    await page.getByTestId('floor-screen').waitFor({ state: 'visible', timeout: 5_000 });
    await page.keyboard.press('Control+Alt+f');
    await page.getByTestId('floor-screen').waitFor({ state: 'hidden', timeout: 5_000 });
    await page.getByTestId('floor-switch').click();
    await page.getByTestId('floor-screen').waitFor({ state: 'visible', timeout: 5_000 });
    await expect.poll(() => page.getByTestId('floor-connection').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');

    // The signed-in agent shows ready; the HTTP desks' changes follow.
    await expect.poll(() => row(page, '0307').getAttribute('data-count'), { timeout: 10_000 }).toBe('ready');
    await post('httpAgent', { agentState: 'break', since: Date.now(), breakReason: '用餐', callPhase: 'idle', keepAliveMs: 60_000 });
    await post('otherTeam', { agentState: 'not-ready', since: Date.now(), callPhase: 'talking', callStartedAt: Date.now(), callerNumber: '13900001111', keepAliveMs: 60_000 });
    await expect.poll(() => row(page, '0309').locator('[data-testid="floor-row-state"]').textContent(), { timeout: 10_000 }).toContain('小休：用餐');
    await post('httpAgent', { agentState: 'after-call', since: Date.now(), callPhase: 'after-call', overruns: ['after-call'], keepAliveMs: 60_000 });
    await expect.poll(() => row(page, '0309').getAttribute('data-flags'), { timeout: 10_000 }).toContain('overrun');
    expect(await row(page, '0501').count()).toBe(0);
    expect(await page.getByTestId('floor-screen').textContent()).not.toContain('13900001111');

    // An agent token asking for the floor is refused.
    expect((await as(tokens.httpAgent as string, 'GET', FLOOR_PATH)).status).toBe(403);

    // A real call to agent 0307: ringing, then talking with the caller masked, then the emergency prompt (Alt+3).
    caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account(CALLER) });
    await caller.call(`sip:${PEOPLE.agent.sip}@${lab.domain}`);
    await agent.page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => row(page, '0307').locator('[data-testid="floor-row-call"]').textContent(), { timeout: 10_000 }).toContain('振铃');
    await agent.page.getByTestId('answer-button').click();
    await expect.poll(() => row(page, '0307').locator('[data-testid="floor-row-call"]').textContent(), { timeout: 10_000 }).toMatch(/通话中 0:\d\d \*\*01/);
    await agent.page.keyboard.press('Alt+3');
    await expect.poll(() => row(page, '0307').getAttribute('data-flags'), { timeout: 10_000 }).toContain('emergency');
    // Emergencies first.
    expect(await page.locator('[data-testid="floor-row"]').first().getAttribute('data-work-number')).toBe('0307');
    const counts = Object.fromEntries(
      await Promise.all(['ready', 'talking', 'after-call', 'break', 'offline'].map(async (key) => [key, await page.getByTestId(`floor-count-${key}`).getAttribute('data-value')])),
    );
    expect(counts).toMatchObject({ talking: '1', 'after-call': '1' });

    // The drawer shows what the agent types, live.
    await agent.page.getByTestId('ticket-summary').fill('闻到很浓的煤气味');
    await row(page, '0307').click();
    await page.getByTestId('floor-drawer').waitFor({ state: 'visible', timeout: 5_000 });
    await expect.poll(() => page.getByTestId('floor-drawer-draft').textContent(), { timeout: 10_000 }).toContain('闻到很浓的煤气味');
    expect(await page.getByTestId('floor-drawer-prompts').textContent()).toContain('紧急');
    await screenshot(page, 'floor-lead-zh-CN');
  }, 120_000);

  it('an emergency pops on both leads with the alarm and an OS notification; one takes it, the other and the agent see who', async () => {
    await agent.page.getByTestId('lead-alert-button').click();
    for (const app of [lead, lead2]) {
      const card = app.page.locator('[data-testid="floor-alert"][data-work-number="0307"]');
      await card.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await card.getByTestId('floor-alert-caller').textContent()).toContain('**01');
      expect(await card.getByTestId('floor-alert-typed').textContent()).toContain('闻到很浓的煤气味');
      expect(await app.page.getByTestId('floor-alerts').getAttribute('data-alarm')).toBe('on');
      // The monitor's buttons sit in the card's action slot and name the alert's call: one click from the alert to listening.
      await expect.poll(() => card.getByTestId('monitor-listen').isEnabled(), { timeout: 5_000 }).toBe(true);
      expect(await card.getByTestId('monitor-barge').isEnabled()).toBe(true);
    }
    await expect.poll(() => notices.lead.length + notices.lead2.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    expect(notices.lead[0]).toMatchObject({ title: expect.stringContaining('0307 王芳') });
    await agent.page.getByTestId('agent-alert-status').waitFor({ state: 'visible', timeout: 5_000 });
    expect(await agent.page.getByTestId('agent-alert-status').getAttribute('data-state')).toBe('waiting');
    await screenshot(lead.page, 'floor-emergency-zh-CN');

    await lead2.page.locator('[data-testid="floor-alert"][data-work-number="0307"]').getByTestId('floor-alert-ack').click();
    const taken = lead.page.locator('[data-testid="floor-alert"][data-work-number="0307"]').getByTestId('floor-alert-taken');
    await taken.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await taken.textContent()).toBe('赵班长（0402）已接手');
    await expect.poll(() => lead.page.getByTestId('floor-alerts').getAttribute('data-alarm'), { timeout: 5_000 }).toBe('off');
    await expect.poll(() => agent.page.getByTestId('agent-alert-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('taken');
    expect(await agent.page.getByTestId('agent-alert-status').textContent()).toBe('赵班长 已响应紧急上报');
  }, 60_000);

  it('an emergency nobody takes is escalated after the centre\'s bound', async () => {
    await store.floor.setAlertPolicy({ dutyManagers: ['0402'], escalateAfterSeconds: 2 }, Date.now());
    const raised = await as(tokens.httpAgent as string, 'POST', FLOOR_ALERTS_PATH, { callId: 'http-call-1', callerNumber: '13812345678', reason: 'manual' });
    expect(raised.status).toBe(201);
    const card = lead.page.locator('[data-testid="floor-alert"][data-work-number="0309"]');
    await card.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('无人响应，已升级至值班经理');
    await expect.poll(() => notices.lead2.some((n) => n.title.includes('已升级')), { timeout: 5_000 }).toBe(true);
  }, 60_000);

  it('shows the floor in English and fits the lead\'s screens in both languages, and a killed agent app shows "connection lost" within the keep-alive bound', async () => {
    const page = lead.page;
    await page.getByTestId('language-select').selectOption('en');
    await expect.poll(() => page.getByTestId('floor-screen').getAttribute('aria-label'), { timeout: 5_000 }).toBe('Floor');
    await screenshot(page, 'floor-drawer-en');
    await page.getByTestId('floor-drawer-close').click();
    await page.getByTestId('floor-drawer').waitFor({ state: 'detached', timeout: 5_000 });
    await screenshot(page, 'floor-lead-en');
    // Agent 0307 is still on the call: its row's actions are live ones.
    await expect.poll(() => row(page, '0307').locator('[data-testid="monitor-listen"]').isEnabled(), { timeout: 5_000 }).toBe(true);
    // The emergency cards are showing (0309's escalated, 0307's taken), docked beside the list.
    expect(await page.getByTestId('floor-alert').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('floor-alerts').getAttribute('data-docked')).toBe('true');
    // At every size, in both languages: the bar's tools (Settings last) and every action of every row drawn, wholly visible
    // and not covered by an emergency card (a click at its centre reaches it).
    for (const language of ['en', 'zh-CN'] as const) {
      await page.getByTestId('language-select').selectOption(language);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(size.width);
        const rows = await page.getByTestId('floor-row').count();
        expect(rows, `${size.name} ${language}: rows drawn`).toBeGreaterThanOrEqual(3);
        const bar = ['floor-switch', 'signed-in-badge', 'sign-out', 'language-select', 'open-settings', 'floor-counts', 'floor-filter-flag'];
        const actions = '[data-testid="floor-row"] [data-testid="monitor-actions"] button';
        expect(await page.locator(actions).count(), `${size.name} ${language}: row actions`).toBeGreaterThanOrEqual(rows * 4);
        // The bar refits in the frame after the window's resize.
        const cut = async () => [
          ...(await notWhollyVisible(page, bar.map((id) => `[data-testid="${id}"]`).join(', '))),
          ...(await notWhollyVisible(page, actions)),
          ...(await covered(page, actions)),
        ];
        await expect.poll(async () => ({ size: size.name, language, cut: await cut() }), { timeout: 3_000 }).toEqual({ size: size.name, language, cut: [] });
        // Whoever is signed in stays known when the bar shortens the name: the full name is the badge's tooltip.
        expect(await page.getByTestId('signed-in-badge').locator('[title]').first().getAttribute('title')).toContain(PEOPLE.lead.name);
        await screenshot(page, `floor-lead-${size.name}-${language}`);
      }
    }
    await page.setViewportSize({ width: 1366, height: 768 });

    await caller?.hangup().catch(() => undefined);
    const killedAt = Date.now();
    await agent.page.close();
    agent.core.close();
    await expect.poll(() => row(page, '0307').getAttribute('data-count'), { timeout: 15_000 }).toBe('lost');
    const seenAfter = Date.now() - killedAt;
    // The bound: 1.5 keep-alives + 2 s after the last report (at most one keep-alive before the kill), plus the screen's 1 s tick.
    expect(seenAfter).toBeLessThan(KEEP_ALIVE_MS * 2.5 + 2_000 + 1_500);
    expect(await row(page, '0307').locator('[data-testid="floor-row-state"]').textContent()).toMatch(/^连接中断 \d\d:\d\d:\d\d 起$/);
    // A lost desk cannot serve a monitor leg: the row's Listen (and the rest) disabled, saying why; the drawer too.
    const lostListen = row(page, '0307').getByTestId('monitor-listen');
    await expect.poll(() => lostListen.isDisabled(), { timeout: 3_000 }).toBe(true);
    expect(await lostListen.getAttribute('aria-description')).toMatch(/^坐席连接已断开（\d\d:\d\d:\d\d 起），无法监听、耳语、强插或接管$/);
    for (const mode of ['whisper', 'barge', 'takeover']) expect(await row(page, '0307').getByTestId(`monitor-${mode}`).isDisabled()).toBe(true);
    // The emergency card of the same agent says the same (its clock ticks every second, as the rows' does).
    const cardListen = page.locator('[data-testid="floor-alerts"] article[data-work-number="0307"]').getByTestId('monitor-listen');
    await expect.poll(() => cardListen.isDisabled(), { timeout: 3_000 }).toBe(true);
    await row(page, '0307').click();
    const drawer = page.getByTestId('floor-drawer');
    await drawer.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await drawer.getByTestId('monitor-listen').isDisabled()).toBe(true);
    expect(await drawer.getByTestId('monitor-unavailable').textContent()).toContain('坐席连接已断开');
    await screenshot(page, 'floor-lost-zh-CN');
  }, 60_000);
});

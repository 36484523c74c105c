/**
 * Work orders end to end in the lab: the built renderer in Chromium bridged to
 * the real main-process core, registered to a real Kamailio, syncing over HTTP
 * to a real work-order service (started here, as a centre runs it, and set in
 * the app's work-order service settings). A caller rings, the agent answers,
 * fills the form completely and submits; the work order reaches the service
 * with the right content and the sync state shows synced. A second call from
 * the same number shows that work order in the caller history while ringing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import type { SipLab } from './lab/lab';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { registerAgent } from './caller/lab-agent';
import { startAgentLab, stopAgentLab } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { makeTempDir } from '../support/temp-dir';
import { startWorkOrderService, type RunningWorkOrderService } from '../../services/workorder/service';
import { openSqliteStore } from '../../services/workorder/store/sqlite/sqlite-store';
import { issueToken } from '../../services/workorder/tokens';
import { DEFAULT_DEPARTMENTS } from '../../src/main/work-orders/departments';
import type { WorkOrderRecord } from '../../src/shared/domain/work-order';

const AGENT = '1001';
const CALLER = '2001';

async function serviceWorkOrders(service: RunningWorkOrderService, token: string, phone: string): Promise<WorkOrderRecord[]> {
  const response = await fetch(`${service.url}/v1/work-orders?phone=${encodeURIComponent(phone)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { workOrders: WorkOrderRecord[] }).workOrders;
}

async function ringAgent(caller: CallerPhone, lab: SipLab, page: Page): Promise<void> {
  await caller.call(`sip:${AGENT}@${lab.domain}`);
  await page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
}

describe('work orders end to end against the lab and a real work-order service', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let callerContext: BrowserContext;
  let dataDir: ReturnType<typeof makeTempDir>;
  let serviceDir: ReturnType<typeof makeTempDir>;
  let service: RunningWorkOrderService | undefined;
  let token: string;
  let app: AgentApp | undefined;
  let caller: CallerPhone | undefined;

  beforeAll(async () => {
    ({ lab, agentContext, callerContext } = await startAgentLab());
  });

  afterAll(() => stopAgentLab({ lab, agentContext, callerContext }));

  beforeEach(async () => {
    dataDir = makeTempDir('hotline-work-orders-e2e-');
    serviceDir = makeTempDir('hotline-workorder-service-');
    const store = openSqliteStore(join(serviceDir.path, 'workorder.sqlite'));
    token = (await issueToken(store, { agentId: '0307', teamId: 'team-a', label: 'e2e agent' })).token;
    service = await startWorkOrderService({
      port: 0,
      host: '127.0.0.1',
      store,
      departmentIds: DEFAULT_DEPARTMENTS.map((d) => d.id),
    });
  });

  afterEach(async () => {
    await caller?.close();
    caller = undefined;
    await app?.close();
    app = undefined;
    await service?.close();
    service = undefined;
    dataDir.remove();
    serviceDir.remove();
  });

  it('answers, fills and submits the work order, which reaches the service; the next call shows it while ringing', async () => {
    app = await openAgentApp(agentContext, dataDir.path);
    const { page, core } = app;
    const running = service!;

    // The centre's service, as an administrator sets it up on the desk (the manual path when the sign-in is shown).
    await page.locator('[data-testid="sign-in-manual-setup"], [data-testid="work-order-service-url"]').first().waitFor({ timeout: 10_000 });
    if (await page.getByTestId('sign-in-manual-setup').isVisible()) await page.getByTestId('sign-in-manual-setup').click();
    await page.getByTestId('work-order-service-url').fill(running.url);
    await page.getByTestId('work-order-service-token').fill(token);
    await page.getByTestId('work-order-service-save').click();
    await expect.poll(() => core.workOrders.serviceView().url, { timeout: 5_000 }).toBe(running.url);
    await registerAgent(page, lab, AGENT);
    const status = () => page.getByTestId('agent-state').getAttribute('data-status');
    await expect.poll(status, { timeout: 5_000 }).toBe('ready');

    caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account(CALLER), displayName: 'Citizen Li' });
    await ringAgent(caller, lab, page);
    // A first-time caller: nothing in the history.
    await expect.poll(() => page.getByTestId('caller-history').getAttribute('data-count'), { timeout: 10_000 }).toBe('0');
    expect(await page.getByTestId('repeat-caller-badge').count()).toBe(0);
    await page.getByTestId('answer-button').click();
    await caller.waitForState('Established', 15_000);

    // The draft opens with the caller's number; every field of the form is filled.
    const panel = page.getByTestId('ticket-panel');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    const draftId = await panel.getAttribute('data-draft-id');
    expect(draftId).toBeTruthy();
    const callerPhone = await page.getByTestId('ticket-caller-number').inputValue();
    expect(callerPhone).toContain(CALLER);
    // The caller's display name is prefilled; the agent replaces it with the name the caller gives.
    const callerName = page.getByTestId('ticket-caller-name');
    expect(await callerName.inputValue()).toBe('Citizen Li');
    await callerName.clear();
    await callerName.pressSequentially('李女士', { delay: 10 });
    await page.getByTestId('work-order-field-callbackNumber').fill('138 0013 8000');
    await page.getByTestId('work-order-field-district').fill('渝中区');
    await page.getByTestId('work-order-field-address').fill('解放碑街道民族路 88 号 3 栋');
    await page.getByTestId('ticket-summary').pressSequentially('小区路灯不亮', { delay: 10 });
    await page.getByTestId('ticket-description').pressSequentially('三栋门口的路灯坏了两周，晚上很黑。', { delay: 5 });
    await page.getByTestId('work-order-field-type').selectOption('complaint');
    await page.getByTestId('work-order-field-domain').selectOption('public-services');
    await page.getByTestId('work-order-field-urgency').selectOption('urgent');
    // Departments: a searchable multi-select; typing part of a name narrows the list.
    const departments = page.getByTestId('work-order-field-departmentIds').locator('input');
    await departments.click();
    await departments.pressSequentially('城市管理', { delay: 10 });
    await page.getByTestId('work-order-department-urban-management').click();
    await expect.poll(() => page.getByTestId('work-order-department-street-office').count(), { timeout: 5_000 }).toBe(0);
    await departments.fill('街道');
    await page.getByTestId('work-order-department-street-office').click();
    await departments.press('Escape');
    // Ctrl+4 moves to the scope section (its first control gets the focus).
    await page.keyboard.press('Control+4');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: 5_000 }).toBe('work-order-field-scopeDecision');
    await page.getByTestId('work-order-field-scopeDecision').selectOption('in-scope');
    await page.getByTestId('work-order-field-commitmentWhat').fill('转城市管理局，三个工作日内联系您');
    await page.getByTestId('work-order-field-commitmentDueDate').fill('2026-12-04');
    // The promised date read back in words, as a zh-CN centre writes it (not 12/04/2026).
    expect(await page.getByTestId('work-order-due-date-words').textContent()).toBe('2026年12月4日星期五');
    await page.getByTestId('work-order-field-followUpWanted').check();
    await expect.poll(() => page.getByTestId('work-order-sync-state').getAttribute('data-state'), { timeout: 5_000 }).toBe('draft');

    // Hang up, then submit in after-call work.
    await page.getByTestId('hangup-button').click();
    await caller.waitForState('Terminated', 10_000);
    await expect.poll(status, { timeout: 10_000 }).toBe('after-call');
    // Submitted from the keyboard (Ctrl+Enter, as the submit button says).
    expect(await page.getByTestId('work-order-submit').textContent()).toContain('Ctrl+Enter');
    await page.keyboard.press('Control+Enter');
    expect(await page.getByTestId('work-order-submit-error').count()).toBe(0);
    await expect.poll(() => page.getByTestId('work-order-sync-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');
    await expect.poll(() => page.getByTestId('sync-overview').getAttribute('data-state'), { timeout: 10_000 }).toBe('all-synced');

    // The work order is in the service, once, with what was typed.
    const records = await serviceWorkOrders(running, token, CALLER);
    expect(records).toHaveLength(1);
    const record = records[0]!;
    expect(record).toMatchObject({ status: 'received', version: 1, teamId: 'team-a', agentId: '0307' });
    expect(record.fields).toEqual({
      callerName: '李女士',
      callerPhone,
      callbackNumber: '138 0013 8000',
      address: '解放碑街道民族路 88 号 3 栋',
      district: '渝中区',
      type: 'complaint',
      domain: 'public-services',
      departmentIds: ['urban-management', 'street-office'],
      urgency: 'urgent',
      summary: '小区路灯不亮',
      description: '三栋门口的路灯坏了两周，晚上很黑。',
      scope: { decision: 'in-scope', reason: null, reasonDetail: '', channel: '' },
      followUpWanted: true,
      commitment: { what: '转城市管理局，三个工作日内联系您', dueDate: '2026-12-04' },
    });
    const local = core.db.prepare('SELECT server_id FROM work_orders WHERE id = ?').get(draftId) as { server_id: string } | undefined;
    expect(local?.server_id).toBe(record.id);

    // An addition (补充) after it was sent: the synced work order is edited and sent again, over the version
    // the service confirmed; the service applies it exactly once (version 1 → 2), still one work order.
    expect(await page.getByTestId('amend-hint').count()).toBe(1);
    expect(await page.getByTestId('work-order-submit').count()).toBe(0);
    const description = page.getByTestId('ticket-description');
    await description.press('End');
    await description.pressSequentially('补充：物业说电线被挖断了。', { delay: 5 });
    await expect.poll(() => page.getByTestId('work-order-sync-state').getAttribute('data-state'), { timeout: 5_000 }).toBe('draft');
    expect(await page.getByTestId('work-order-submit').getAttribute('data-amendment')).toBe('true');
    await page.getByTestId('work-order-submit').click();
    await expect.poll(() => page.getByTestId('work-order-sync-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('synced');
    const amended = await serviceWorkOrders(running, token, CALLER);
    expect(amended).toHaveLength(1);
    expect(amended[0]).toMatchObject({ id: record.id, version: 2 });
    expect(amended[0]!.fields.description).toBe('三栋门口的路灯坏了两周，晚上很黑。补充：物业说电线被挖断了。');
    expect(amended[0]!.fields.summary).toBe('小区路灯不亮');

    // Wrap-up done: Ready again (an agent in after-call work answers 486).
    await page.getByTestId('after-call-finish').click();
    await expect.poll(status, { timeout: 5_000 }).toBe('ready');

    // The same number calls again: while it rings, the earlier work order is on screen with the service's status.
    await ringAgent(caller, lab, page);
    const history = page.getByTestId('caller-history');
    await history.waitFor({ state: 'visible', timeout: 5_000 });
    await expect.poll(() => history.getAttribute('data-count'), { timeout: 10_000 }).toBe('1');
    expect(await history.getAttribute('data-service-reachable')).toBe('true');
    expect(await page.getByTestId('repeat-caller-badge').count()).toBe(1);
    const row = page.getByTestId('caller-history-row');
    expect(await row.getAttribute('data-status')).toBe('received');
    expect(await row.textContent()).toContain('小区路灯不亮');
    expect(await page.getByTestId('incoming-call').isVisible()).toBe(true);
    await caller.hangup();
  });
});

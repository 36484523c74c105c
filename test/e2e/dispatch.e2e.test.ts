/**
 * Dispatch suggestions end to end (issue 15): the real centre service holds a
 * dispatch catalogue an editor published; the agent's app (the built renderer
 * in the lab's Chromium, bridged to the real main-process core) signs in, the
 * catalogue reaches the desk as reference data, a caller rings, and while the
 * agent writes the work order the suggested departments appear with their
 * reasons; Ctrl+Shift+1 puts the first on the work order, and the desk keeps
 * what was suggested and chosen; the settings show the catalogue's departments
 * in place of the hand-edited list.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { readFileSync } from 'node:fs';
import type { SipLab } from './lab/lab';
import { startAgentLab, stopAgentLab } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { waitForRegistration } from './caller/lab-agent';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { CENTRE_AGENT, startRealCentre, type RealCentre } from '../support/real-centre';
import { makeTempDir } from '../support/temp-dir';

const AGENT_SIP_USER = '1002';
const CALLER = '2001';
const EDITOR = { workNumber: '0801', password: 'editor-0801-pw' };

async function publishSampleCatalogue(centre: RealCentre): Promise<void> {
  await centre.admin(['create-person', '--work-number', EDITOR.workNumber, '--name', '周编辑', '--team', 'team-a', '--roles', 'editor', '--password-stdin'], `${EDITOR.password}\n`);
  const signIn = await fetch(`${centre.url}/v1/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...EDITOR, deskId: 'editor-desk' }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const catalogue = JSON.parse(readFileSync(new URL('../../assets/dispatch/catalogue.json', import.meta.url), 'utf8')) as unknown;
  const published = await fetch(`${centre.url}/v1/dispatch/catalogue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ catalogue, note: '派单目录首版' }),
  });
  expect(published.status).toBe(201);
}

describe('dispatch suggestions in the work order, end to end', () => {
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
    dataDir = makeTempDir('hotline-dispatch-e2e-');
    const account = lab.account(AGENT_SIP_USER);
    centre = await startRealCentre({ uri: account.uri, authUser: account.authUser, password: account.password, servers: [lab.wsUrl] });
    await publishSampleCatalogue(centre);
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

  it('suggests departments with reasons while the agent writes, and one key puts the first on the work order', async () => {
    app = await openAgentApp(agentContext, dataDir.path);
    const { page, core } = app;
    await page.getByTestId('sign-in-screen').waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByTestId('sign-in-centreUrl').locator('input').fill(centre!.url);
    await page.getByTestId('sign-in-workNumber').locator('input').fill(CENTRE_AGENT.workNumber);
    await page.getByTestId('sign-in-password').locator('input').fill(CENTRE_AGENT.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('signed-in-badge').waitFor({ state: 'visible', timeout: 15_000 });
    await waitForRegistration(page, 'registered', 15_000);
    // The catalogue reaches the desk with the reference data's next poll (every 20 s).
    const copied = () => core.db.prepare("SELECT version FROM reference_datasets WHERE dataset = 'dispatch-catalogue'").pluck().get();
    await expect.poll(copied, { timeout: 45_000, interval: 500 }).toBe(1);

    caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account(CALLER) });
    await caller.call(`sip:${AGENT_SIP_USER}@${lab.domain}`);
    await page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByTestId('answer-button').click();
    await caller.waitForState('Established', 15_000);
    const panel = page.getByTestId('ticket-panel');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    const draftId = await panel.getAttribute('data-draft-id');

    const suggestions = page.getByTestId('dispatch-suggestions');
    expect(await suggestions.textContent()).toContain('派单目录第 1 版');
    await page.getByTestId('work-order-field-district').fill('高新区');
    await page.getByTestId('ticket-summary').pressSequentially('家里停水了', { delay: 20 });
    await page.getByTestId('ticket-description').pressSequentially('从早上开始就没水，没有看到停水通知。', { delay: 5 });
    // The High-Tech Zone has its own water company: the region decides, and says so.
    const first = page.getByTestId('dispatch-suggestion-gaoxin-water');
    await first.waitFor({ state: 'visible', timeout: 5_000 });
    const reason = (await first.textContent()) ?? '';
    expect(reason).toContain('高新区供水有限公司');
    expect(reason).toContain('停水');
    expect(reason).toContain('辖区：高新区');
    expect(await page.getByTestId('dispatch-suggestion-water-supply').count()).toBe(0);

    await page.keyboard.press('Control+Shift+1');
    await expect.poll(() => page.getByTestId('dispatch-choose-gaoxin-water').textContent(), { timeout: 5_000 }).toContain('已选用');
    // The desk keeps what was suggested and what was chosen, for the centre and for learning.
    const kept = () => core.db.prepare('SELECT suggested, chosen, top_matter_id FROM dispatch_choices WHERE work_order_id = ?').get(draftId);
    await expect.poll(kept, { timeout: 5_000 }).toMatchObject({ chosen: '["gaoxin-water"]', top_matter_id: 'gw-supply' });
    expect(JSON.parse((kept() as { suggested: string }).suggested)[0]).toBe('gaoxin-water');

    // A shared matter: lead and helpers go on the work order together.
    await page.getByTestId('ticket-summary').fill('');
    await page.getByTestId('ticket-summary').pressSequentially('工地半夜还在打桩', { delay: 20 });
    await page.getByTestId('ticket-description').fill('附近工地凌晨两点还在打桩施工，吵得睡不着。');
    const lead = page.getByTestId('dispatch-suggestion-urban-management');
    await lead.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await lead.textContent()).toContain('协办：住房和城乡建设局、生态环境局');
    await page.getByTestId('dispatch-choose-urban-management').click();
    await expect.poll(kept, { timeout: 5_000 }).toMatchObject({ chosen: '["urban-management","housing-construction","ecology-environment"]' });

    // The settings show the catalogue's departments instead of the hand-edited list.
    await page.getByTestId('open-settings').click();
    const fromCatalogue = page.getByTestId('catalogue-departments');
    await fromCatalogue.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await fromCatalogue.textContent()).toContain('第 1 版，共 42 个部门');
    expect(await page.getByTestId('departments-text').count()).toBe(0);
  });
});

/**
 * Several calls alive at once, each with its own session: the agent is on a
 * live SIP call through the lab while a second call source (the scripted
 * caller, a generated tone) rings and is answered beside it. Each call runs
 * its own guidance engine, timeline and work order; what the agent does in one
 * never reaches the other, on screen or in SQLite.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { SipLab } from './lab/lab';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { startAgentLab, stopAgentLab } from './app/agent-lab';
import { fillAgentSettings } from './app/agent-settings';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { makeTempDir } from '../support/temp-dir';

interface TestHooks {
  ring(number: string, name: string, waiting: boolean): string;
  answer(callId: string): Promise<void>;
  bringToFront(callId: string): Promise<boolean>;
  hangup(callId: string): Promise<void>;
  sessions(): { callId: string; workOrderId: string | null }[];
}

type HookWindow = { __hotlineTest: TestHooks };

/** The renderer's test hooks, driven from the test (each its own evaluate: the page's CSP allows no eval). */
function testHooks(page: Page) {
  return {
    ring: (number: string, name: string, waiting: boolean) =>
      page.evaluate(([n, m, w]) => (window as unknown as HookWindow).__hotlineTest.ring(n, m, w), [number, name, waiting] as const),
    answer: (callId: string) => page.evaluate((id) => (window as unknown as HookWindow).__hotlineTest.answer(id), callId),
    bringToFront: (callId: string) => page.evaluate((id) => (window as unknown as HookWindow).__hotlineTest.bringToFront(id), callId),
    hangup: (callId: string) => page.evaluate((id) => (window as unknown as HookWindow).__hotlineTest.hangup(id), callId),
    sessions: () => page.evaluate(() => (window as unknown as HookWindow).__hotlineTest.sessions()),
  };
}

const promptKinds = async (page: Page): Promise<string[]> =>
  page.getByTestId('prompt-card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-kind') ?? ''));

describe('two call sessions alive at once', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let callerContext: BrowserContext;
  let dataDir: ReturnType<typeof makeTempDir>;
  let app: AgentApp | undefined;
  let caller: CallerPhone | undefined;

  beforeAll(async () => {
    ({ lab, agentContext, callerContext } = await startAgentLab());
  });
  afterAll(() => stopAgentLab({ lab, agentContext, callerContext }));
  beforeEach(() => {
    dataDir = makeTempDir('hotline-sessions-e2e-');
  });
  afterEach(async () => {
    await caller?.close();
    caller = undefined;
    await app?.close();
    app = undefined;
    dataDir.remove();
  });

  it('keeps prompts, timeline entries and drafts of a live SIP call and a second source apart', async () => {
    app = await openAgentApp(agentContext, dataDir.path, {}, { testHooks: true });
    const { page, core } = app;
    await fillAgentSettings(page, lab, '1001');
    await expect.poll(() => page.getByTestId('registration-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('registered');
    await page.waitForFunction(() => '__hotlineTest' in window, undefined, { timeout: 5_000 });

    // Call A: a real SIP call through Kamailio, answered; its draft opens.
    caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001'), displayName: 'Citizen Li' });
    await caller.call(`sip:1001@${lab.domain}`);
    await page.getByTestId('incoming-call').waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByTestId('answer-button').click();
    await caller.waitForState('Established', 15_000);
    const panel = page.getByTestId('ticket-panel');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    const draftA = await panel.getAttribute('data-draft-id');
    const sipCallId = (core.db.prepare('SELECT call_id FROM work_orders WHERE id = ?').get(draftA) as { call_id: string }).call_id;

    // Call B: the scripted caller rings beside it and is answered; call A stays in front.
    const test = testHooks(page);
    const callB = await test.ring('13900000002', '测试来电', true);
    await page.getByTestId('waiting-call').waitFor({ state: 'visible', timeout: 5_000 });
    await test.answer(callB);
    await expect.poll(async () => (await test.sessions()).length, { timeout: 5_000 }).toBe(2);
    await expect.poll(async () => (await test.sessions()).find((s) => s.callId === callB)?.workOrderId ?? null, { timeout: 10_000 }).not.toBeNull();
    expect(await panel.getAttribute('data-draft-id')).toBe(draftA);

    // In call A: the caller is angry (Alt+1), and the agent writes A's summary.
    await page.locator('body').press('Alt+1');
    await expect.poll(() => promptKinds(page), { timeout: 5_000 }).toContain('de-escalation');
    await page.getByTestId('ticket-summary').pressSequentially('小区路灯不亮', { delay: 10 });

    // Call B in front: its own guidance (no de-escalation card), its own draft, its own words.
    await test.bringToFront(callB);
    await expect.poll(() => panel.getAttribute('data-draft-id'), { timeout: 5_000 }).not.toBe(draftA);
    const draftB = await panel.getAttribute('data-draft-id');
    expect(await page.getByTestId('ticket-summary').inputValue()).toBe('');
    expect(await promptKinds(page)).not.toContain('de-escalation');
    await page.getByTestId('ticket-summary').pressSequentially('夜间施工噪音', { delay: 10 });
    await page.locator('body').press('Alt+2');
    await expect.poll(() => promptKinds(page), { timeout: 5_000 }).toContain('abusive');

    // Back to call A: its card, its summary; nothing of B's.
    // Call A waits beside B on the screen; Swap brings it back to the front.
    await page.locator(`[data-testid="held-call"][data-call-id="${sipCallId}"] [data-testid="held-call-resume"]`).click();
    await expect.poll(() => panel.getAttribute('data-draft-id'), { timeout: 10_000 }).toBe(draftA);
    expect(await page.getByTestId('ticket-summary').inputValue()).toBe('小区路灯不亮');
    await expect.poll(() => promptKinds(page), { timeout: 5_000 }).toContain('de-escalation');
    expect(await promptKinds(page)).not.toContain('abusive');

    // Both end; main has two drafts and two timelines, each with only its own call's entries.
    await test.hangup(callB);
    await page.getByTestId('hangup-button').click();
    await caller.waitForState('Terminated', 10_000);
    const summary = (id: string | null) => (JSON.parse((core.db.prepare('SELECT fields FROM work_orders WHERE id = ?').get(id) as { fields: string }).fields) as { summary: string }).summary;
    await expect.poll(() => summary(draftA), { timeout: 5_000 }).toBe('小区路灯不亮');
    await expect.poll(() => summary(draftB), { timeout: 5_000 }).toBe('夜间施工噪音');
    const hotkeys = (callId: string) =>
      (core.db.prepare("SELECT subject FROM call_timeline WHERE call_id = ? AND kind = 'hotkey'").all(callId) as { subject: string }[]).map((r) => r.subject);
    const shown = (callId: string) =>
      (core.db.prepare("SELECT subject FROM call_timeline WHERE call_id = ? AND kind = 'prompt-shown'").all(callId) as { subject: string }[]).map((r) => r.subject);
    await expect.poll(() => hotkeys(sipCallId), { timeout: 5_000 }).toEqual(['caller-angry']);
    await expect.poll(() => hotkeys(callB), { timeout: 5_000 }).toEqual(['abusive']);
    expect(shown(sipCallId)).toContain('de-escalation');
    expect(shown(sipCallId)).not.toContain('abusive');
    expect(shown(callB)).not.toContain('de-escalation');
    const calls = core.db.prepare('SELECT id, answered_at FROM calls ORDER BY started_at').all() as { id: string; answered_at: number | null }[];
    expect(calls.map((c) => c.id)).toEqual([sipCallId, callB]);
    expect(calls.every((c) => c.answered_at !== null)).toBe(true);
  });
});

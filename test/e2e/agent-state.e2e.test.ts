/**
 * Agent states end to end: the built renderer registered to the lab Kamailio as
 * 1004; a sip.js caller (2003) calls it. Not Ready → the caller's INVITE is
 * answered 486 Busy Here; Ready → it rings; an answered call ends in after-call
 * work; every change lands in SQLite with its time.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { SipLab } from './lab/lab';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { registerAgent } from './caller/lab-agent';
import { startAgentLab, stopAgentLab } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { makeTempDir } from '../support/temp-dir';


interface LogRow {
  status: string;
  reason: string | null;
  cause: string;
  at: number;
}

describe('agent states against the lab', () => {
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
    dataDir = makeTempDir('hotline-agent-state-');
  });

  afterEach(async () => {
    await caller?.close();
    caller = undefined;
    await app?.close();
    app = undefined;
    dataDir.remove();
  });

  it('answers 486 while not Ready, rings when Ready, wraps up after the call, and logs every change', async () => {
    app = await openAgentApp(agentContext, dataDir.path);
    const { page, core } = app;
    await registerAgent(page, lab, '1004');
    const status = () => page.getByTestId('agent-state').getAttribute('data-status');
    await expect.poll(status, { timeout: 5_000 }).toBe('ready');

    // 示忙: the caller's INVITE is refused with 486 Busy Here and the desk does not ring.
    await page.getByTestId('agent-not-ready').click();
    await expect.poll(status, { timeout: 5_000 }).toBe('not-ready');
    caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2003'), displayName: 'Citizen Zhao' });
    await caller.call(`sip:1004@${lab.domain}`);
    await expect(caller.waitForState('Established', 15_000)).rejects.toThrow(/486/);
    expect(await caller.lastFailure()).toMatch(/^486/);
    expect(await page.getByTestId('incoming-call').count()).toBe(0);

    // 示闲: the next call rings and is answered.
    expect(await page.getByTestId('agent-ready').getAttribute('title')).toBe('示闲（Ctrl+Alt+R）');
    await page.getByTestId('agent-ready').click();
    await expect.poll(status, { timeout: 5_000 }).toBe('ready');
    await caller.call(`sip:1004@${lab.domain}`);
    await page.getByTestId('answer-button').click({ timeout: 15_000 });
    await caller.waitForState('Established', 15_000);

    // The caller hangs up: 话后整理 with a countdown, finished early by the agent.
    await caller.hangup();
    await expect.poll(status, { timeout: 10_000 }).toBe('after-call');
    const left = Number(await page.getByTestId('after-call-countdown').getAttribute('data-seconds'));
    expect(left).toBeGreaterThan(20);
    expect(left).toBeLessThanOrEqual(30);
    // While wrapping up, calls are refused too.
    await caller.call(`sip:1004@${lab.domain}`);
    await expect(caller.waitForState('Established', 15_000)).rejects.toThrow(/486/);
    // Done from the keyboard (Ctrl+Alt+R, the 示闲 shortcut), which its tooltip names.
    const done = page.getByTestId('after-call-finish');
    expect(await done.getAttribute('title')).toContain('Ctrl+Alt+R');
    expect(await done.getAttribute('aria-keyshortcuts')).toBe('Control+Alt+R');
    await page.keyboard.press('Control+Alt+KeyR');
    await expect.poll(status, { timeout: 5_000 }).toBe('ready');

    const rows = () => core.db.prepare('SELECT status, reason, cause, at FROM agent_state_log ORDER BY id').all() as LogRow[];
    await expect.poll(() => rows().length, { timeout: 5_000 }).toBe(5);
    expect(rows().map((row) => [row.status, row.cause])).toEqual([
      ['ready', 'startup'],
      ['not-ready', 'agent'],
      ['ready', 'agent'],
      ['after-call', 'call-ended'],
      ['ready', 'agent'],
    ]);
    const times = rows().map((row) => row.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});

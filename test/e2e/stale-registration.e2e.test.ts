/**
 * No stale registration after a restart (issue 16), against the real lab: the
 * desk registers with a stable `+sip.instance` and the same Contact on every
 * start, so a reload or a restart mid-shift leaves the registrar exactly one
 * binding for the agent (the old one replaced, not kept beside the new), a call
 * rings once, and a clean close removes the binding. The registrar's bindings
 * are read from Kamailio itself (its test probe GET /lab/bindings/<user>).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { SipLab } from './lab/lab';
import { startAgentLab, stopAgentLab } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { openCallerPhone, type CallerPhone } from './caller/page';
import { pollUntil, registerAgent, waitForRegistration } from './caller/lab-agent';
import { makeTempDir } from '../support/temp-dir';

const run = promisify(execFile);

describe('no stale registration after a restart', () => {
  let lab: SipLab;
  let agentContext: BrowserContext;
  let callerContext: BrowserContext;
  let dataDir: ReturnType<typeof makeTempDir> | undefined;
  let app: AgentApp | undefined;
  let caller: CallerPhone | undefined;

  beforeAll(async () => {
    ({ lab, agentContext, callerContext } = await startAgentLab());
  });
  afterAll(() => stopAgentLab({ lab, agentContext, callerContext }));
  afterEach(async () => {
    await caller?.close();
    await app?.close();
    dataDir?.remove();
  });

  /** The Contacts the registrar holds for `user`, asked from inside the lab's namespace. */
  async function bindings(user: string): Promise<string[]> {
    const script = `fetch('http://127.0.0.1:${lab.port}/lab/bindings/${user}').then((r) => r.text()).then((t) => process.stdout.write(t))`;
    const [command, args] = lab.inNetns(process.execPath, ['-e', script]);
    const { stdout } = await run(command, args, { timeout: 10_000 });
    const [count = '', ...contacts] = stdout.trim().split('\n');
    const listed = contacts.filter((line) => line !== '');
    expect(listed, `registrar answered: ${stdout}`).toHaveLength(Number(count));
    return listed;
  }

  it('reload and restart leave one binding, a call rings once, a clean close leaves none', async () => {
    dataDir = makeTempDir('hotline-stale-');
    app = await openAgentApp(agentContext, dataDir.path);
    await registerAgent(app.page, lab, '1001');
    const first = await bindings('1001');
    expect(first).toHaveLength(1);

    // A reload mid-shift (the renderer starts again; no un-REGISTER was sent).
    await app.page.reload();
    await waitForRegistration(app.page, 'registered', 10_000);
    expect(await bindings('1001')).toEqual(first);

    // A restart as after a crash: the window is gone without a goodbye, the desk starts on the same
    // data folder. (The test's stand-in for the OS keychain has a key per run, so the password is
    // asked for again, as on a machine without a keychain.)
    await app.close();
    app = await openAgentApp(agentContext, dataDir.path);
    await registerAgent(app.page, lab, '1001');
    expect(await bindings('1001')).toEqual(first);

    // A probe call rings once.
    caller = await openCallerPhone(callerContext);
    await caller.register({ wsUrl: lab.wsUrl, ...lab.account('2001') });
    await caller.call(`sip:1001@${lab.domain}`);
    await app.page.getByTestId('incoming-call').waitFor({ timeout: 10_000 });
    expect(await app.page.getByTestId('incoming-call').count()).toBe(1);
    await caller.hangup();
    await app.page.getByTestId('incoming-call').waitFor({ state: 'detached', timeout: 10_000 });

    // A clean close (main asks the renderer to flush before the window goes): the binding is removed.
    await app.emit('lifecycle:flushRequest', {});
    await pollUntil(() => bindings('1001'), (contacts) => contacts.length === 0, 5_000, 'the binding removed on a clean close');
  });
});

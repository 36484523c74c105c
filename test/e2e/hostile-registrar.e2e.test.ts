/**
 * Registration that never storms and never lies (issue 11), against a
 * SIP-over-WebSocket registrar in this test process that answers in RFC-legal
 * but hostile ways (hostile/hostile-registrar.ts). The built desk runs in
 * Chromium, its IPC bridged to the real main-process core. For each answer:
 * how many REGISTERs the desk sends, how long the status bar takes to stop
 * saying "registered" after the answer reached the desk, how long it takes to
 * be registered again once the registrar behaves, and no uncaught error in the
 * page (pageerror, console errors).
 *
 * Everything is on 127.0.0.1 and no media flows (the registrar's SDP has no
 * real peer), so this needs no network namespace, Kamailio or root.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { LAB_CHROMIUM_ARGS, serveDir } from './lab/browser';
import { RENDERER_DIR } from './app/agent-lab';
import { openAgentApp, type AgentApp } from './app/agent-app';
import { AGENT_CITY, AGENT_WORK_NUMBER } from './app/agent-settings';
import { waitForRegistration } from './caller/lab-agent';
import { startHostileRegistrar, type HostileRegistrar, type RegisterAnswerMode } from './hostile/hostile-registrar';
import { APP_SENDER } from '../support/app-core';
import { makeTempDir } from '../support/temp-dir';
import { RENDERER_JS_FLAGS } from '../../src/main/renderer-v8-flags';

/** The registrar's grant while it behaves: the desk refreshes at half, 5 s (its floor). */
const GRANT_S = 10;
/** Goals from issue 11. */
const MAX_REGISTERS_PER_ANSWER = 4;
const TRUTH_MS = 200;
const RECOVERY_MS = 2_000;
/** How long each hostile answer is kept up while REGISTERs are counted. */
const HOSTILE_WINDOW_MS = 10_000;

interface StatusChange {
  t: number;
  state: string;
}

/** Test-only: every change of the status bar's data-state, with Date.now() (serialised into the page). */
function recordStatus(): void {
  const w = window as unknown as { __status: StatusChange[] };
  w.__status = [];
  let last: string | null = null;
  const check = () => {
    const state = document.querySelector('[data-testid="registration-status"]')?.getAttribute('data-state') ?? null;
    if (state !== null && state !== last) {
      last = state;
      w.__status.push({ t: Date.now(), state });
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
}

const statusChanges = (page: Page) => page.evaluate(() => (window as unknown as { __status: StatusChange[] }).__status);

/** The first change to a state other than `from` at or after `since`. */
async function firstChangeAway(page: Page, from: string, since: number, timeoutMs: number): Promise<StatusChange> {
  await page.waitForFunction(
    ([s, f]) => (window as unknown as { __status: StatusChange[] }).__status.some((c) => c.t >= s && c.state !== f),
    [since - 50, from] as const,
    { timeout: timeoutMs, polling: 'raf' },
  );
  return (await statusChanges(page)).find((c) => c.t >= since - 50 && c.state !== from)!;
}

async function firstChangeTo(page: Page, to: string, since: number, timeoutMs: number): Promise<StatusChange> {
  await page.waitForFunction(
    ([s, w]) => (window as unknown as { __status: StatusChange[] }).__status.some((c) => c.t >= s && c.state === w),
    [since, to] as const,
    { timeout: timeoutMs, polling: 'raf' },
  );
  return (await statusChanges(page)).find((c) => c.t >= since && c.state === to)!;
}

describe('registration against a hostile registrar', () => {
  let context: BrowserContext;
  let profileDir: string;
  let registrar: HostileRegistrar;
  let dataDir: ReturnType<typeof makeTempDir>;
  let app: AgentApp;
  let errors: string[];
  const figures: Record<string, unknown>[] = [];

  beforeAll(async () => {
    profileDir = mkdtempSync(join(tmpdir(), 'hotline-hostile-profile-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      headless: true,
      chromiumSandbox: false,
      args: [...LAB_CHROMIUM_ARGS, `--js-flags=${RENDERER_JS_FLAGS}`],
      permissions: ['local-network-access', 'microphone'],
      timeout: 30_000,
    });
    await serveDir(context, 'http://localhost/app/', RENDERER_DIR);
    await context.addInitScript(recordStatus);
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    console.log(`hostile registrar figures:\n${figures.map((f) => JSON.stringify(f)).join('\n')}`);
  });

  beforeEach(async () => {
    registrar = await startHostileRegistrar();
    registrar.grantSeconds = GRANT_S;
    dataDir = makeTempDir('hotline-hostile-');
    app = await openAgentApp(context, dataDir.path);
    errors = [];
    app.page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    app.page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    const call = (channel: string, request: unknown) =>
      app.core.router.handle(APP_SENDER, channel, request) as Promise<{ ok: boolean; error?: unknown }>;
    const saved = await call('settings:save', {
      account: { wsServer: registrar.url, sipUri: 'sip:1001@hotline.test', authUser: '1001', displayName: '王芳' },
      agent: { workNumber: AGENT_WORK_NUMBER, city: AGENT_CITY },
      language: 'en',
      password: 'pw-1001',
    });
    expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
    await app.page.reload();
    await waitForRegistration(app.page, 'registered', 10_000);
  });

  afterEach(async () => {
    await app?.close();
    await registrar?.close();
    dataDir?.remove();
  });

  /** Waits for the desk's next REGISTER (the refresh) to be answered; returns when the answer went out. */
  async function nextAnswer(timeoutMs: number): Promise<number> {
    const before = registrar.answers.length;
    await registrar.next((m) => m.startLine.startsWith('REGISTER '), timeoutMs, 'the next REGISTER');
    expect(registrar.answers.length).toBeGreaterThan(before);
    return registrar.answers[before]!.t;
  }

  it.each(['zero-expiry', 'no-contact', 'foreign-contact'] as const)(
    'a 200 OK with %s: never "registered", at most 4 REGISTERs, registered again once it behaves',
    async (mode: RegisterAnswerMode) => {
      const page = app.page;
      // 1. The refresh path gets the hostile answer, again and again.
      registrar.answerRegisters(mode);
      const firstHostile = await nextAnswer(GRANT_S * 1_000);
      const truth = await firstChangeAway(page, 'registered', firstHostile, 2_000);
      const truthMs = truth.t - firstHostile;
      await expect.poll(() => page.getByTestId('registration-status').getAttribute('data-reason'), { timeout: 2_000 }).toBe('no-binding');
      // A measuring window, not a synchronisation: how many REGISTERs does that answer draw?
      await page.waitForTimeout(HOSTILE_WINDOW_MS - (Date.now() - firstHostile));
      const during = registrar.bindingRegisters().filter((r) => r.t >= firstHostile - 1 && r.t < firstHostile + HOSTILE_WINDOW_MS);
      const shownRegistered = (await statusChanges(page)).filter((c) => c.t > truth.t && c.state === 'registered');

      // 2. The registrar behaves again: the desk's next try (within its backoff) registers.
      const behaves = Date.now();
      registrar.answerRegisters('good');
      const back = await firstChangeTo(page, 'registered', behaves, 35_000);

      // 3. One hostile answer on a refresh, then good at once: registered again within 2 s.
      await waitForRegistration(page, 'registered', 1_000);
      registrar.answerRegisters(mode, 1);
      const single = await nextAnswer(GRANT_S * 1_000);
      const recovered = await firstChangeTo(page, 'registered', single, 5_000);

      const figure = {
        mode,
        truthMs,
        registersIn10s: during.length + 1 - 1,
        recoveryAfterLongHostileMs: back.t - behaves,
        recoveryAfterOneAnswerMs: recovered.t - single,
      };
      figures.push(figure);
      expect(truthMs, JSON.stringify(figure)).toBeLessThanOrEqual(TRUTH_MS);
      expect(during.length, JSON.stringify(figure)).toBeLessThanOrEqual(MAX_REGISTERS_PER_ANSWER);
      expect(shownRegistered).toEqual([]);
      expect(recovered.t - single, JSON.stringify(figure)).toBeLessThan(RECOVERY_MS);
      expect(errors).toEqual([]);
    },
  );

  it('a 200 OK listing our Contact with no expiry anywhere: registered for what we asked, no storm', async () => {
    const page = app.page;
    registrar.answerRegisters('no-expiry');
    const answeredAt = await nextAnswer(GRANT_S * 1_000);
    await page.waitForTimeout(HOSTILE_WINDOW_MS); // measuring window
    const during = registrar.bindingRegisters().filter((r) => r.t >= answeredAt - 1);
    figures.push({ mode: 'no-expiry', registersIn10s: during.length });
    expect(during.length).toBeLessThanOrEqual(1);
    expect((await statusChanges(page)).filter((c) => c.t >= answeredAt)).toEqual([]);
    await waitForRegistration(page, 'registered', 100);
    expect(errors).toEqual([]);
  });

  it('a reset while a call rings: the ringing ends at once with a word to the agent, registered again within 2 s', async () => {
    const page = app.page;
    await registrar.ring();
    await page.getByTestId('incoming-call').waitFor({ timeout: 2_000 });
    const cutAt = registrar.resetConnection();
    await page.getByTestId('incoming-call').waitFor({ state: 'detached', timeout: 2_000 });
    const endedMs = Date.now() - cutAt;
    await expect.poll(() => page.getByTestId('phone-notice').getAttribute('data-notice'), { timeout: 1_000 }).toBe('callerLineLost');
    expect(await page.getByTestId('phone-notice').innerText()).toContain("The caller's line was lost");
    const back = await firstChangeTo(page, 'registered', cutAt, RECOVERY_MS);
    figures.push({ mode: 'reset-while-ringing', ringingEndedWithinMs: endedMs, registeredAgainMs: back.t - cutAt });
    expect(errors).toEqual([]);
  });

  it('a reset mid-call: registered again within 2 s and the call media renegotiated (re-INVITE)', async () => {
    const page = app.page;
    const callId = await registrar.ring();
    await page.getByTestId('answer-button').click();
    await registrar.answeredBy(callId);
    await page.getByTestId('call-controls').waitFor({ timeout: 5_000 });
    const reInvite = registrar.next((m) => m.startLine.startsWith('INVITE ') && m.headers.get('call-id')?.[0] === callId, 10_000, 'the re-INVITE');
    const cutAt = registrar.resetConnection();
    const back = await firstChangeTo(page, 'registered', cutAt, RECOVERY_MS);
    await reInvite;
    figures.push({ mode: 'reset-mid-call', registeredAgainMs: back.t - cutAt });
    expect(errors).toEqual([]);
  });

  it('a hold answered with the audio line refused (m=audio 0): said on screen, the call ends clearly, never shown as active', async () => {
    const page = app.page;
    const callId = await registrar.ring();
    await page.getByTestId('answer-button').click();
    await registrar.answeredBy(callId);
    await page.getByTestId('call-controls').waitFor({ timeout: 5_000 });
    registrar.answerReinvites = 'refuse-audio';
    try {
      const bye = registrar.next((m) => m.startLine.startsWith('BYE ') && m.headers.get('call-id')?.[0] === callId, 10_000, 'the BYE');
      await page.getByTestId('hold-button').click();
      await bye;
      await expect.poll(() => page.getByTestId('phone-notice').getAttribute('data-notice'), { timeout: 2_000 }).toBe('mediaLost');
      await page.getByTestId('call-controls').waitFor({ state: 'detached', timeout: 2_000 });
      const row = app.core.db.prepare('SELECT outcome, ended_by FROM calls ORDER BY started_at DESC LIMIT 1').get() as { outcome: string; ended_by: string };
      expect(row).toEqual({ outcome: 'answered', ended_by: 'system' });
      expect(await page.getByTestId('hold-state').count()).toBe(0);
    } finally {
      registrar.answerReinvites = 'accept';
    }
    await waitForRegistration(page, 'registered', 2_000);
    expect(errors).toEqual([]);
  });

  it('a bad CSeq or another SIP version never rings and never throws; a hostile caller name shows as clean text', async () => {
    const page = app.page;
    const contact = registrar.deskContact()!;
    const invite = (startLine: string, callId: string, cseq: string) =>
      [
        startLine,
        'Via: SIP/2.0/WSS hostile.invalid;branch=z9hG4bK' + callId,
        'Max-Forwards: 70',
        'From: <sip:2001@hotline.test>;tag=x' + callId,
        'To: <sip:1001@hotline.test>',
        `Call-ID: ${callId}`,
        `CSeq: ${cseq}`,
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
    registrar.sendRaw(invite(`INVITE ${contact} SIP/2.0`, 'bad-cseq-1', 'abc INVITE'));
    registrar.sendRaw(invite(`INVITE ${contact} SIP/2.0`, 'bad-cseq-2', '1 BYE'));
    registrar.sendRaw(invite(`INVITE ${contact} SIP/2.0`, 'bad-cseq-3', '99999999999 INVITE'));
    const refused = registrar.next((m) => m.headers.get('call-id')?.[0] === 'sip-3', 2_000, 'the answer to the SIP/3.0 INVITE');
    registrar.sendRaw(invite(`INVITE ${contact} SIP/3.0`, 'sip-3', '1 INVITE'));
    expect((await refused).startLine).toBe('SIP/2.0 505 Version Not Supported');
    // Messages are handled in order: once a good INVITE rings, the bad ones above were dealt with.
    // Its display name carries zero-width characters and escaped quotes (quoted-pairs).
    await registrar.ring({ displayName: '王\u200b女\u2060士\ufeff \\"老张\\"' });
    const panels = page.getByTestId('incoming-call');
    await panels.first().waitFor({ timeout: 2_000 });
    expect(await panels.count()).toBe(1);
    expect(await page.getByTestId('incoming-name').innerText()).toBe('王女士 "老张"');
    const answeredBad = registrar.received.filter((r) => /^bad-cseq-/.test(r.message.headers.get('call-id')?.[0] ?? ''));
    expect(answeredBad).toEqual([]);
    await waitForRegistration(page, 'registered', 100);
    expect(errors).toEqual([]);
  });
});

/**
 * Smoke test of the SIP lab itself: Kamailio in a private netns, headless
 * Chromium pages with the sip.js caller phone, a real WebRTC call between them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { startLab, type SipLab } from './lab/lab';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchLabBrowser, serveDir } from './lab/browser';
import { openCallerPhone, type CallerPhone } from './caller/page';

const timings: Record<string, number> = {};

async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[name] = Math.round(performance.now() - t0);
  }
}

describe('SIP lab', () => {
  let lab: SipLab;
  let context: BrowserContext;
  const phones: CallerPhone[] = [];

  async function phone(): Promise<CallerPhone> {
    const p = await openCallerPhone(context);
    phones.push(p);
    return p;
  }

  /** Page event logs + Kamailio log tail, for failure messages. */
  async function diagnostics(): Promise<string> {
    const parts: string[] = [];
    for (const [i, p] of phones.entries()) {
      const events = await p.events().catch(() => ['(page gone)']);
      parts.push(`--- phone ${i}:\n${events.join('\n')}`);
    }
    parts.push(`--- kamailio:\n${lab.kamailioLogTail(30)}`);
    return parts.join('\n');
  }

  async function closePhones(): Promise<void> {
    await Promise.all(phones.splice(0).map((p) => p.close()));
  }

  beforeAll(async () => {
    lab = await timed('labStart', () => startLab({ noReplyTimeoutMs: 2_000 }));
    context = await timed('browserLaunch', () => launchLabBrowser(lab));
  });

  afterAll(async () => {
    await closePhones();
    await context?.close().catch(() => undefined);
    await lab?.stop();
    console.info('lab timings (ms):', { ...timings, kamailioReady: lab?.timings.kamailioReadyMs, namespace: lab?.timings.namespaceMs });
  });

  it('connects a call between two registered browser phones with RTP both ways', async () => {
    const agent = await phone();
    const citizen = await phone();
    try {
      await timed('registerAgent', () => agent.register({ wsUrl: lab.wsUrl, ...lab.account('1001'), displayName: 'Agent 1001' }));
      await timed('registerCaller', () =>
        citizen.register({ wsUrl: lab.wsUrl, ...lab.account('2001'), displayName: 'Citizen 2001' }),
      );

      await agent.answerNext();
      const agentEstablished = agent.waitForState('Established', 15_000, 'next');
      await timed('callSetup', async () => {
        await citizen.call(`sip:1001@${lab.domain}`, { extraHeaders: ['X-Lab-Case: smoke'] });
        await citizen.waitForState('Established', 15_000);
      });
      await agentEstablished;

      const incoming = await agent.waitForIncoming(1_000);
      expect(incoming.fromUri).toBe(`sip:2001@${lab.domain}`);
      expect(incoming.fromDisplayName).toBe('Citizen 2001');
      expect(incoming.headers['X-Lab-Case']).toEqual(['smoke']);

      const [agentAudio, citizenAudio] = await timed('rtp20', () =>
        Promise.all([agent.waitForInboundAudio(21, 10_000), citizen.waitForInboundAudio(21, 10_000)]),
      );
      expect(agentAudio.packetsReceived).toBeGreaterThan(20);
      expect(citizenAudio.packetsReceived).toBeGreaterThan(20);

      const agentEnded = agent.waitForState('Terminated', 5_000);
      await timed('hangup', async () => {
        await citizen.hangup();
        await citizen.waitForState('Terminated', 5_000);
        await agentEnded;
      });
      expect(await agent.state()).toBe('Terminated');
      expect(await citizen.state()).toBe('Terminated');
    } catch (err) {
      throw new Error(`${String(err)}\n${await diagnostics()}`, { cause: err });
    } finally {
      await closePhones();
    }
  });

  it('rejects a REGISTER with a wrong password (no hang)', async () => {
    const p = await phone();
    try {
      const t0 = performance.now();
      await expect(
        p.register({ wsUrl: lab.wsUrl, ...lab.account('2002'), password: 'wrong-password', timeoutMs: 5_000 }),
      ).rejects.toThrow(/REGISTER rejected: (401|403|407)/);
      timings['wrongPasswordReject'] = Math.round(performance.now() - t0);
      expect(await p.lastFailure()).toMatch(/^REGISTER rejected: (401|403|407)/);
    } finally {
      await closePhones();
    }
  });

  it('answers 404 for a phone whose WebSocket closed and 480 for a hung one', async () => {
    const gone = await phone();
    const frozen = await phone();
    const citizen = await phone();
    try {
      await gone.register({ wsUrl: lab.wsUrl, ...lab.account('1004') });
      await frozen.register({ wsUrl: lab.wsUrl, ...lab.account('1003') });
      await citizen.register({ wsUrl: lab.wsUrl, ...lab.account('2003') });

      // Page closed without un-REGISTER: Kamailio skips contacts whose connection is gone.
      await gone.page.close();
      await citizen.call(`sip:1004@${lab.domain}`);
      await expect(citizen.waitForState('Established', 5_000)).rejects.toThrow(/404 Not Found/);

      // A hung phone keeps its WebSocket open but answers nothing: no reply
      // within noReplyTimeoutMs (2 s here) -> 480.
      await frozen.setUnresponsive(true);
      const t0 = performance.now();
      await citizen.call(`sip:1003@${lab.domain}`);
      await expect(citizen.waitForState('Established', 10_000)).rejects.toThrow(/480 Temporarily Unavailable/);
      timings['unreachable480'] = Math.round(performance.now() - t0);
      expect(timings['unreachable480']).toBeGreaterThanOrEqual(1_900);
      await frozen.setUnresponsive(false);
    } catch (err) {
      throw new Error(`${String(err)}\n${await diagnostics()}`, { cause: err });
    } finally {
      await closePhones();
    }
  });

  it('survives a Kamailio restart on the same port', async () => {
    const before = await timed('restart.openBefore', phone);
    await timed('restart.registerBefore', () => before.register({ wsUrl: lab.wsUrl, ...lab.account('1002') }));
    await timed('kamailioStop', () => lab.stopKamailio());
    expect(lab.isKamailioRunning()).toBe(false);
    await timed('kamailioRestart', () => lab.startKamailio());
    expect(lab.isKamailioRunning()).toBe(true);

    const after = await timed('restart.openAfter', phone);
    try {
      await timed('restart.registerAfter', () =>
        expect(after.register({ wsUrl: lab.wsUrl, ...lab.account('1002') })).resolves.toBe('registered'),
      );
      // The registrar forgot everything: 1003 was never registered -> 404.
      await timed('restart.call404', async () => {
        await after.call(`sip:1003@${lab.domain}`);
        await expect(after.waitForState('Established', 5_000)).rejects.toThrow(/404 Not Found/);
      });
    } catch (err) {
      throw new Error(`${String(err)}\n${await diagnostics()}`, { cause: err });
    } finally {
      // Includes the phone whose connection died with the old Kamailio.
      await timed('closePhonesAfterRestart', closePhones);
    }
  });

  it('serves a directory under http://localhost/ with content types, 404s and no traversal', async () => {
    const root = join(lab.tmpDir, 'static-root');
    mkdirSync(join(root, 'sub dir'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>index</title>');
    writeFileSync(join(root, 'app.js'), 'export const x = 1;');
    writeFileSync(join(root, 'sub dir', 'style.css'), 'body{}');
    writeFileSync(join(root, 'font.woff2'), 'w2');
    writeFileSync(join(lab.tmpDir, 'secret.txt'), 'secret');
    symlinkSync(join(lab.tmpDir, 'secret.txt'), join(root, 'link.txt'));
    await serveDir(context, 'http://localhost/static/', root);

    const page = await context.newPage();
    try {
      await page.goto('http://localhost/static/');
      expect(await page.title()).toBe('index');
      const results = await page.evaluate(async () => {
        const paths = [
          '/static/app.js',
          '/static/sub%20dir/style.css',
          '/static/font.woff2',
          '/static/missing.js',
          '/static/%2e%2e/secret.txt',
          '/static/..%2fsecret.txt',
          '/static/sub%20dir/..%2f..%2fsecret.txt',
          '/static/link.txt',
          '/static',
        ];
        const out: Record<string, string> = {};
        for (const path of paths) {
          try {
            const res = await fetch(path, { redirect: 'manual' });
            out[path] = `${res.status} ${res.headers.get('content-type') ?? ''}`.trim();
          } catch {
            out[path] = 'network error'; // not intercepted: nothing listens on localhost:80
          }
        }
        return out;
      });
      expect(results).toEqual({
        '/static/app.js': '200 text/javascript; charset=utf-8',
        '/static/sub%20dir/style.css': '200 text/css; charset=utf-8',
        '/static/font.woff2': '200 font/woff2',
        '/static/missing.js': '404 text/plain; charset=utf-8',
        // The browser normalises this to /secret.txt, outside the prefix: not served.
        '/static/%2e%2e/secret.txt': 'network error',
        '/static/..%2fsecret.txt': '404 text/plain; charset=utf-8',
        '/static/sub%20dir/..%2f..%2fsecret.txt': '404 text/plain; charset=utf-8',
        '/static/link.txt': '404 text/plain; charset=utf-8',
        '/static': '0',
      });
    } finally {
      await page.close();
    }
  });
});

// Unencrypted links only to this machine: the remote work-order service must be
// https:// (its token travels with every request) unless it is on loopback, and
// a ws:// SIP server that is not on loopback needs the agent's explicit
// "insecure" acknowledgement. Checked through the real IPC router, as the
// settings screens reach it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/app-core';
import { isCleartextToNetwork, isLoopbackHost } from '../../../src/shared/domain/loopback';
import { toSaveRequest, EMPTY_FORM } from '../../../src/renderer/features/settings/settings-form';
import { APP_SENDER, openTestCore } from '../../support/app-core';
import { makeTempDir } from '../../support/temp-dir';

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; issues?: { path: string; message: string }[] } };

describe('loopback', () => {
  it.each(['localhost', '127.0.0.1', '127.9.8.7', '[::1]', '::1', 'desk.localhost', '::ffff:127.0.0.1'])('%s is this machine', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['10.0.0.1', '192.168.1.2', 'pbx.example.cn', '127.0.0.1.evil.example', 'localhost.evil.example', '[::2]', '0.0.0.0'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
  it('only flags the cleartext scheme it is asked about', () => {
    expect(isCleartextToNetwork('ws://pbx.example.cn:5066', 'ws:')).toBe(true);
    expect(isCleartextToNetwork('wss://pbx.example.cn:7443', 'ws:')).toBe(false);
    expect(isCleartextToNetwork('ws://127.0.0.1:5066', 'ws:')).toBe(false);
    expect(isCleartextToNetwork('http://wo.example.cn', 'http:')).toBe(true);
    expect(isCleartextToNetwork('https://wo.example.cn', 'http:')).toBe(false);
  });
});

describe('settings refuse unencrypted links to the network', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: AppCore;
  const call = (channel: string, request: unknown) => core.router.handle(APP_SENDER, channel, request) as Promise<Reply>;
  const account = (wsServer: string, extra: Record<string, unknown> = {}) => ({
    account: { wsServer, sipUri: 'sip:1001@pbx.example.cn', authUser: '1001', displayName: '', ...extra },
    agent: { workNumber: '0307', city: '重庆' },
    language: 'zh-CN',
    password: 'pw',
  });

  beforeEach(() => {
    dir = makeTempDir();
    core = openTestCore(dir.path);
  });
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  it('a remote work-order service over http:// is refused with a clear message; https:// and loopback http:// are taken', async () => {
    const refused = await call('workOrderService:save', { url: 'http://wo.example.cn', token: 't' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    if (!refused.ok) expect(refused.error.issues).toEqual([{ path: 'url', message: 'errors.httpsRequired' }]);
    expect(await call('workOrderService:save', { url: 'https://wo.example.cn', token: 't' })).toMatchObject({ ok: true });
    expect(await call('workOrderService:save', { url: 'http://127.0.0.1:8080' })).toMatchObject({ ok: true });
  });

  it('ws:// to another machine needs the insecure acknowledgement; ws:// to loopback and wss:// do not', async () => {
    const refused = await call('settings:save', account('ws://10.0.0.5:5066'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    if (!refused.ok) expect(refused.error.issues).toEqual([{ path: 'account.wsServer', message: 'errors.wsInsecure' }]);
    expect(await call('settings:save', account('ws://10.0.0.5:5066', { insecureWsAcknowledged: true }))).toMatchObject({ ok: true });
    const stored = (await call('settings:get', {})) as { ok: true; value: { settings: { account: { insecureWsAcknowledged?: boolean } } } };
    expect(stored.value.settings.account.insecureWsAcknowledged).toBe(true);
    expect(await call('settings:save', account('ws://127.0.0.1:5066'))).toMatchObject({ ok: true });
    expect(await call('settings:save', account('wss://pbx.example.cn:7443'))).toMatchObject({ ok: true });
  });

  it('the form sends the acknowledgement only while the server really is cleartext to the network', () => {
    const values = { ...EMPTY_FORM, wsServer: 'ws://10.0.0.5:5066', insecureWsAcknowledged: true };
    expect(toSaveRequest(values, 'zh-CN').account.insecureWsAcknowledged).toBe(true);
    expect(toSaveRequest({ ...values, wsServer: 'wss://pbx.example.cn' }, 'zh-CN').account.insecureWsAcknowledged).toBeUndefined();
  });
});

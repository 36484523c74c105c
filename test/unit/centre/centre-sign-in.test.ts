import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppCore } from '../../../src/main/app-core';
import { CENTRE_TOKEN } from '../../../src/main/centre/centre-session';
import type { CentreStatus } from '../../../src/shared/ipc/contract-centre';
import { APP_SENDER, openTestCore } from '../../support/app-core';
import { createTestCipher } from '../../support/test-cipher';
import { makeTempDir } from '../../support/temp-dir';
import { makeTestCertificates, serverCertExt } from '../../support/test-certificates';
import { CENTRE_TOKEN_VALUE, refusal, signInResponse, startContractCentre, type ContractCentre } from './contract-centre-server';

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until<T>(read: () => T | null | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('centre sign-in (main): against a real HTTP server speaking the contract', () => {
  let centre: ContractCentre;
  let dir: ReturnType<typeof makeTempDir>;
  const cipher = createTestCipher();
  let core: AppCore;
  let signedOut: CentreStatus[];

  const open = () => {
    core = openTestCore(dir.path, cipher);
    signedOut = [];
    core.events.on((event, payload) => {
      if (event === 'centre:signedOut') signedOut.push(payload as CentreStatus);
    });
    return core;
  };
  const call = async (channel: string, payload: unknown) => {
    const reply = await core.router.handle(APP_SENDER, channel, payload);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
    return reply.value as Record<string, unknown>;
  };
  const signIn = (password = 'right-password', centreUrl = centre.url) => call('centre:signIn', { centreUrl, workNumber: '0307', password });
  const nothingSaved = async () => {
    const settings = await call('settings:get', {});
    expect(settings.settings).toBeNull();
    expect(settings.hasPassword).toBe(false);
    expect(await call('workOrderService:get', {})).toMatchObject({ url: '', hasToken: false, target: 'embedded' });
    expect(core.centre.status()).toMatchObject({ state: 'signed-out' });
  };

  beforeEach(async () => {
    centre = await startContractCentre();
    dir = makeTempDir('hotline-centre-');
    open();
  });

  afterEach(async () => {
    await core.close();
    await centre.close();
    dir.remove();
  });

  it('applies what the centre hands out: phone account and password, work-order service and token, departments, desk policy', async () => {
    const reply = await signIn();
    expect(reply).toMatchObject({ outcome: 'signed-in', status: { state: 'signed-in', person: { name: '王芳', workNumber: '0307' } } });

    const signInRequest = centre.seen.find((r) => r.path === '/v1/sign-in')!;
    const instance = await call('phone:getPreferences', {});
    expect(signInRequest.body).toEqual({ workNumber: '0307', password: 'right-password', deskId: instance.instanceId });

    const settings = await call('settings:get', {});
    expect(settings.settings).toEqual({
      account: { wsServer: 'wss://pbx.centre.example.cn:7443/ws', sipUri: 'sip:1001@centre.example.cn', authUser: '1001', displayName: '王芳' },
      agent: { workNumber: '0307', city: '重庆' },
      language: 'zh-CN',
    });
    expect(settings.cityInEnglish).toBe('Chongqing');
    expect(await call('settings:sipCredentials', {})).toEqual({ password: 'sip-secret-1001' });
    expect((instance.preferences as { backupServers: string[] }).backupServers).toEqual(['wss://pbx2.centre.example.cn:7443/ws']);
    expect(await call('workOrderService:get', {})).toEqual({ url: centre.url, hasToken: true, target: 'remote' });
    expect(await call('workOrders:departments', {})).toEqual([
      { id: 'housing-construction', nameZh: '住房和城乡建设局', nameEn: 'Housing and Urban-Rural Development' },
      { id: 'water-affairs', nameZh: '水务局', nameEn: 'Water Affairs' },
    ]);
    expect(((await call('agentDesk:getSettings', {})).settings as { afterCallSeconds: number }).afterCallSeconds).toBe(45);

    // The work-order sync now talks to the centre with the person's token.
    const syncRequest = await until(() => centre.seen.find((r) => r.path === '/v1/changes'), 'the sync to reach the centre');
    expect(syncRequest.authorization).toBe(`Bearer ${CENTRE_TOKEN_VALUE}`);

    // Secrets are ciphertext only.
    const file = readFileSync(join(dir.path, 'hotline-desk.sqlite'));
    expect(file.includes(Buffer.from('sip-secret-1001'))).toBe(false);
    expect(file.includes(Buffer.from(CENTRE_TOKEN_VALUE))).toBe(false);
  });

  it.each([
    ['unknown_work_number', 404, 'unknown-work-number'],
    ['wrong_password', 401, 'wrong-password'],
    ['person_disabled', 403, 'person-disabled'],
  ] as const)('a refusal with code %s is the failure %s, and nothing is saved', async (code, status, failure) => {
    centre.signIn = () => refusal(status, code);
    expect(await signIn()).toEqual({ outcome: 'refused', failure, retryAfterMinutes: null });
    await nothingSaved();
  });

  it('locked out: says how many minutes, from Retry-After', async () => {
    centre.signIn = () => refusal(429, 'locked_out', { 'retry-after': '290' });
    expect(await signIn()).toEqual({ outcome: 'refused', failure: 'locked-out', retryAfterMinutes: 5 });
    centre.signIn = () => refusal(429, 'locked_out');
    expect(await signIn()).toEqual({ outcome: 'refused', failure: 'locked-out', retryAfterMinutes: null });
    await nothingSaved();
  });

  it('a person the centre has not given a phone account yet: its own failure, nothing saved', async () => {
    centre.signIn = () => ({ status: 200, body: signInResponse({ sip: null }) });
    expect(await signIn()).toMatchObject({ outcome: 'refused', failure: 'no-phone-account' });
    await nothingSaved();
  });

  it('an unreachable centre (nothing listening, a gateway 502) is its own failure; the address is remembered', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    expect(await signIn('pw', url)).toMatchObject({ outcome: 'refused', failure: 'unreachable' });
    expect(core.centre.status()).toMatchObject({ state: 'signed-out', centreUrl: url, reason: null, manualSetup: false });
    centre.signIn = () => ({ status: 502, text: '<html>Bad Gateway</html>' });
    expect(await signIn()).toMatchObject({ outcome: 'refused', failure: 'unreachable' });
    await nothingSaved();
  });

  it.each([
    ['a body that is not JSON', { status: 200, text: 'welcome!' }],
    ['JSON of the wrong shape', { status: 200, body: { token: 'x', person: {} } }],
    ['an unknown error code', refusal(400, 'something_new')],
    ['a SIP server in clear text to another machine', { status: 200, body: signInResponse({ sip: { ...signInResponse().provisioning.sip!, servers: ['ws://10.0.0.5:5066'] } }) }],
    ['a SIP URI the desk cannot dial with', { status: 200, body: signInResponse({ sip: { ...signInResponse().provisioning.sip!, sipUri: 'not a uri' } }) }],
  ])('a malformed reply (%s) is a clear failure and nothing is saved', async (_what, answer) => {
    centre.signIn = () => answer;
    expect(await signIn()).toMatchObject({ outcome: 'refused', failure: 'bad-reply' });
    await nothingSaved();
  });

  it('refuses http:// to another machine and anything that is not an address before asking anyone', async () => {
    for (const centreUrl of ['http://10.1.2.3:8080', 'ftp://centre.example.cn', 'centre']) {
      const reply = await core.router.handle(APP_SENDER, 'centre:signIn', { centreUrl, workNumber: '0307', password: 'pw' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    expect(centre.seen).toEqual([]);
  });

  it('IPC: invalid payloads and other senders are refused before the centre is asked', async () => {
    const good = { centreUrl: centre.url, workNumber: '0307', password: 'pw' };
    for (const payload of [
      {},
      { ...good, password: '' },
      { ...good, workNumber: '03 07' },
      { ...good, workNumber: 'x'.repeat(17) },
      { ...good, password: 'p'.repeat(257) },
      { ...good, centreUrl: 42 },
      null,
    ]) {
      expect(await core.router.handle(APP_SENDER, 'centre:signIn', payload)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    expect(await core.router.handle(APP_SENDER, 'centre:signOut', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    for (const sender of [
      { frameUrl: 'https://evil.example/', isMainFrame: true },
      { ...APP_SENDER, isMainFrame: false },
    ]) {
      expect(await core.router.handle(sender, 'centre:signIn', good)).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
      expect(await core.router.handle(sender, 'centre:status', {})).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    }
    expect(centre.seen).toEqual([]);
  });

  it('https with the centre’s own CA: refused until the CA is set (the same one the phone uses), then signed in', async () => {
    const certs = makeTestCertificates();
    try {
      const caPem = certs.selfSigned('ca', '/CN=12345 Centre CA', true);
      const cert = certs.issued('centre', '/CN=centre', 'ca', serverCertExt('IP:127.0.0.1'));
      const secure = await startContractCentre({ key: certs.key('centre'), cert });
      try {
        const request = { centreUrl: secure.url, workNumber: '0307', password: 'pw' };
        expect(await call('centre:signIn', request)).toMatchObject({ outcome: 'refused', failure: 'unreachable' });
        await call('phone:setCustomCa', { pem: caPem });
        expect(await call('centre:signIn', request)).toMatchObject({ outcome: 'signed-in' });
        expect(secure.seen.filter((r) => r.path === '/v1/sign-in')).toHaveLength(1);
      } finally {
        await secure.close();
      }
    } finally {
      certs.remove();
    }
  });

  it('signing out forgets the token and the SIP password, keeps the handed-out account as not-manual', async () => {
    await signIn();
    const status = await call('centre:signOut', {});
    expect(status).toEqual({ state: 'signed-out', centreUrl: centre.url, reason: 'signed-out', manualSetup: false });
    expect(await call('settings:sipCredentials', {})).toEqual({ password: null });
    expect(await call('workOrderService:get', {})).toMatchObject({ url: centre.url, hasToken: false });
    expect(signedOut).toEqual([]);
    // The centre is asked to revoke the token too.
    const revoke = await until(() => centre.seen.find((r) => r.path === '/v1/sign-out'), 'the sign-out request');
    expect(revoke).toMatchObject({ method: 'POST', authorization: `Bearer ${CENTRE_TOKEN_VALUE}` });
  });

  it('at start a stored token is checked with GET /v1/me: revoked centrally signs the desk out with the reason', async () => {
    await signIn();
    await core.close();
    centre.me = () => refusal(401, 'token_revoked');
    open();
    const status = await until(() => (signedOut[0] ? signedOut[0] : null), 'the signed-out event');
    expect(status).toMatchObject({ state: 'signed-out', reason: 'revoked' });
    expect(centre.seen.filter((r) => r.path === '/v1/me').map((r) => r.authorization)).toEqual([`Bearer ${CENTRE_TOKEN_VALUE}`]);
    expect(await call('settings:sipCredentials', {})).toEqual({ password: null });
    expect(await call('centre:status', {})).toMatchObject({ state: 'signed-out', reason: 'revoked' });
  });

  it('at start, an unreachable centre keeps the desk signed in with what it was handed', async () => {
    await signIn();
    await core.close();
    await centre.close();
    open();
    await core.centre.checkAtStart();
    expect(core.centre.status()).toMatchObject({ state: 'signed-in' });
    expect(await call('settings:sipCredentials', {})).toEqual({ password: 'sip-secret-1001' });
  });

  it('a work-order sync request answered 401 token_expired signs the desk out', async () => {
    centre.other = (_method, path) => (path === '/v1/changes' ? refusal(401, 'token_expired') : { status: 404, body: {} });
    await signIn();
    const status = await until(() => signedOut[0], 'the signed-out event');
    expect(status).toMatchObject({ state: 'signed-out', reason: 'expired' });
    expect(await call('workOrderService:get', {})).toMatchObject({ hasToken: false });
    expect(await call('settings:sipCredentials', {})).toEqual({ password: null });
  });

  it('an answer for a token the desk no longer holds changes nothing', async () => {
    await signIn();
    core.centre.tokenRefused('token_revoked', 'hdw_an-older-token');
    expect(core.centre.status()).toMatchObject({ state: 'signed-in' });
    expect(signedOut).toEqual([]);
    expect(CENTRE_TOKEN).toBe('centre-token');
  });

  it("keeps the agent's English name for the centre's city through the next sign-in", async () => {
    await signIn();
    const { settings } = (await call('settings:get', {})) as { settings: Record<string, unknown> };
    await call('settings:save', { ...settings, agent: { workNumber: '0307', city: '重庆', cityEn: 'Chongqing City' } });
    await call('centre:signOut', {});
    await signIn();
    expect(await call('settings:get', {})).toMatchObject({ settings: { agent: { city: '重庆', cityEn: 'Chongqing City' } }, cityInEnglish: 'Chongqing City' });
  });

  it('settings changed by hand after sign-in count as manual set-up once signed out', async () => {
    await signIn();
    await call('settings:save', {
      account: { wsServer: 'wss://pbx.other.example.cn/ws', sipUri: 'sip:2002@other.example.cn', authUser: '2002', displayName: '' },
      agent: { workNumber: '0307', city: '重庆' },
      language: 'zh-CN',
      password: 'typed-by-hand',
    });
    expect(await call('centre:signOut', {})).toMatchObject({ state: 'signed-out', manualSetup: true });
  });
});

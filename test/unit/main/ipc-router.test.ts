import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invokeContract } from '../../../src/shared/ipc/contract';
import { APP_SENDER } from '../../support/app-core';
import { useTestCore } from '../../support/test-core-fixture';
import { createTestCipher } from '../../support/test-cipher';

const account = {
  wsServer: 'wss://pbx.example.cn:7443/ws',
  sipUri: 'sip:1001@pbx.example.cn',
  authUser: '1001',
  displayName: '王芳',
};
const agent = { workNumber: '0307', city: '重庆' };
const validSettings = { account, agent, language: 'zh-CN' as const, password: 'S3cret-口令' };

describe('IPC router over the real store', () => {
  const t = useTestCore();
  const call = t.call;
  const count = (table: string) => t.core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

  it('refuses a sender that is not our app main frame', async () => {
    const fromIframe = await t.core.router.handle({ ...APP_SENDER, isMainFrame: false }, 'settings:get', {});
    const fromElsewhere = await t.core.router.handle(
      { frameUrl: 'https://evil.example/', isMainFrame: true },
      'settings:get',
      {},
    );
    expect(fromIframe).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(fromElsewhere).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  });

  it('refuses unknown channels', async () => {
    expect(await call('fs:readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('rejects invalid settings with field issues and writes nothing', async () => {
    const reply = await call('settings:save', {
      ...validSettings,
      account: { ...account, wsServer: 'http://pbx.example.cn', authUser: '  ' },
    });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid-payload');
    expect(reply.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'account.wsServer', message: 'errors.wsServer' },
        { path: 'account.authUser', message: 'errors.required' },
      ]),
    );
    expect(count('settings')).toBe(0);
    expect(count('secrets')).toBe(0);
  });

  it('requires a password the first time, then keeps the stored one', async () => {
    const { password: _password, ...withoutPassword } = validSettings;
    expect(await call('settings:save', withoutPassword)).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', issues: [{ path: 'password', message: 'errors.required' }] },
    });
    expect(await call('settings:save', validSettings)).toMatchObject({ ok: true, value: { hasPassword: true } });
    expect(await call('settings:save', { ...withoutPassword, agent: { ...agent, city: '成都' } })).toMatchObject({
      ok: true,
      value: { settings: { agent: { city: '成都' } } },
    });
    expect(await call('settings:sipCredentials', {})).toEqual({ ok: true, value: { password: validSettings.password } });
  });

  it('names the city for English text: in pinyin from the city, or as the agent spells it', async () => {
    await t.open(createTestCipher());
    expect(await call('settings:get', {})).toMatchObject({ ok: true, value: { settings: null, cityInEnglish: '' } });
    expect(await call('settings:save', { ...validSettings, agent: { ...agent, city: '西安市' } })).toMatchObject({ ok: true, value: { cityInEnglish: "Xi'an" } });
    expect(await call('settings:save', { ...validSettings, agent: { ...agent, city: '呼和浩特', cityEn: ' Hohhot ' } })).toMatchObject({
      ok: true,
      value: { settings: { agent: { city: '呼和浩特', cityEn: 'Hohhot' } }, cityInEnglish: 'Hohhot' },
    });
    // A name too long for a greeting is refused at the boundary, and nothing is saved.
    expect(await call('settings:save', { ...validSettings, agent: { ...agent, cityEn: 'x'.repeat(65) } })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await call('settings:get', {})).toMatchObject({ ok: true, value: { cityInEnglish: 'Hohhot' } });
  });

  it('keeps the English name with what it was made from, so the settings read at start needs no pinyin dictionary', async () => {
    await t.open(createTestCipher());
    await call('settings:save', validSettings);
    const kept = () => JSON.parse((t.core.db.prepare("SELECT value FROM settings WHERE key = 'cityInEnglish'").get() as { value: string }).value) as { from: string; name: string };
    expect(kept()).toEqual({ from: JSON.stringify(['重庆', '']), name: 'Chongqing' });
    // What is kept is what a read gives back while the city stays the same (marked here to tell it from a new spelling)...
    t.core.db.prepare("UPDATE settings SET value = ? WHERE key = 'cityInEnglish'").run(JSON.stringify({ ...kept(), name: 'Chongqing (kept)' }));
    expect(await call('settings:get', {})).toMatchObject({ ok: true, value: { cityInEnglish: 'Chongqing (kept)' } });
    // ...and a new city is spelled anew; a kept value that is not what it should be is made again.
    expect(await call('settings:save', { ...validSettings, agent: { ...agent, city: '长沙' } })).toMatchObject({ ok: true, value: { cityInEnglish: 'Changsha' } });
    t.core.db.prepare("UPDATE settings SET value = 'not json' WHERE key = 'cityInEnglish'").run();
    expect(await call('settings:get', {})).toMatchObject({ ok: true, value: { cityInEnglish: 'Changsha' } });
  });

  it('keeps settings across a restart and never writes the password in plain text', async () => {
    const cipher = createTestCipher();
    await t.open(cipher);
    await call('settings:save', validSettings);
    t.core.db.pragma('wal_checkpoint(TRUNCATE)');
    await t.close();
    for (const file of ['hotline-desk.sqlite', 'hotline-desk.sqlite-wal']) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(t.dir, file));
      } catch {
        continue;
      }
      expect(bytes.includes(Buffer.from(validSettings.password))).toBe(false);
      expect(bytes.includes(Buffer.from('S3cret'))).toBe(false);
    }
    await t.open(cipher);
    const view = await call('settings:get', {});
    expect(view).toEqual({
      ok: true,
      value: {
        settings: { account, agent, language: 'zh-CN' },
        language: 'zh-CN',
        hasPassword: true,
        secretStorage: 'os-keychain',
        cityInEnglish: 'Chongqing',
      },
    });
    expect(invokeContract['settings:get'].reply.safeParse(view.ok && view.value).success).toBe(true);
    expect(await call('settings:sipCredentials', {})).toEqual({ ok: true, value: { password: validSettings.password } });
  });

  it('keeps the password in memory only when the OS has no keychain', async () => {
    await t.open(createTestCipher(false));
    expect(await call('settings:save', validSettings)).toMatchObject({
      ok: true,
      value: { hasPassword: true, secretStorage: 'memory-only' },
    });
    expect(count('secrets')).toBe(0);
    expect(await call('settings:sipCredentials', {})).toEqual({ ok: true, value: { password: validSettings.password } });
  });

  it('records a call and its work-order draft, and restores the draft after a restart', async () => {
    const id = '6f1c2a8e-0000-4000-8000-000000000001';
    await call('calls:event', { type: 'ringing', id, direction: 'inbound', remoteNumber: '13800138000', remoteName: '李先生', startedAt: 1_000 });
    const answered = { type: 'answered', id, direction: 'inbound', remoteNumber: '13800138000', remoteName: '李先生', startedAt: 1_000, answeredAt: 3_000 };
    const opened = await call('calls:event', answered);
    expect(opened).toMatchObject({ ok: true, value: { workOrder: { fields: { callerPhone: '13800138000', callerName: '李先生' }, revision: 0 } } });
    const draftId = opened.ok ? (opened.value as { workOrder: { id: string } }).workOrder.id : '';
    expect(await call('workOrders:save', { id: draftId, fields: { summary: '小区路灯不亮' } })).toMatchObject({
      ok: true,
      value: { revision: 1 },
    });
    expect(await call('workOrders:save', { id: draftId, fields: { description: '三栋门口的路灯坏了两周。' } })).toMatchObject({
      ok: true,
      value: { revision: 2 },
    });
    await call('calls:event', { type: 'ended', id, endedAt: 9_000, outcome: 'answered', endedBy: 'remote' });

    await t.open();
    expect(await call('workOrders:get', { id: draftId })).toMatchObject({
      ok: true,
      value: { fields: { summary: '小区路灯不亮', description: '三栋门口的路灯坏了两周。' }, callId: id, revision: 2 },
    });
    // The same answer reported again (a renderer reload) returns the same draft, not a new one, and keeps the first answer time.
    expect(await call('calls:event', { ...answered, remoteNumber: 'x', remoteName: 'y', answeredAt: 4_000 })).toMatchObject({
      ok: true,
      value: { workOrder: { id: draftId } },
    });
    expect(await call('calls:list', {})).toMatchObject({
      ok: true,
      value: [{ id, answeredAt: 3_000, endedAt: 9_000, outcome: 'answered', endedBy: 'remote' }],
    });
  });

  it('rejects an oversized or unknown work-order field and changes nothing', async () => {
    const id = '6f1c2a8e-0000-4000-8000-000000000002';
    await call('calls:event', { type: 'ringing', id, direction: 'inbound', remoteNumber: '110', remoteName: '', startedAt: 1 });
    const opened = await call('calls:event', { type: 'answered', id, direction: 'inbound', remoteNumber: '110', remoteName: '', startedAt: 1, answeredAt: 2 });
    const draftId = opened.ok ? (opened.value as { workOrder: { id: string } }).workOrder.id : '';
    const tooLong = await call('workOrders:save', { id: draftId, fields: { summary: '长'.repeat(201) } });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid-payload', issues: [{ path: 'fields.summary' }] } });
    const injected = await call('workOrders:save', { id: draftId, fields: { 'revision = 99; --': 'x' } });
    expect(injected).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await call('workOrders:get', { id: draftId })).toMatchObject({ ok: true, value: { fields: { summary: '' }, revision: 0 } });
  });

  it('answers not-found for a work order that does not exist', async () => {
    expect(await call('workOrders:save', { id: 'no-such-draft', fields: { summary: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});

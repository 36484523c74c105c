import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SettingsSaveRequest, SettingsView } from '../../../shared/domain/settings';
import type { HotlineBridge } from '../../../shared/ipc/bridge';
import { fail, ok, type Envelope } from '../../../shared/ipc/envelope';
import { installBridge } from '../../ipc/bridge';
import type { SettingsFormValues } from './settings-form';
import { onSettingsSaved, useSettingsStore } from './settings-store';

const VALID: SettingsFormValues = {
  wsServer: 'wss://sip.example.test:7443',
  sipUri: 'sip:1001@sip.example.test',
  authUser: '1001',
  password: 'secret',
  displayName: '',
  workNumber: '0815',
  city: '杭州',
  cityEn: '',
};

const EMPTY_VIEW: SettingsView = { settings: null, language: 'zh-CN', hasPassword: false, secretStorage: 'os-keychain', cityInEnglish: '' };

let saveReply: (request: SettingsSaveRequest) => Envelope<SettingsView>;
const save = vi.fn((request: SettingsSaveRequest) => Promise.resolve(saveReply(request)));

beforeEach(async () => {
  save.mockClear();
  saveReply = (request) =>
    ok({
      settings: { account: request.account, agent: request.agent, language: request.language },
      language: request.language,
      hasPassword: true,
      secretStorage: 'os-keychain',
      cityInEnglish: request.agent.cityEn ?? 'Hangzhou',
    });
  installBridge({
    settings: { get: () => Promise.resolve(ok(EMPTY_VIEW)), save },
  } as unknown as HotlineBridge);
  await useSettingsStore.getState().load();
});
afterEach(() => installBridge(null));

const state = () => useSettingsStore.getState();

describe('settings store', () => {
  it('opens the form on first start', () => {
    expect(state().formOpen).toBe(true);
  });

  it('does not send invalid input and shows each field’s error', async () => {
    const saved = await state().save({ ...VALID, wsServer: 'https://x', city: '' });
    expect(saved).toBe(false);
    expect(save).not.toHaveBeenCalled();
    expect(state().fieldErrors).toEqual({ wsServer: 'errors.wsServer', city: 'errors.required' });
  });

  it('requires a password when none is stored', async () => {
    await state().save({ ...VALID, password: '' });
    expect(save).not.toHaveBeenCalled();
    expect(state().fieldErrors).toEqual({ password: 'errors.required' });
  });

  it('maps an invalid-payload reply from main to the fields', async () => {
    saveReply = () => fail('invalid-payload', 'bad', [{ path: 'account.sipUri', message: 'errors.sipUri' }]);
    await state().save(VALID);
    expect(save).toHaveBeenCalledTimes(1);
    expect(state().fieldErrors).toEqual({ sipUri: 'errors.sipUri' });
  });

  it('shows other failures as a form error', async () => {
    saveReply = () => fail('storage-failed', 'disk full');
    await state().save(VALID);
    expect(state().formErrors).toEqual(['ipcErrors.storage-failed']);
    expect(state().formOpen).toBe(true);
  });

  it('saves valid input, closes the form and signals the restart', async () => {
    let saved = 0;
    const off = onSettingsSaved(() => saved++);
    expect(await state().save(VALID)).toBe(true);
    off();
    expect(save.mock.calls[0]![0]).toMatchObject({ password: 'secret', agent: { workNumber: '0815' } });
    expect(saved).toBe(1);
    expect(state().formOpen).toBe(false);
    expect(state().fieldErrors).toEqual({});

    // Now a password is stored: an empty field keeps it and is not sent.
    await state().save({ ...VALID, password: '' });
    expect(save.mock.calls[1]![0]).not.toHaveProperty('password');
  });
});

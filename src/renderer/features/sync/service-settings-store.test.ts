import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../shared/ipc/envelope';
import { installBridge } from '../../ipc/bridge';
import { fakeBridge } from '../work-order/test-fixtures';
import { useServiceSettingsStore } from './service-settings-store';

const store = () => useServiceSettingsStore.getState();
let save: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  save = vi.fn((request: { url: string; token?: string }) =>
    Promise.resolve(ok({ url: request.url, hasToken: request.token !== undefined, target: request.url ? 'remote' : 'embedded' })),
  );
  installBridge(
    fakeBridge({
      workOrderService: { get: vi.fn(() => Promise.resolve(ok({ url: '', hasToken: false, target: 'embedded' }))), save },
    }).bridge,
  );
  await store().load();
});
afterEach(() => installBridge(null));

describe('work-order service settings', () => {
  it('refuses an address that is not http(s) without asking main', async () => {
    store().edit('url', 'ftp://centre.example.cn');
    expect(await store().save()).toBe(false);
    expect(store().errors.url).toBe('errors.httpUrl');
    expect(save).not.toHaveBeenCalled();
  });

  it('saves the address and the token, and never keeps the token in the form', async () => {
    store().edit('url', ' https://wo.example.cn ');
    store().edit('token', 'secret-token');
    expect(await store().save()).toBe(true);
    expect(save).toHaveBeenCalledWith({ url: 'https://wo.example.cn', token: 'secret-token' });
    expect(store()).toMatchObject({ token: '', view: { target: 'remote', hasToken: true } });
  });

  it('an empty token keeps the stored one (not sent); an empty address means the built-in service', async () => {
    store().edit('url', '');
    expect(await store().save()).toBe(true);
    expect(save).toHaveBeenCalledWith({ url: '' });
  });
});

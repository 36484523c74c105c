import { beforeEach, describe, expect, it } from 'vitest';
import type { PhonePreferencesData } from '../../../shared/domain/phone-preferences';
import {
  DEFAULT_PREFERENCES,
  LEGACY_STORAGE_KEY,
  loadPhonePreferences,
  parsePreferences,
  usePhonePreferences,
  type PreferencesBackend,
} from './phone-preferences';

function fakeBackend(initial: PhonePreferencesData | null, failSave = false) {
  const saves: PhonePreferencesData[] = [];
  let stored = initial;
  const backend: PreferencesBackend = {
    get: () => Promise.resolve(stored),
    save: (p) => {
      if (failSave) return Promise.reject(new Error('storage-failed'));
      saves.push(p);
      stored = p;
      return Promise.resolve(p);
    },
  };
  return { backend, saves, stored: () => stored };
}

function fakeStorage(value: string | null) {
  const items = new Map<string, string>(value === null ? [] : [[LEGACY_STORAGE_KEY, value]]);
  return { getItem: (k: string) => items.get(k) ?? null, removeItem: (k: string) => void items.delete(k), items };
}

const legacy = JSON.stringify({
  dtmfMode: 'info',
  autoAnswer: { mode: 'after', seconds: 99 },
  backupServers: ['wss://b1.example.cn/ws', 'not a url', 'wss://b1.example.cn/ws'],
});

describe('phone preferences in SQLite', () => {
  beforeEach(() => usePhonePreferences.setState({ preferences: DEFAULT_PREFERENCES, loaded: false, saveError: null }));

  it('moves the localStorage values to main once, clamped, and removes them', async () => {
    const main = fakeBackend(null);
    const storage = fakeStorage(legacy);
    const loaded = await loadPhonePreferences({ backend: main.backend, storage });
    const expected = { dtmfMode: 'info', autoAnswer: { mode: 'after', seconds: 30 }, backupServers: ['wss://b1.example.cn/ws'] };
    expect(loaded).toEqual(expected);
    expect(main.saves).toEqual([expected]);
    expect(storage.items.has(LEGACY_STORAGE_KEY)).toBe(false);
    // Next start: main has them; nothing is migrated again.
    await loadPhonePreferences({ backend: main.backend, storage: fakeStorage(JSON.stringify({ dtmfMode: 'rfc4733' })) });
    expect(main.saves).toHaveLength(1);
    expect(usePhonePreferences.getState()).toMatchObject({ loaded: true, preferences: expected });
  });

  it('keeps the localStorage values when moving them fails, and uses them for now', async () => {
    const storage = fakeStorage(legacy);
    await loadPhonePreferences({ backend: fakeBackend(null, true).backend, storage });
    expect(storage.items.has(LEGACY_STORAGE_KEY)).toBe(true);
    expect(usePhonePreferences.getState()).toMatchObject({ loaded: true, preferences: { dtmfMode: 'info' } });
  });

  it('prefers what main stored over localStorage', async () => {
    const stored: PhonePreferencesData = { dtmfMode: 'rfc4733', autoAnswer: { mode: 'header', seconds: 0 }, backupServers: [] };
    const storage = fakeStorage(legacy);
    expect(await loadPhonePreferences({ backend: fakeBackend(stored).backend, storage })).toEqual(stored);
    expect(storage.items.has(LEGACY_STORAGE_KEY)).toBe(true);
  });

  it('saves each change through the backend, in order, and skips an invalid one', async () => {
    const main = fakeBackend(null);
    await loadPhonePreferences({ backend: main.backend, storage: null });
    usePhonePreferences.getState().update({ dtmfMode: 'info' });
    usePhonePreferences.getState().update({ autoAnswer: { mode: 'after', seconds: 5 } });
    usePhonePreferences.getState().update({ autoAnswer: { mode: 'after', seconds: Number.NaN } });
    await expect.poll(() => main.saves.length).toBe(2);
    expect(main.stored()).toMatchObject({ dtmfMode: 'info', autoAnswer: { mode: 'after', seconds: 5 } });
  });

  it('reads garbage as defaults', () => {
    expect(parsePreferences('{')).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences(null)).toEqual(DEFAULT_PREFERENCES);
  });
});

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsRepo } from '../../../src/main/store/settings-repo';

// A broken install: the pinyin dictionary cannot be required.
vi.mock('../../../src/main/pinyin', () => ({
  loadPinyin: () => {
    throw new Error("Cannot find module 'pinyin-pro'");
  },
}));

describe('the city in English without its dictionary', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  afterEach(() => vi.restoreAllMocks());

  it('says the city as typed and keeps nothing, so a later read tries again; the agent\'s own spelling needs no dictionary', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const repo = new SettingsRepo(db);
    const kept = () => db.prepare("SELECT value FROM settings WHERE key = 'cityInEnglish'").get();
    expect(repo.cityInEnglish({ workNumber: '0307', city: '重庆' })).toBe('重庆');
    expect(kept()).toBeUndefined();
    expect(repo.cityInEnglish({ workNumber: '0307', city: '重庆' })).toBe('重庆');
    expect(warn).toHaveBeenCalledTimes(2);
    expect(repo.cityInEnglish({ workNumber: '0307', city: '呼和浩特', cityEn: 'Hohhot' })).toBe('Hohhot');
    expect(kept()).toBeDefined();
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

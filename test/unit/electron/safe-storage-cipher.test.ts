// The `electron` module is replaced by a fake (./fake-electron) because the
// Electron binary cannot be downloaded or run here. The fake safeStorage lets
// the test choose whether the OS keychain is available and which Linux backend
// Electron selected; like Electron, getSelectedStorageBackend exists only on Linux.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSafeStorageCipher } from '../../../src/main/electron/safe-storage-cipher';
import { fakeSafeStorage } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const realPlatform = Object.getOwnPropertyDescriptor(process, 'platform')!;
const onPlatform = (platform: NodeJS.Platform) => Object.defineProperty(process, 'platform', { ...realPlatform, value: platform });

describe('safeStorage cipher', () => {
  afterEach(() => {
    Object.defineProperty(process, 'platform', realPlatform);
    fakeSafeStorage.reset();
  });

  describe('is available', () => {
    it.each(['linux', 'darwin', 'win32'] as const)('not on %s when encryption is unavailable', (platform) => {
      onPlatform(platform);
      fakeSafeStorage.available = false;
      expect(createSafeStorageCipher().isAvailable()).toBe(false);
    });

    it('not on Linux with the hard-coded key (basic_text): that is no keychain', () => {
      onPlatform('linux');
      fakeSafeStorage.backend = 'basic_text';
      expect(createSafeStorageCipher().isAvailable()).toBe(false);
    });

    it.each(['gnome_libsecret', 'kwallet5', 'kwallet6'] as const)('on Linux with a real keyring (%s)', (backend) => {
      onPlatform('linux');
      fakeSafeStorage.backend = backend;
      expect(createSafeStorageCipher().isAvailable()).toBe(true);
    });

    it.each(['darwin', 'win32'] as const)('on %s whenever encryption is (no Linux backend to ask)', (platform) => {
      onPlatform(platform);
      expect(createSafeStorageCipher().isAvailable()).toBe(true);
    });
  });

  it('encrypts through safeStorage and decrypts back', () => {
    const cipher = createSafeStorageCipher();
    const password = 'S3cret-口令';
    const ciphertext = cipher.encrypt(password);
    expect(ciphertext.toString('utf8')).not.toContain(password);
    expect(ciphertext.toString('latin1')).not.toContain('S3cret');
    expect(cipher.decrypt(ciphertext)).toBe(password);
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
  });

  it('lets safeStorage’s errors through rather than inventing a value', () => {
    const cipher = createSafeStorageCipher();
    expect(() => cipher.decrypt(Buffer.from('S3cret-口令'))).toThrow(/decryptString/);
    fakeSafeStorage.available = false;
    expect(() => cipher.encrypt('S3cret-口令')).toThrow(/Encryption is not available/);
  });
});

import { safeStorage } from 'electron';
import type { SecretCipher } from '../secrets/secret-cipher';

/**
 * safeStorage backed by the OS keychain. On Linux without a keyring Electron
 * falls back to a hard-coded key ("basic_text"): we treat that as no keychain
 * and keep the password in memory only rather than pretend it is protected.
 */
export function createSafeStorageCipher(): SecretCipher {
  return {
    isAvailable: () =>
      safeStorage.isEncryptionAvailable() &&
      (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    encrypt: (plaintext) => safeStorage.encryptString(plaintext),
    decrypt: (ciphertext) => safeStorage.decryptString(ciphertext),
  };
}

/**
 * Encrypts secrets with a key the OS keeps (Electron's safeStorage in the app).
 * Kept as an interface so everything but the Electron entry runs in plain Node.
 */
export interface SecretCipher {
  /** False when the OS offers no keychain: secrets then stay in memory only. */
  isAvailable(): boolean;
  encrypt(plaintext: string): Buffer;
  decrypt(ciphertext: Buffer): string;
}

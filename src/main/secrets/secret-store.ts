import type Database from 'better-sqlite3';
import type { SecretStorage } from '../../shared/domain/settings';
import type { SecretCipher } from './secret-cipher';

/**
 * Named secrets (the SIP password). Only ciphertext reaches SQLite; without a
 * keychain the secret is held in memory for this session and never written.
 */
export class SecretStore {
  private readonly memory = new Map<string, string>();

  constructor(
    private readonly db: Database.Database,
    private readonly cipher: SecretCipher,
  ) {}

  get storage(): SecretStorage {
    return this.cipher.isAvailable() ? 'os-keychain' : 'memory-only';
  }

  set(name: string, plaintext: string): void {
    if (this.cipher.isAvailable()) {
      const ciphertext = this.cipher.encrypt(plaintext);
      this.db
        .prepare('INSERT INTO secrets (name, ciphertext) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET ciphertext = excluded.ciphertext')
        .run(name, ciphertext);
      this.memory.delete(name);
    } else {
      this.memory.set(name, plaintext);
    }
  }

  get(name: string): string | null {
    const inMemory = this.memory.get(name);
    if (inMemory !== undefined) return inMemory;
    if (!this.cipher.isAvailable()) return null;
    const row = this.db.prepare('SELECT ciphertext FROM secrets WHERE name = ?').get(name) as
      | { ciphertext: Buffer }
      | undefined;
    if (!row) return null;
    try {
      return this.cipher.decrypt(row.ciphertext);
    } catch {
      // The keychain changed (new OS user, restored profile): the agent must type it again.
      return null;
    }
  }

  /** Forgets the secret (signing out), from memory and from SQLite. */
  remove(name: string): void {
    this.memory.delete(name);
    this.db.prepare('DELETE FROM secrets WHERE name = ?').run(name);
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }
}

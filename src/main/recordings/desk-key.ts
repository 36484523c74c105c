import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { RecordingKeyProtection } from '../../shared/recording/recording';
import type { SecretCipher } from '../secrets/secret-cipher';
import { KEY_BYTES, RecordingKeyError } from './recording-crypto';

export interface DeskKey {
  id: number;
  key: Buffer;
  protection: RecordingKeyProtection;
}

interface KeyRow {
  id: number;
  protection: RecordingKeyProtection;
  material: Buffer;
}

/**
 * The desk keys that wrap each recording's key. Kept encrypted by the OS
 * keychain (Electron safeStorage) where there is one; where there is none
 * (Linux basic_text) the key is stored as it is, marked 'unprotected', and the
 * settings say so: the files are then encrypted but anyone with the disk can open them.
 * A new key is made when the keychain appears or changes; older recordings keep theirs.
 */
export class DeskKeys {
  private current: DeskKey | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly cipher: SecretCipher,
    private readonly now: () => number = Date.now,
  ) {}

  get protection(): RecordingKeyProtection {
    return this.cipher.isAvailable() ? 'os-keychain' : 'unprotected';
  }

  /** The key new recordings are wrapped with (made on first use). */
  active(): DeskKey {
    if (this.current && this.current.protection === this.protection) return this.current;
    const wanted = this.protection;
    const rows = this.db.prepare('SELECT id, protection, material FROM recording_desk_keys WHERE protection = ? ORDER BY id DESC').all(wanted) as KeyRow[];
    for (const row of rows) {
      const key = this.tryOpen(row);
      if (key) return (this.current = { id: row.id, key, protection: row.protection });
    }
    const key = randomBytes(KEY_BYTES);
    const material = wanted === 'os-keychain' ? this.cipher.encrypt(key.toString('base64')) : key;
    const id = Number(this.db.prepare('INSERT INTO recording_desk_keys (protection, material, created_at) VALUES (?, ?, ?)').run(wanted, material, this.now()).lastInsertRowid);
    return (this.current = { id, key, protection: wanted });
  }

  /** The key a recording was wrapped with; a clear error when this desk cannot open it. */
  byId(id: number): DeskKey {
    if (this.current?.id === id) return this.current;
    const row = this.db.prepare('SELECT id, protection, material FROM recording_desk_keys WHERE id = ?').get(id) as KeyRow | undefined;
    if (!row) throw new RecordingKeyError(`Desk key ${id} is not on this desk`);
    const key = this.tryOpen(row);
    if (!key) throw new RecordingKeyError(`The OS keychain no longer opens desk key ${id} (another OS user, or a restored profile): its recordings cannot be decrypted here`);
    return { id: row.id, key, protection: row.protection };
  }

  private tryOpen(row: KeyRow): Buffer | null {
    if (row.protection === 'unprotected') return row.material.length === KEY_BYTES ? row.material : null;
    if (!this.cipher.isAvailable()) return null;
    try {
      const key = Buffer.from(this.cipher.decrypt(row.material), 'base64');
      return key.length === KEY_BYTES ? key : null;
    } catch {
      return null;
    }
  }
}

// Child process of recording-crash.test.ts: records the fixture's chunks through
// the real store, one every 100 ms, printing "ack <seq>" once each is synced,
// then waits to be killed.   node crash-child.mjs <dir> <test key (base64)> <fixture>
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import process from 'node:process';
import { RecordingStore } from '../../../src/main/recordings';
import { openDatabase } from '../../../src/main/store/database';
import type { SecretCipher } from '../../../src/main/secrets/secret-cipher';
import { chromiumChunks } from './recording-fixture';

const [dir, keyText, fixture] = process.argv.slice(2);
if (!dir || !keyText || !fixture) throw new Error('usage: crash-child <dir> <key>');
const key = Buffer.from(keyText, 'base64');
// The parent's test cipher, so the parent opens what the child wrapped.
const cipher: SecretCipher = {
  isAvailable: () => true,
  encrypt(plaintext) {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  },
  decrypt(ciphertext) {
    const d = createDecipheriv('aes-256-gcm', key, ciphertext.subarray(0, 12));
    d.setAuthTag(ciphertext.subarray(12, 28));
    return Buffer.concat([d.update(ciphertext.subarray(28)), d.final()]).toString('utf8');
  },
};

const db = openDatabase(join(dir, 'desk.sqlite'));
const store = new RecordingStore({ db, cipher, dir: join(dir, 'recordings') });
const id = (await store.start({ callId: 'call-crash', practice: false, startedAt: Date.now() }))!;
process.stdout.write(`started ${id}\n`);
for (const [seq, chunk] of chromiumChunks(fixture).entries()) {
  await store.appendChunk(id, seq, chunk);
  process.stdout.write(`ack ${seq}\n`);
  await new Promise((resolve) => setTimeout(resolve, 100));
}
setInterval(() => undefined, 1_000);

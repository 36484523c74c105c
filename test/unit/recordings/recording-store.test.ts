import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingKeyError, RecordingRefused, RecordingStore } from '../../../src/main/recordings';
import { parseLiveWebm } from '../../../src/main/recordings/webm-index';
import { openDatabase } from '../../../src/main/store/database';
import type { SecretCipher } from '../../../src/main/secrets/secret-cipher';
import { createTestCipher } from '../../support/test-cipher';
import { makeTempDir } from '../../support/temp-dir';
import { chromiumChunks, PLAINTEXT_MARKERS } from './recording-fixture';

describe('recording store', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let cipher: SecretCipher;
  const opened: { db: { close(): void }; store: RecordingStore }[] = [];

  const open = (withCipher = cipher, now?: () => number) => {
    const db = openDatabase(join(dir.path, 'desk.sqlite'));
    const store = new RecordingStore({ db, cipher: withCipher, dir: join(dir.path, 'recordings'), ...(now ? { now } : {}) });
    opened.push({ db, store });
    return store;
  };

  beforeEach(() => {
    dir = makeTempDir('hotline-recordings-');
    cipher = createTestCipher();
  });
  afterEach(async () => {
    for (const { db, store } of opened.splice(0)) {
      await store.close();
      db.close();
    }
    dir.remove();
  });

  async function record(store: RecordingStore, chunks = chromiumChunks()): Promise<string> {
    const id = (await store.start({ callId: 'call-1', practice: false, startedAt: 1_000_000 }))!;
    for (const [seq, chunk] of chunks.entries()) await store.appendChunk(id, seq, chunk);
    return id;
  }

  it('appends chunks, finishes with the duration, and decrypts to a complete WebM', async () => {
    const store = open();
    const id = await record(store);
    const summary = await store.finish(id, 1_006_000);
    expect(summary.state).toBe('complete');
    expect(summary.durationMs).toBeGreaterThan(5_900);
    expect(summary.durationMs).toBeLessThan(6_200);
    expect(summary.keyProtection).toBe('os-keychain');
    const decrypted = store.decrypt(id);
    expect(decrypted.durationMs).toBe(summary.durationMs);
    expect(parseLiveWebm(decrypted.bytes).clusters.length).toBe(6);
    expect(store.list('call-1').map((r) => r.id)).toEqual([id]);
    expect(Buffer.concat([...store.stream(id, 1000)]).equals(Buffer.from(decrypted.bytes))).toBe(true);
  });

  it('keeps no plaintext audio, Opus or WebM header on disk', async () => {
    const store = open();
    const first = await record(store);
    await store.finish(first, 1_006_000);
    // One still being written too (a file mid-call).
    await record(store, chromiumChunks().slice(0, 3));
    const files = readdirSync(join(dir.path, 'recordings'));
    expect(files.length).toBe(2);
    const raw = Buffer.concat(chromiumChunks());
    for (const file of files) {
      const bytes = readFileSync(join(dir.path, 'recordings', file));
      for (const marker of PLAINTEXT_MARKERS) expect(bytes.indexOf(marker), `${marker.toString('hex')} in ${file}`).toBe(-1);
      // Not a single 32-byte run of the audio stream appears.
      for (let at = 0; at + 32 <= raw.length; at += 997) expect(bytes.indexOf(raw.subarray(at, at + 32))).toBe(-1);
    }
    // Nor in the database (the wrapped keys and rows).
    const db = readFileSync(join(dir.path, 'desk.sqlite'));
    for (const marker of PLAINTEXT_MARKERS.slice(0, 2)) expect(db.indexOf(marker)).toBe(-1);
  });

  it('with another desk key (a changed keychain) fails with a clear error', async () => {
    const store = open();
    const id = await record(store);
    await store.finish(id, 1_006_000);
    const elsewhere = open(createTestCipher());
    expect(() => elsewhere.decrypt(id)).toThrow(RecordingKeyError);
    expect(() => elsewhere.decrypt(id)).toThrow(/keychain no longer opens desk key/);
  });

  it('a tampered record fails as the wrong key, not as garbage audio', async () => {
    const store = open();
    const id = await record(store);
    await store.finish(id, 1_006_000);
    const path = join(dir.path, 'recordings', `${id}.hlrec`);
    const bytes = readFileSync(path);
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(path, bytes);
    expect(() => store.decrypt(id)).toThrow(/does not open with its key/);
  });

  it('refuses a chunk out of order and keeps what it has', async () => {
    const store = open();
    const id = (await store.start({ callId: 'call-1', practice: false, startedAt: 0 }))!;
    const chunks = chromiumChunks();
    await store.appendChunk(id, 0, chunks[0]!);
    await expect(store.appendChunk(id, 2, chunks[2]!)).rejects.toThrow(RecordingRefused);
    await store.appendChunk(id, 1, chunks[1]!);
    expect((await store.finish(id, 2_000)).durationMs).toBeGreaterThan(1_900);
  });

  it('repairs at the next start a recording whose desk died mid-call, cutting the torn write', async () => {
    const store = open();
    const id = await record(store, chromiumChunks().slice(0, 4));
    const path = join(dir.path, 'recordings', `${id}.hlrec`);
    const before = statSync(path).size;
    // The fifth chunk's record, cut short by the crash.
    appendFileSync(path, Buffer.from([0, 0, 0x10, 0x40, 0, 0, 0, 4, 1, 9, 9, 9]));
    const next = open();
    const repaired = await next.repairUnfinished();
    expect(repaired.map((r) => r.id)).toEqual([id]);
    expect(repaired[0]!.state).toBe('repaired');
    // 4 s recorded (one of them after the 2 s pause), ±0.1 s.
    expect(repaired[0]!.durationMs).toBeGreaterThan(3_900);
    expect(repaired[0]!.durationMs).toBeLessThan(4_200);
    expect(statSync(path).size).toBeGreaterThan(before); // torn bytes cut, index record added
    expect(next.decrypt(id).durationMs).toBeCloseTo(repaired[0]!.durationMs!, 0);
    expect(await next.repairUnfinished()).toEqual([]);
  });

  it('marks holds at their place in the recording (not as silence)', async () => {
    const store = open();
    const id = (await store.start({ callId: 'call-1', practice: true, startedAt: 10_000 }))!;
    store.mark(id, 'held', 13_000);
    store.mark(id, 'resumed', 15_000);
    store.mark(id, 'held', 17_000);
    const summary = await store.finish(id, 18_000);
    expect(summary.practice).toBe(true);
    expect(summary.holds).toEqual([
      { atMs: 3_000, heldMs: 2_000 },
      { atMs: 5_000, heldMs: 1_000 },
    ]);
  });

  it('records nothing when the desk records no calls', async () => {
    const store = open();
    store.settings.write({ policy: 'none', retentionDays: 30 });
    expect(await store.start({ callId: 'call-1', practice: false, startedAt: 0 })).toBeNull();
  });

  it('says the files are unprotected where the OS has no keychain, and still opens them', async () => {
    const store = open(createTestCipher(false));
    expect(store.keys.protection).toBe('unprotected');
    const id = await record(store);
    expect((await store.finish(id, 1_006_000)).keyProtection).toBe('unprotected');
    expect(open(createTestCipher(false)).decrypt(id).durationMs).toBeGreaterThan(5_900);
  });

  it('deletes recordings past the retention period and logs each deletion', async () => {
    let now = 1_000_000;
    const store = open(cipher, () => now);
    const id = await record(store);
    await store.finish(id, 1_006_000);
    store.settings.write({ policy: 'all', retentionDays: 2 });
    now += 86_400_000;
    expect(store.deleteExpired()).toBe(0);
    now += 2 * 86_400_000;
    expect(store.deleteExpired()).toBe(1);
    expect(store.list('call-1')).toEqual([]);
    expect(readdirSync(join(dir.path, 'recordings'))).toEqual([]);
    expect(store.repo.deletions()).toEqual([{ recording_id: id, call_id: 'call-1', started_at: 1_000_000, deleted_at: now, reason: 'retention 2 d' }]);
  });
});

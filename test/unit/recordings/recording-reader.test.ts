import { openSync, readFileSync, writeSync, closeSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingStore } from '../../../src/main/recordings';
import { openDatabase } from '../../../src/main/store/database';
import { createTestCipher } from '../../support/test-cipher';
import { makeTempDir } from '../../support/temp-dir';
import { chromiumChunks, FIXTURE_PATH } from './recording-fixture';

describe('recording reader (replay streams a recording by ranges)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let db: ReturnType<typeof openDatabase>;
  let store: RecordingStore;

  beforeEach(() => {
    dir = makeTempDir('hotline-recording-reader-');
    db = openDatabase(join(dir.path, 'desk.sqlite'));
    store = new RecordingStore({ db, cipher: createTestCipher(), dir: join(dir.path, 'recordings') });
  });
  afterEach(async () => {
    await store.close();
    db.close();
    dir.remove();
  });

  async function record(chunks: Buffer[]): Promise<string> {
    const id = (await store.start({ callId: 'call-1', practice: false, startedAt: 1_000_000 }))!;
    for (const [seq, chunk] of chunks.entries()) await store.appendChunk(id, seq, chunk);
    await store.finish(id, 1_006_000);
    return id;
  }

  const read = (id: string, start: number, end: number) => Buffer.concat([...store.reader(id).range(start, end)]);

  it('gives, for any range, exactly those bytes of the decrypted file', async () => {
    const id = await record(chromiumChunks());
    const whole = Buffer.from(store.decrypt(id).bytes);
    const reader = store.reader(id);
    expect(reader.size).toBe(whole.length);
    expect(reader.durationMs).toBe(store.decrypt(id).durationMs);
    expect(read(id, 0, reader.size).equals(whole)).toBe(true);
    for (const [start, end] of [[0, 1], [0, 100], [57, 4_000], [4_100, 9_000], [whole.length - 10, whole.length], [12_345, 12_346], [20_000, whole.length + 500]]) {
      expect(read(id, start!, end!).equals(whole.subarray(start!, end!)), `${start}-${end}`).toBe(true);
    }
  });

  it('reads clusters that straddle the records MediaRecorder happened to hand over', async () => {
    const all = readFileSync(FIXTURE_PATH);
    // Cut at places that are not cluster boundaries.
    const cuts = [1_000, 5_555, 9_000, 13_001, 20_000, all.length];
    const chunks = cuts.map((end, i) => all.subarray(i === 0 ? 0 : cuts[i - 1], end));
    const id = await record(chunks);
    const whole = Buffer.from(store.decrypt(id).bytes);
    for (let start = 0; start < whole.length; start += 997) expect(read(id, start, start + 3_001).equals(whole.subarray(start, start + 3_001))).toBe(true);
  });

  it('decrypts only the records a range touches', async () => {
    const id = await record(chromiumChunks());
    const reader = store.reader(id);
    const head = read(id, 0, 2_000);
    // Alter the last media record in place (after the reader was opened): the start still reads, the end does not.
    const file = join(dir.path, 'recordings', readdirSync(join(dir.path, 'recordings'))[0]!);
    const size = readFileSync(file).length;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.from([0xff, 0xee]), 0, 2, size - 200);
    closeSync(fd);
    expect(read(id, 0, 2_000).equals(head)).toBe(true);
    expect(() => read(id, reader.size - 100, reader.size)).toThrow(/does not open|altered/);
  });
});

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingKeyError, RecordingStore } from '../../../src/main/recordings';
import { RecordedAudioSource } from '../../../src/main/replay/recorded-audio';
import { openDatabase } from '../../../src/main/store/database';
import { createTestCipher } from '../../support/test-cipher';
import { makeTempDir } from '../../support/temp-dir';
import { chromiumChunks } from './recording-fixture';

const DAY = 86_400_000;

describe('peaks sealed beside the recording', () => {
  let dir: ReturnType<typeof makeTempDir>;
  const opened: { db: { close(): void }; store: RecordingStore }[] = [];
  const open = (cipher = createTestCipher(), now?: () => number) => {
    const db = openDatabase(join(dir.path, 'desk.sqlite'));
    const store = new RecordingStore({ db, cipher, dir: join(dir.path, 'recordings'), ...(now ? { now } : {}) });
    opened.push({ db, store });
    return store;
  };
  beforeEach(() => {
    dir = makeTempDir('hotline-peaks-');
  });
  afterEach(async () => {
    for (const { db, store } of opened.splice(0)) {
      await store.close();
      db.close();
    }
    dir.remove();
  });

  async function record(store: RecordingStore, callId: string, peaks?: Parameters<RecordingStore['finish']>[2]): Promise<string> {
    const id = (await store.start({ callId, practice: false, startedAt: 1_000_000 }))!;
    for (const [seq, chunk] of chromiumChunks().entries()) await store.appendChunk(id, seq, chunk);
    await store.finish(id, 1_006_000, peaks);
    return id;
  }

  // A recognisable pattern: 60 buckets of a ramp, the agent's the reverse.
  const ramp = Uint8Array.from({ length: 120 }, (_, i) => (i * 2) % 256);
  const measured = { perSecond: 20, caller: ramp, agent: ramp.slice().reverse() };

  it('keeps the peaks the recorder measured, sealed, and the replay opens with them', async () => {
    const store = open();
    const id = await record(store, '6f1c2a8e-0000-4000-8000-0000000000a1', measured);
    const files = readdirSync(join(dir.path, 'recordings'));
    expect(files).toContain(`${id}.hlpeaks`);
    const onDisk = readFileSync(join(dir.path, 'recordings', `${id}.hlpeaks`));
    // Neither channel's bytes (nor a run of them) are readable on disk.
    expect(onDisk.includes(Buffer.from(ramp.subarray(10, 40)))).toBe(false);
    expect(onDisk.includes(Buffer.from(measured.agent.subarray(10, 40)))).toBe(false);
    const back = store.peaks(id)!;
    expect(back.perSecond).toBe(20);
    expect([...back.caller]).toEqual([...measured.caller]);
    expect([...back.agent]).toEqual([...measured.agent]);

    const audio = new RecordedAudioSource(store, join(dir.path, 'replay-peaks'));
    const info = audio.info('6f1c2a8e-0000-4000-8000-0000000000a1');
    expect(info.peaks?.caller.length).toBe(120);
    expect(info.peaks?.caller[1]).toBeCloseTo(2 / 255, 3);
    expect(info.peaks?.agent[0]).toBeCloseTo(ramp[119]! / 255, 3);
  });

  it('an altered peaks file fails with the key error; the peaks go with their recording at retention', async () => {
    let now = 1_000_000;
    const store = open(createTestCipher(), () => now);
    const id = await record(store, '6f1c2a8e-0000-4000-8000-0000000000a2', measured);
    const path = join(dir.path, 'recordings', `${id}.hlpeaks`);
    const tampered = readFileSync(path);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 20) ^ 0xff, tampered.length - 20);
    writeFileSync(path, tampered);
    expect(() => store.peaks(id)).toThrow(RecordingKeyError);
    // The replay then opens without them (and measures them again).
    expect(new RecordedAudioSource(store, join(dir.path, 'replay-peaks')).info('6f1c2a8e-0000-4000-8000-0000000000a2').peaks).toBeNull();
    now += 200 * DAY;
    expect(store.deleteExpired()).toBe(1);
    expect(existsSync(path)).toBe(false);
  });

  it('a recording without peaks: none until the replay measures them, then kept sealed; old plain peaks are sealed and removed', async () => {
    const store = open();
    const callId = '6f1c2a8e-0000-4000-8000-0000000000a3';
    const id = await record(store, callId);
    const audio = new RecordedAudioSource(store, join(dir.path, 'replay-peaks'));
    expect(audio.info(callId).peaks).toBeNull();
    audio.savePeaks(callId, { perSecond: 20, caller: [0.5, -1, 0], agent: [0, 0.25, 1] }, 150);
    expect([...store.peaks(id)!.caller]).toEqual([128, 255, 0]);
    expect(audio.info(callId).peaks).toEqual({ perSecond: 20, caller: [0.502, 1, 0], agent: [0, 0.251, 1] });

    const oldCall = '6f1c2a8e-0000-4000-8000-0000000000a4';
    const oldId = await record(store, oldCall);
    mkdirSync(join(dir.path, 'replay-peaks'), { recursive: true });
    const plain = join(dir.path, 'replay-peaks', `${oldCall}.peaks.json`);
    writeFileSync(plain, JSON.stringify({ durationMs: 150, peaks: { perSecond: 20, caller: [1, 0, 1], agent: [0, 1, 0] } }));
    expect(audio.info(oldCall).peaks).toEqual({ perSecond: 20, caller: [1, 0, 1], agent: [0, 1, 0] });
    expect(existsSync(plain)).toBe(false);
    expect([...store.peaks(oldId)!.agent]).toEqual([0, 255, 0]);
  });
});

import { describe, expect, it } from 'vitest';
import { indexWebm, opusPacketMs, parseLiveWebm } from '../../../src/main/recordings/webm-index';
import { chromiumChunks } from './recording-fixture';

describe('WebM index repair', () => {
  const live = Buffer.concat(chromiumChunks());

  it('reads Chromium\'s live stream: its clusters, and a duration without the paused time', () => {
    const parsed = parseLiveWebm(live);
    expect(parsed.clusters.length).toBe(6);
    expect(parsed.timecodeScale).toBe(1_000_000);
    // 3 s, 2 s paused (not in the stream), 3 s.
    expect(parsed.durationTicks).toBeGreaterThan(5_900);
    expect(parsed.durationTicks).toBeLessThan(6_200);
  });

  it('writes a complete file: known sizes, the Duration and a cue per cluster, that parses back to the same audio', () => {
    const parsed = parseLiveWebm(live);
    const indexed = indexWebm(parsed);
    expect(indexed.durationMs).toBeCloseTo(parsed.durationTicks, 6);
    const again = parseLiveWebm(indexed.bytes);
    expect(again.clusters.map((c) => c.timecode)).toEqual(parsed.clusters.map((c) => c.timecode));
    expect(again.clusters.map((c) => Buffer.from(c.body).toString('hex'))).toEqual(parsed.clusters.map((c) => Buffer.from(c.body).toString('hex')));
    // No unknown sizes left (0x01FFFFFFFFFFFFFF).
    expect(Buffer.from(indexed.bytes).indexOf(Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toBe(-1);
    // Cues: CuePoint (0xBB) with CueTime at each cluster's timecode.
    const cues = Buffer.from(indexed.bytes).indexOf(Buffer.from([0x1c, 0x53, 0xbb, 0x6b]));
    expect(cues).toBeGreaterThan(0);
  });

  it('keeps a stream cut mid-cluster up to its last whole block', () => {
    const cut = live.subarray(0, live.length - 1500);
    const parsed = parseLiveWebm(cut);
    expect(parsed.clusters.length).toBe(6);
    expect(parsed.durationTicks).toBeLessThan(parseLiveWebm(live).durationTicks);
    expect(parsed.durationTicks).toBeGreaterThan(5_000);
  });

  it('knows an Opus packet\'s length from its TOC', () => {
    expect(opusPacketMs(Uint8Array.of(0xfc))).toBe(20); // CELT FB 20 ms, one frame
    expect(opusPacketMs(Uint8Array.of(0xfb, 0x03))).toBe(60); // code 3, three 20 ms frames
    expect(opusPacketMs(Uint8Array.of(0x01))).toBe(20); // SILK NB 10 ms, two frames
  });
});

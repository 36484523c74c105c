import { describe, expect, it } from 'vitest';
import { PeakBuckets } from './peak-buckets';

const RATE = 48_000;
/** `seconds` of a sine at `amplitude`, in render quanta of 128 frames. */
function* tone(seconds: number, amplitude: number, hz = 440): Generator<Float32Array> {
  const frames = Math.round(seconds * RATE);
  for (let at = 0; at < frames; at += 128) {
    const block = new Float32Array(Math.min(128, frames - at));
    for (let i = 0; i < block.length; i++) block[i] = amplitude * Math.sin((2 * Math.PI * hz * (at + i)) / RATE);
    yield block;
  }
}

describe('peaks measured while recording', () => {
  it('gives each 50 ms the loudest sample of each channel: tone and silence where they were', () => {
    const peaks = new PeakBuckets(RATE);
    // Caller: 0.5 s of tone at 0.8, then 0.5 s of silence; agent: silence, then tone at 0.25.
    for (const block of tone(0.5, 0.8)) peaks.push(block, new Float32Array(block.length));
    for (const block of tone(0.5, 0.25, 660)) peaks.push(new Float32Array(block.length), block);
    const { perSecond, caller, agent } = peaks.finish();
    expect(perSecond).toBe(20);
    expect(caller.length).toBe(20);
    expect([...caller.subarray(0, 10)].every((byte) => Math.abs(byte - 204) <= 1)).toBe(true);
    expect([...caller.subarray(10)].every((byte) => byte === 0)).toBe(true);
    expect([...agent.subarray(0, 10)].every((byte) => byte === 0)).toBe(true);
    expect([...agent.subarray(10)].every((byte) => Math.abs(byte - 64) <= 1)).toBe(true);
  });

  it('takes nothing while paused (a hold is not in the recording) and pads a late start with silence', () => {
    const peaks = new PeakBuckets(RATE);
    peaks.padStart(0.1);
    for (const block of tone(0.2, 0.5)) peaks.push(block, null);
    peaks.setPaused(true);
    for (const block of tone(3, 1)) peaks.push(block, block);
    peaks.setPaused(false);
    for (const block of tone(0.12, 0.5)) peaks.push(block, null);
    const { caller, agent } = peaks.finish();
    // 2 buckets of padding, 4 of the first tone, 3 after the hold (the last one partial): none of the hold's full scale.
    expect(caller.length).toBe(2 + 4 + 3);
    expect([...caller.subarray(0, 2)]).toEqual([0, 0]);
    expect(Math.max(...caller)).toBeLessThanOrEqual(128);
    expect(Math.max(...agent)).toBe(0);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { PollLoop } from '../../../../src/main/centre/poll-loop';

describe('PollLoop', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs one round at a time: runNow while a round is in flight joins it', async () => {
    let release: (value: number) => void = () => {};
    const round = vi.fn(() => new Promise<number>((resolve) => (release = resolve)));
    const loop = new PollLoop(round, () => 1_000);
    const first = loop.runNow();
    const second = loop.runNow();
    expect(round).toHaveBeenCalledTimes(1);
    release(7);
    await expect(first).resolves.toBe(7);
    await expect(second).resolves.toBe(7);
    loop.close();
  });

  it('times the next round from the end of the last by the caller rule, and stops at close', async () => {
    vi.useFakeTimers();
    const outcomes = ['failed', 'failed', 'ok', 'ok'];
    const delays: string[] = [];
    let calls = 0;
    const loop = new PollLoop(
      async () => outcomes[calls++] ?? 'ok',
      (round) => {
        delays.push(round);
        return round === 'failed' ? 100 : 5_000;
      },
    );
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(3);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(calls).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(4);
    loop.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(4);
    expect(delays).toEqual(['failed', 'failed', 'ok', 'ok']);
  });

  it('a round that throws is retried after the given pause, not in a tight loop', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const loop = new PollLoop(
      async () => {
        calls += 1;
        throw new Error('boom');
      },
      () => 10,
      2_000,
    );
    loop.start();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    loop.close();
  });
});

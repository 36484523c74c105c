import { afterEach, describe, expect, it, vi } from 'vitest';
import { SendLoop } from '../../../../src/main/centre/send-loop';

describe('SendLoop', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs one drain at a time, and a kick during a drain runs one more right after it', async () => {
    const releases: (() => void)[] = [];
    const drain = vi.fn(() => new Promise<void>((resolve) => releases.push(resolve)));
    const loop = new SendLoop(drain);
    loop.kick();
    loop.kick();
    loop.kick();
    expect(drain).toHaveBeenCalledTimes(1);
    releases[0]!();
    await vi.waitFor(() => expect(drain).toHaveBeenCalledTimes(2), { timeout: 1_000 });
    releases[1]!();
    await loop.settled();
    expect(drain).toHaveBeenCalledTimes(2);
  });

  it('a failure retries after the backoff, a success resets it, and close stops it all', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const results = ['fail', 'fail', 'ok', 'fail'];
    const loop: SendLoop = new SendLoop(
      async () => {
        const result = results[runs++] ?? 'ok';
        if (result === 'fail') loop.retryLater();
        else loop.succeeded();
      },
      () => 0.5,
    );
    loop.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    // The outbox's backoff: the first retry within its first step, the second later than the first.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBeGreaterThanOrEqual(3);
    const afterSuccess = runs;
    loop.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(afterSuccess + 1);
    loop.close();
    expect(loop.closed).toBe(true);
    loop.kick();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(runs).toBe(afterSuccess + 1);
  });
});

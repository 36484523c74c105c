import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaveScheduler } from './save-scheduler';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(saveDurationMs = 0) {
  const saves: number[] = [];
  const save = vi.fn(async () => {
    saves.push(Date.now());
    if (saveDurationMs > 0) await new Promise((resolve) => setTimeout(resolve, saveDurationMs));
  });
  const start = Date.now();
  const scheduler = new SaveScheduler(save, { quietMs: 200, maxDelayMs: 300 });
  return { scheduler, save, savesAt: () => saves.map((at) => at - start) };
}

describe('SaveScheduler', () => {
  it('saves once, 200 ms after a single edit', async () => {
    const { scheduler, save, savesAt } = setup();
    scheduler.touch();
    await vi.advanceTimersByTimeAsync(199);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(savesAt()).toEqual([200]);
  });

  it('groups a quick burst into one save after the last edit', async () => {
    const { scheduler, savesAt } = setup();
    scheduler.touch();
    await vi.advanceTimersByTimeAsync(50);
    scheduler.touch();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(savesAt()).toEqual([250]);
  });

  it('saves at least every 300 ms while the agent keeps typing', async () => {
    const { scheduler, savesAt } = setup();
    for (let t = 0; t < 1_000; t += 50) {
      scheduler.touch();
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    const times = savesAt();
    expect(times[0]).toBe(300);
    // No edit waits more than 300 ms for its save.
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(300);
    expect(times.at(-1)).toBe(1_150); // trailing save 200 ms after the last edit at 950
  });

  it('flush() saves pending edits at once and resolves when saved', async () => {
    const { scheduler, save } = setup(100);
    scheduler.touch();
    let done = false;
    void scheduler.flush().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(1); // without waiting for the 200 ms
    await vi.advanceTimersByTimeAsync(99);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(save).toHaveBeenCalledTimes(1); // the timer was consumed, no second save
  });

  it('runs saves one after another, never overlapping', async () => {
    let running = 0;
    let maxRunning = 0;
    const scheduler = new SaveScheduler(
      async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 500));
        running--;
      },
      { quietMs: 200, maxDelayMs: 300 },
    );
    scheduler.touch();
    await vi.advanceTimersByTimeAsync(250);
    scheduler.touch();
    await vi.advanceTimersByTimeAsync(250);
    void scheduler.flush();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(maxRunning).toBe(1);
    expect(running).toBe(0);
  });

  it('keeps going after a failed save', async () => {
    const save = vi.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValue(undefined);
    const scheduler = new SaveScheduler(save, { quietMs: 200, maxDelayMs: 300 });
    scheduler.touch();
    await vi.advanceTimersByTimeAsync(200);
    scheduler.touch();
    await vi.advanceTimersByTimeAsync(200);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('cancel() drops pending edits', async () => {
    const { scheduler, save } = setup();
    scheduler.touch();
    scheduler.cancel();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(save).not.toHaveBeenCalled();
  });
});

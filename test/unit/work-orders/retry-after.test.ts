import { describe, expect, it } from 'vitest';
import { RETRY_AFTER_MAX_MS, retryAfterDelay } from '../../../src/main/work-orders/retry-after';

describe("the desk's pause after a 503 with Retry-After", () => {
  it('waits at least the pause asked for, plus up to a second of jitter', () => {
    expect(retryAfterDelay(3_000, () => 0)).toBe(3_000);
    expect(retryAfterDelay(3_000, () => 0.5)).toBe(3_500);
    expect(retryAfterDelay(3_000, () => 1)).toBe(4_000);
    expect(retryAfterDelay(17_000, () => 0.25)).toBe(17_250);
  });

  it('never sooner than 1 s, never later than 60 s', () => {
    expect(retryAfterDelay(0, () => 0)).toBe(1_000);
    expect(retryAfterDelay(0, () => 1)).toBe(2_000);
    // Asked for ten minutes: the desk asks again within the cap, still spread over the second below it.
    expect(retryAfterDelay(600_000, () => 0)).toBe(59_000);
    expect(retryAfterDelay(600_000, () => 1)).toBe(RETRY_AFTER_MAX_MS);
    expect(retryAfterDelay(Number.NaN, () => 0.5)).toBe(59_500);
  });

  it('with real randomness every pause is within its bounds, and desks told the same second spread over the next', () => {
    for (const asked of [0, 1_000, 2_000, 15_000, 59_000, 60_000, 120_000]) {
      const delays = Array.from({ length: 500 }, () => retryAfterDelay(asked));
      const floor = Math.min(Math.max(1_000, asked), RETRY_AFTER_MAX_MS - 1_000);
      for (const delay of delays) {
        expect(delay).toBeGreaterThanOrEqual(floor);
        expect(delay).toBeLessThanOrEqual(Math.min(RETRY_AFTER_MAX_MS, floor + 1_000));
      }
      // Spread, not in step: 500 desks land in more than half of the hundred 10 ms slices of that second.
      expect(new Set(delays.map((d) => Math.floor((d - floor) / 10))).size).toBeGreaterThan(50);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { RETRY_AFTER_MAX_MS, retryAfterDelay } from '../../../src/main/work-orders/retry-after';

describe("the desk's pause after a 503 with Retry-After", () => {
  it('waits the pause asked for plus up to as much again', () => {
    expect(retryAfterDelay(2_000, () => 0)).toBe(2_000);
    expect(retryAfterDelay(2_000, () => 0.5)).toBe(3_000);
    expect(retryAfterDelay(2_000, () => 1)).toBe(4_000);
    expect(retryAfterDelay(17_000, () => 0.25)).toBe(21_250);
  });

  it('never sooner than 1 s, never later than 60 s', () => {
    expect(retryAfterDelay(0, () => 0)).toBe(1_000);
    expect(retryAfterDelay(0, () => 1)).toBe(2_000);
    expect(retryAfterDelay(40_000, () => 1)).toBe(RETRY_AFTER_MAX_MS);
    expect(retryAfterDelay(600_000, () => 0)).toBe(RETRY_AFTER_MAX_MS);
    expect(retryAfterDelay(Number.NaN, () => 0.5)).toBe(RETRY_AFTER_MAX_MS);
  });

  it('with real randomness every pause is within its bounds, and desks told the same 2 s spread over the next 2', () => {
    const delays = Array.from({ length: 500 }, () => retryAfterDelay(2_000));
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2_000);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
    // Spread, not in step: 500 desks land in more than half of the hundred 20 ms slices of those 2 s.
    expect(new Set(delays.map((d) => Math.floor((d - 2_000) / 20))).size).toBeGreaterThan(50);
  });
});

import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, BACKOFF_MIN_MS, backoffDelayMs } from './backoff';
import { shouldRetry } from './sip-failure';

describe('backoffDelayMs', () => {
  it('doubles from 1 s without jitter at the top of the range', () => {
    expect([0, 1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, () => 1))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('caps at 30 s however many attempts failed', () => {
    expect(backoffDelayMs(5, () => 1)).toBe(30_000);
    expect(backoffDelayMs(1_000, () => 1)).toBe(30_000);
  });

  it('jitters downwards by at most 20 % and never leaves [1 s, 30 s]', () => {
    expect(backoffDelayMs(3, () => 0)).toBe(6_400);
    for (let attempt = 0; attempt < 40; attempt++) {
      for (const random of [0, 0.3, 0.999]) {
        const delay = backoffDelayMs(attempt, () => random);
        expect(delay).toBeGreaterThanOrEqual(BACKOFF_MIN_MS);
        expect(delay).toBeLessThanOrEqual(BACKOFF_MAX_MS);
      }
    }
  });
});

describe('shouldRetry', () => {
  it('retries everything but a wrong password', () => {
    expect(shouldRetry('auth')).toBe(false);
    for (const reason of ['unreachable', 'connection-lost', 'rejected', 'timeout'] as const) {
      expect(shouldRetry(reason)).toBe(true);
    }
  });
});

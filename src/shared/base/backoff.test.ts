import { describe, expect, it } from 'vitest';
import { backoffDelay, OUTBOX_BACKOFF, PHONE_BACKOFF } from './backoff';

describe('backoffDelay', () => {
  it('doubles from the base with no jitter drawn', () => {
    expect([0, 1, 2, 3, 4].map((retry) => backoffDelay(retry, PHONE_BACKOFF, () => 0))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('caps at the maximum however many attempts failed', () => {
    expect(backoffDelay(5, PHONE_BACKOFF, () => 0)).toBe(30_000);
    expect(backoffDelay(1_000, OUTBOX_BACKOFF, () => 0)).toBe(300_000);
  });

  it('jitters downwards by at most the policy share, never below it', () => {
    expect(backoffDelay(3, PHONE_BACKOFF, () => 1)).toBe(6_400);
    expect(backoffDelay(0, OUTBOX_BACKOFF, () => 1)).toBe(500);
    for (let retry = 0; retry < 40; retry++) {
      for (const random of [0, 0.3, 0.999]) {
        const delay = backoffDelay(retry, PHONE_BACKOFF, () => random);
        expect(delay).toBeGreaterThanOrEqual(PHONE_BACKOFF.baseMs * 0.8);
        expect(delay).toBeLessThanOrEqual(PHONE_BACKOFF.maxMs);
      }
    }
  });
});

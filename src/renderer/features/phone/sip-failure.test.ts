import { describe, expect, it } from 'vitest';
import { shouldRetry } from './sip-failure';

describe('shouldRetry', () => {
  it('retries everything but a wrong password', () => {
    expect(shouldRetry('auth')).toBe(false);
    for (const reason of ['unreachable', 'connection-lost', 'rejected', 'timeout'] as const) {
      expect(shouldRetry(reason)).toBe(true);
    }
  });
});

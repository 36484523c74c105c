import { describe, expect, it } from 'vitest';
import { formatClock, formatDateTime, formatDuration } from './clock';

describe('formatDuration', () => {
  it('shows mm:ss below an hour', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(59_999)).toBe('00:59');
    expect(formatDuration(61_000)).toBe('01:01');
    expect(formatDuration(3_599_000)).toBe('59:59');
  });

  it('adds hours from one hour on', () => {
    expect(formatDuration(3_600_000)).toBe('1:00:00');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });

  it('treats clock skew (negative) as zero', () => {
    expect(formatDuration(-5_000)).toBe('00:00');
  });
});

describe('formatClock / formatDateTime', () => {
  it('formats local time with zero padding', () => {
    const at = new Date(2025, 0, 5, 9, 3, 7).getTime();
    expect(formatClock(at)).toBe('09:03:07');
    expect(formatDateTime(at)).toBe('01-05 09:03:07');
  });
});

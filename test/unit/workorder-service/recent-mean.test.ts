import { describe, expect, it } from 'vitest';
import { RecentMean } from '../../../services/workorder/recent-mean';

describe('the mean of the last values (the forecasts\' pace and hold time)', () => {
  it('is null before a value, then the mean of at most the last `size` values', () => {
    const mean = new RecentMean(4);
    expect(mean.mean).toBeNull();
    mean.add(100);
    expect(mean.mean).toBe(100);
    for (const value of [0, 0, 0]) mean.add(value);
    expect(mean.mean).toBe(25);
    // The 100 falls out of the window.
    mean.add(0);
    expect(mean.mean).toBe(0);
  });

  it('a burst of group-committed releases and one commit-long gap give the true mean, not the last gap\'s weight', () => {
    const mean = new RecentMean(64);
    // Each commit of 40 ms frees 20 places at once: intervals 40, 0 × 19, again and again; the true pace is 2 ms a place.
    for (let round = 0; round < 10; round += 1) for (let i = 0; i < 20; i += 1) mean.add(i === 0 ? 40 : 0);
    // Right after a long gap (the worst moment for a smoothed average: 0.2 × 40 + … ≥ 8 ms).
    mean.add(40);
    expect(mean.mean).toBeGreaterThan(1.5);
    expect(mean.mean).toBeLessThan(3);
  });
});

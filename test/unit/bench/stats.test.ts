import { describe, expect, it } from 'vitest';
import { median, p90, percentile } from '../../../bench/stats';

describe('the benches’ summary statistics', () => {
  it('takes the median as the upper middle, whatever the order given', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it('takes percentiles by nearest rank', () => {
    const ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(p90(ten)).toBe(9);
    expect(percentile(ten, 95)).toBe(10);
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 90)).toBeNaN();
  });

  it('leaves the caller’s array as it was', () => {
    const values = [3, 1, 2];
    median(values);
    percentile(values, 90);
    expect(values).toEqual([3, 1, 2]);
  });
});

import { describe, expect, it } from 'vitest';
import { fitBar, type FitTarget } from './bar-fit';

/** A row whose content is as wide as each fit makes it. */
function row(clientWidth: number, widths: Record<string, number>): FitTarget {
  const dataset: { fit?: string } = { fit: 'wrap' };
  return {
    dataset,
    clientWidth,
    get scrollWidth() {
      return Math.max(clientWidth, widths[dataset.fit ?? 'full'] ?? 0);
    },
  };
}

describe('the bar fits its row: full, then the name shortened, then the tools on a second line', () => {
  const lead = { full: 1480, short: 1320, wrap: 900 };

  it('a wide screen keeps everything as it is (and a row that was wrapped comes back)', () => {
    const wide = row(1920, lead);
    expect(fitBar(wide)).toBe('full');
    expect(wide.dataset.fit).toBe('full');
  });

  it('1366 px: the name shortened is enough', () => {
    expect(fitBar(row(1366, lead))).toBe('short');
  });

  it('1093 px: the tools wrap', () => {
    const narrow = row(1093, lead);
    expect(fitBar(narrow)).toBe('wrap');
    expect(narrow.dataset.fit).toBe('wrap');
  });

  it('a pixel of rounding is no overflow', () => {
    expect(fitBar(row(1366, { full: 1367, short: 1300, wrap: 900 }))).toBe('full');
  });
});

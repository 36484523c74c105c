import { describe, expect, it } from 'vitest';
import { callCriteria, EMPTY_CALL_FILTERS, invalidDays } from './components/CallFilters';

describe('the call lists’ day filters', () => {
  it('search whole local days, the "to" day included', () => {
    const criteria = callCriteria({ ...EMPTY_CALL_FILTERS, from: '2026-12-01', to: '2026-12-03' });
    expect(criteria.from).toBe(new Date(2026, 11, 1).getTime());
    expect(criteria.to).toBe(new Date(2026, 11, 4).getTime());
    expect(invalidDays({ from: '2026-12-01', to: '' })).toEqual([]);
  });

  it('name a day that is no day, and leave it out of the criteria instead of searching from an invalid time', () => {
    const form = { ...EMPTY_CALL_FILTERS, from: '12/01/2026', to: '2026-02-30' };
    expect(invalidDays(form)).toEqual(['from', 'to']);
    const criteria = callCriteria(form);
    expect(criteria).not.toHaveProperty('from');
    expect(criteria).not.toHaveProperty('to');
  });
});

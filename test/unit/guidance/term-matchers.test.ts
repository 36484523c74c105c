import { describe, expect, it } from 'vitest';
import { createTermMatcher, prepareTermMatchers } from '../../../src/shared/guidance/rules';
import { DEFAULT_PACK } from '../../../src/shared/guidance/scripts';

describe('term matchers', () => {
  it('builds one matcher per list of terms, shared by every call, and prepared ahead from the pack', () => {
    const terms = ['燃气泄漏', 'gas leak'];
    const first = createTermMatcher(terms);
    expect(createTermMatcher(terms)).toBe(first);
    // A different list (even with the same words) is matched on its own.
    expect(createTermMatcher([...terms])).not.toBe(first);
    expect(first.find('楼道里有燃气泄漏的味道')).toEqual(['燃气泄漏']);
    expect(first.find('A GAS  LEAK downstairs')).toEqual(['gas leak']);
    expect(first.find('gas leaking')).toEqual([]);

    prepareTermMatchers(DEFAULT_PACK);
    const emergency = DEFAULT_PACK.protocols.emergency.triggerTerms;
    expect(createTermMatcher(emergency)).toBe(createTermMatcher(emergency));
    expect(createTermMatcher(emergency).find(`来电人说：${emergency[0]}`)).toContain(emergency[0]);
  });
});

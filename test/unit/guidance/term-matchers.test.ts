import { describe, expect, it } from 'vitest';
import { createTermMatcher, GuidanceEngine, prepareTermMatchers, rehearseGuidance } from '../../../src/shared/guidance/rules';
import { defaultPack } from '../../../src/shared/guidance/scripts';

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

    prepareTermMatchers(defaultPack());
    const emergency = defaultPack().protocols.emergency.triggerTerms;
    expect(createTermMatcher(emergency)).toBe(createTermMatcher(emergency));
    expect(createTermMatcher(emergency).find(`来电人说：${emergency[0]}`)).toContain(emergency[0]);
  });

  it('rehearses a call on a throw-away engine: a real call after it sees what it would have seen without it', () => {
    // A copy of the pack, as main sends it: its own lists of terms, so its matchers are built fresh.
    const pack = structuredClone(defaultPack());
    const call = () => {
      const engine = new GuidanceEngine({ pack });
      const views = [engine.handle({ type: 'call-phase', phase: 'ringing' }, 10), engine.handle({ type: 'call-phase', phase: 'talking' }, 20)];
      views.push(engine.handle({ type: 'hotkey', key: 'caller-angry' }, 30));
      return views;
    };
    const before = call();
    rehearseGuidance(pack);
    expect(call()).toEqual(before);
    expect(before[2]!.visible.map((prompt) => prompt.kind)).toContain('de-escalation');
  });
});

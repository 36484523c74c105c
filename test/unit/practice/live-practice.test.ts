import { describe, expect, it } from 'vitest';
import { PRACTICE_HEADER, practiceHeaderLine, trustedPracticeScenario } from '../../../src/shared/practice';

const invite = { headerValues: ['land-compensation'], fromHost: 'hotline.test', ownDomain: 'hotline.test' };

describe('a live practice call (the trainer plays the caller)', () => {
  it('the trainer\'s desk names a bundled scenario in the header', () => {
    expect(practiceHeaderLine('land-compensation')).toBe(`${PRACTICE_HEADER}: land-compensation`);
    expect(() => practiceHeaderLine('no-such-scenario')).toThrow(/no practice scenario/);
  });

  it('is trusted from a caller on the desk\'s own SIP domain naming one bundled scenario', () => {
    expect(trustedPracticeScenario(invite)).toBe('land-compensation');
    expect(trustedPracticeScenario({ ...invite, fromHost: 'HOTLINE.test', headerValues: [' land-compensation '] })).toBe('land-compensation');
  });

  it('is an ordinary call from any other domain, without a known own domain, or with a header that is not exactly one known scenario', () => {
    expect(trustedPracticeScenario({ ...invite, fromHost: 'gateway.example' })).toBeNull();
    expect(trustedPracticeScenario({ ...invite, ownDomain: null })).toBeNull();
    expect(trustedPracticeScenario({ ...invite, headerValues: [] })).toBeNull();
    expect(trustedPracticeScenario({ ...invite, headerValues: ['land-compensation', 'policy-question'] })).toBeNull();
    expect(trustedPracticeScenario({ ...invite, headerValues: ['../../etc'] })).toBeNull();
    expect(trustedPracticeScenario({ ...invite, headerValues: [''] })).toBeNull();
  });
});

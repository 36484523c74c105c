import { describe, expect, it } from 'vitest';
import { dialUri, domainOf, normalizeDialNumber } from './dial-number';

describe('normalizeDialNumber', () => {
  it.each([
    ['138 0013 8000', '13800138000'],
    ['010-6552-9988', '01065529988'],
    ['(021) 5888 1234', '02158881234'],
    ['+86 138-0013-8000', '+8613800138000'],
    ['  12345\n', '12345'],
    ['１２３４５', '12345'],
    ['1001', '1001'],
    ['*72#', '*72#'],
    ['sip:1002@hotline.test', 'sip:1002@hotline.test'],
  ])('%j -> %s', (input, target) => {
    expect(normalizeDialNumber(input)).toEqual({ ok: true, target });
  });

  it.each([
    ['', 'empty'],
    [' - ', 'empty'],
    ['abc', 'invalid'],
    ['12a45', 'invalid'],
    ['1+2', 'invalid'],
    ['1'.repeat(33), 'tooLong'],
  ])('refuses %j (%s)', (input, error) => {
    expect(normalizeDialNumber(input)).toEqual({ ok: false, error });
  });
});

describe('dialUri / domainOf', () => {
  it('puts a number into the account domain and passes URIs through', () => {
    expect(dialUri('2001', 'hotline.test')).toBe('sip:2001@hotline.test');
    expect(dialUri('sip:1002@x.test', 'hotline.test')).toBe('sip:1002@x.test');
    expect(domainOf('sip:1001@hotline.test')).toBe('hotline.test');
    expect(domainOf('sip:1001@pbx.example.cn:5060;transport=ws')).toBe('pbx.example.cn:5060');
    expect(domainOf('nonsense')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { grantedExpires, refreshDelayMs } from './registration-refresh';

describe('registration refresh', () => {
  it('takes the granted expiry from Contact, then Expires, then what we asked for', () => {
    expect(grantedExpires(['<sip:a@x.invalid;transport=ws>;expires=120'], ['600'], 300)).toBe(120);
    expect(grantedExpires(['<sip:a@x>;expires=120, <sip:b@y>;expires=60'], [], 300)).toBe(60);
    expect(grantedExpires(['<sip:a@x>'], ['90'], 300)).toBe(90);
    expect(grantedExpires(['<sip:a@x>;expires=0'], ['0'], 300)).toBe(300);
    expect(grantedExpires([], [], 300)).toBe(300);
  });

  it('refreshes at half the expiry, never sooner than 5 s', () => {
    expect(refreshDelayMs(300)).toBe(150_000);
    expect(refreshDelayMs(4)).toBe(5_000);
  });
});

import { describe, expect, it } from 'vitest';
import { callerIdentity, clip } from './caller-identity';

describe('callerIdentity', () => {
  it('keeps ordinary numbers and names as they are', () => {
    expect(callerIdentity('13800138000', '王女士')).toEqual({ number: '13800138000', name: '王女士' });
  });

  it('turns missing parts into empty strings', () => {
    expect(callerIdentity(undefined, undefined)).toEqual({ number: '', name: '' });
  });

  it('drops control and bidi-override characters and trims', () => {
    expect(callerIdentity(' 110\u202e011 ', 'a\u0000b\nc')).toEqual({ number: '110011', name: 'abc' });
  });

  it('drops exactly the characters Unicode classes as controls (Cc), the rest of the BMP kept unless listed', () => {
    const control = /\p{Cc}/u;
    const listed = new Set([...'\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff']);
    const wrong: string[] = [];
    for (let unit = 0x21; unit < 0xd800; unit++) {
      const char = String.fromCharCode(unit);
      const dropped = callerIdentity(`1${char}2`, '').number !== `1${char}2`;
      if (dropped !== (control.test(char) || listed.has(char))) wrong.push(unit.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('drops zero-width characters that make two names look alike', () => {
    expect(callerIdentity('1\u200b2\u2060', '王\u200b女\u200c士\u200d\u2060\ufeff')).toEqual({ number: '12', name: '王女士' });
  });

  it('shows an escaped quote or backslash without its escaping backslash', () => {
    expect(callerIdentity('1', '\\"老张\\" a\\\\b').name).toBe('"老张" a\\b');
  });

  it('leaves markup alone: it is shown as text, not interpreted', () => {
    expect(callerIdentity('1', '<img src=x onerror=alert(1)>').name).toBe('<img src=x onerror=alert(1)>');
  });

  it('bounds the number to 64 and the name to 128 UTF-16 units', () => {
    const { number, name } = callerIdentity('9'.repeat(100), '名'.repeat(300));
    expect(number).toHaveLength(64);
    expect(name).toHaveLength(128);
  });
});

describe('clip', () => {
  it('never splits a surrogate pair', () => {
    expect(clip('a😀😀', 4)).toBe('a😀');
    expect(clip('a😀😀', 2)).toBe('a');
  });
});

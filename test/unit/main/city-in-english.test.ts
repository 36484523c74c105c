import { describe, expect, it } from 'vitest';
import { cityInEnglish } from '../../../src/main/settings/city-in-english';

describe('the city as English text names it', () => {
  it('spells a city typed in Chinese in pinyin, as place names are written in English', () => {
    expect(cityInEnglish('重庆')).toBe('Chongqing');
    expect(cityInEnglish('长沙')).toBe('Changsha');
    expect(cityInEnglish('厦门')).toBe('Xiamen');
    expect(cityInEnglish('蚌埠')).toBe('Bengbu');
    // An apostrophe where a syllable would run into the one before.
    expect(cityInEnglish('西安')).toBe("Xi'an");
    expect(cityInEnglish('六安')).toBe("Lu'an");
    // The administrative rank is not part of the name the greeting says.
    expect(cityInEnglish(' 重庆市 ')).toBe('Chongqing');
    expect(cityInEnglish('吕梁')).toBe('Lüliang');
  });

  it("keeps the agent's own spelling, and a city already typed in Latin letters", () => {
    expect(cityInEnglish('呼和浩特', ' Hohhot ')).toBe('Hohhot');
    expect(cityInEnglish('呼和浩特', '  ')).toBe('Huhehaote');
    expect(cityInEnglish('Hangzhou')).toBe('Hangzhou');
    expect(cityInEnglish('市')).toBe('Shi');
  });
});

import { describe, expect, it } from 'vitest';
import { formatDay, formatDayMinute, formatHourMinute, formatLongDay, localDayStart, uiLanguage } from './date';

const DEC_4 = new Date(2026, 11, 4, 9, 5).getTime();

describe('dates in the UI language', () => {
  it('zh-CN: 2026年12月4日 and 2026-12-04, never 12/04/2026', () => {
    expect(formatLongDay(DEC_4, 'zh-CN')).toBe('2026年12月4日');
    expect(formatLongDay('2026-12-04', 'zh-CN')).toBe('2026年12月4日');
    expect(formatLongDay('2026-12-04', 'zh-CN', true)).toBe('2026年12月4日星期五');
    expect(formatDay(DEC_4, 'zh-CN')).toBe('2026-12-04');
    expect(formatDayMinute(DEC_4, 'zh-CN')).toBe('2026-12-04 09:05');
  });

  it('English: day month year in words, or the same sortable short form', () => {
    expect(formatLongDay('2026-12-04', 'en')).toBe('4 December 2026');
    expect(formatLongDay('2026-12-04', 'en', true)).toBe('Friday, 4 December 2026');
    expect(formatDay('2026-12-04', 'en')).toBe('2026-12-04');
    expect(formatHourMinute(new Date(2026, 0, 1, 0, 7).getTime(), 'en')).toBe('00:07');
    expect(formatHourMinute(new Date(2026, 0, 1, 23, 59).getTime(), 'zh-CN')).toBe('23:59');
  });

  it('a calendar day is that local day, whatever the time zone; no date gives empty text', () => {
    expect(formatDay('2026-01-01', 'zh-CN')).toBe('2026-01-01');
    expect(formatLongDay('2026-02-30', 'zh-CN')).toBe('');
    expect(formatLongDay('12/04/2026', 'zh-CN')).toBe('');
    expect(formatDay(Number.NaN, 'en')).toBe('');
  });

  it('the numeric forms, written from the date\'s fields, are the digits Intl gives in both languages', () => {
    const intl = (language: string, options: Intl.DateTimeFormatOptions, at: number) =>
      Object.fromEntries(new Intl.DateTimeFormat(language, options).formatToParts(at).map((part) => [part.type, part.value]));
    for (const at of [DEC_4, new Date(2026, 0, 1, 0, 0).getTime(), new Date(1999, 11, 31, 23, 59).getTime(), new Date(2031, 5, 9, 12, 30).getTime()]) {
      for (const language of ['zh-CN', 'en'] as const) {
        const day = intl(language === 'en' ? 'en-GB' : 'zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' }, at);
        const time = intl(language === 'en' ? 'en-GB' : 'zh-CN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, at);
        expect(formatDay(at, language)).toBe(`${day['year']}-${day['month']}-${day['day']}`);
        expect(formatHourMinute(at, language)).toBe(`${time['hour']}:${time['minute']}`);
      }
    }
    expect(formatHourMinute(Number.NaN, 'zh-CN')).toBe('');
  });

  it('the UI language is zh-CN unless it is English', () => {
    expect(uiLanguage('en')).toBe('en');
    expect(uiLanguage('zh-CN')).toBe('zh-CN');
    expect(uiLanguage(undefined)).toBe('zh-CN');
  });

  it('a typed day is its local midnight; text that is no real day is null', () => {
    expect(localDayStart('2026-12-01')).toBe(new Date(2026, 11, 1).getTime());
    expect(localDayStart(' 2026-12-01 ')).toBe(new Date(2026, 11, 1).getTime());
    expect(localDayStart('2026-02-30')).toBeNull();
    expect(localDayStart('12/01/2026')).toBeNull();
    expect(localDayStart('2026-12')).toBeNull();
    expect(localDayStart('')).toBeNull();
  });
});

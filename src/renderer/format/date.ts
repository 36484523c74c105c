/**
 * Dates as the agent reads them, in the UI language (one place for every
 * screen): zh-CN 2026年12月4日 (long) or 2026-12-04 (short, in lists); English
 * 4 December 2026 or 2026-12-04. Never the browser's month/day/year order.
 * The long forms go through Intl; the numeric ones are the same digits in both
 * languages and are written from the date's own fields: a fresh renderer's
 * first Intl.DateTimeFormat loads ICU's patterns for the locale (26–44 ms for
 * a work-order list's 50 rows in the lab, against 0.2 ms), and a desk in use
 * draws such a list on its first screen.
 */
export type UiLanguage = 'zh-CN' | 'en';

export const uiLanguage = (language: string | undefined): UiLanguage => (language === 'en' ? 'en' : 'zh-CN');

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(language: UiLanguage, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', options);
    cache.set(key, format);
  }
  return format;
}

/** An epoch time, or a calendar day as YYYY-MM-DD (taken as that day, not as UTC midnight). */
function toDate(value: number | string): Date | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : null;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!day) return null;
  const date = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  return date.getMonth() === Number(day[2]) - 1 ? date : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local midnight (epoch ms) of a day written 2026-12-04, or null for text that is no real day (2026-02-30, 12/04/2026). */
export function localDayStart(value: string): number | null {
  return toDate(value)?.getTime() ?? null;
}

/** 2026-12-04: the short, sortable form for lists (both languages). Empty for a value that is no date. */
export function formatDay(value: number | string, _language: UiLanguage): string {
  const date = toDate(value);
  if (!date || Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** 2026年12月4日 / 4 December 2026, with the weekday when asked (2026年12月4日星期五 / Friday, 4 December 2026). */
export function formatLongDay(value: number | string, language: UiLanguage, withWeekday = false): string {
  const date = toDate(value);
  if (!date) return '';
  return formatter(language, { year: 'numeric', month: 'long', day: 'numeric', ...(withWeekday ? { weekday: 'long' } : {}) }).format(date);
}

/** hh:mm, 24 h, local. */
export function formatHourMinute(epochMs: number, _language: UiLanguage): string {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return '';
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** 2026-12-04 09:30: a list row's time (work orders span days and years, unlike a call). */
export function formatDayMinute(epochMs: number, language: UiLanguage): string {
  return `${formatDay(epochMs, language)} ${formatHourMinute(epochMs, language)}`;
}

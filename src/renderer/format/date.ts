/**
 * Dates as the agent reads them, in the UI language, through Intl (one place
 * for every screen): zh-CN 2026年12月4日 (long) or 2026-12-04 (short, in
 * lists); English 4 December 2026 or 2026-12-04. Never the browser's
 * month/day/year order.
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

function parts(language: UiLanguage, date: Date, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of formatter(language, options).formatToParts(date)) out[part.type] = part.value;
  return out;
}

/** The local midnight (epoch ms) of a day written 2026-12-04, or null for text that is no real day (2026-02-30, 12/04/2026). */
export function localDayStart(value: string): number | null {
  return toDate(value)?.getTime() ?? null;
}

/** 2026-12-04: the short, sortable form for lists (both languages). Empty for a value that is no date. */
export function formatDay(value: number | string, language: UiLanguage): string {
  const date = toDate(value);
  if (!date) return '';
  const p = parts(language, date, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}-${p.month}-${p.day}`;
}

/** 2026年12月4日 / 4 December 2026, with the weekday when asked (2026年12月4日星期五 / Friday, 4 December 2026). */
export function formatLongDay(value: number | string, language: UiLanguage, withWeekday = false): string {
  const date = toDate(value);
  if (!date) return '';
  return formatter(language, { year: 'numeric', month: 'long', day: 'numeric', ...(withWeekday ? { weekday: 'long' } : {}) }).format(date);
}

/** hh:mm, 24 h, local. */
export function formatHourMinute(epochMs: number, language: UiLanguage): string {
  const p = parts(language, new Date(epochMs), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${p.hour}:${p.minute}`;
}

/** 2026-12-04 09:30: a list row's time (work orders span days and years, unlike a call). */
export function formatDayMinute(epochMs: number, language: UiLanguage): string {
  return `${formatDay(epochMs, language)} ${formatHourMinute(epochMs, language)}`;
}

import type { Namespace, TFunction } from 'i18next';
import { formatDayMinute, formatHourMinute as formatClockMinute, uiLanguage, type UiLanguage } from '../../format/date';
import { currentLanguage } from '../../i18n/i18n';
import { runtimeKey } from '../../i18n/i18n-key';
import { WORK_ORDER_TYPES } from '../../../shared/domain/work-order';

/** Local date and minute, 2026-12-04 09:30 (work orders span days and years, unlike a call), in the UI language. */
export function formatDateMinute(epochMs: number, language: UiLanguage = uiLanguage(currentLanguage())): string {
  return formatDayMinute(epochMs, language);
}

/** Local hh:mm. */
export function formatHourMinute(epochMs: number, language: UiLanguage = uiLanguage(currentLanguage())): string {
  return formatClockMinute(epochMs, language);
}

/**
 * An error message for the agent: our i18n keys are translated; the service's
 * own words (plain text) are shown as they are.
 */
export function messageText(t: TFunction<Namespace>, message: string): string {
  return /^[A-Za-z]+\.[A-Za-z.-]+$/.test(message) ? t(runtimeKey(message)) : message;
}

const TYPES: ReadonlySet<string> = new Set(WORK_ORDER_TYPES);

/** A list row's type is text from main or the service; translate the ones we know. */
export function typeText(t: TFunction<Namespace>, entry: { type: string | null }): string {
  if (!entry.type) return '';
  return TYPES.has(entry.type) ? t(runtimeKey(`workOrder:workOrder.type.${entry.type}`)) : entry.type;
}

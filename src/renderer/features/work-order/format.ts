import type { Namespace, TFunction } from 'i18next';
import { runtimeKey } from '../../i18n/i18n-key';
import { WORK_ORDER_TYPES } from '../../../shared/domain/work-order';

const pad = (value: number): string => String(value).padStart(2, '0');

/** Local date and minute, YYYY-MM-DD hh:mm: work orders span days and years, unlike a call. */
export function formatDateMinute(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Local hh:mm. */
export function formatHourMinute(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
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

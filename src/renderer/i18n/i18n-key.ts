import type { ParseKeys } from 'i18next';

/** Any key of the app's strings. */
export type I18nKey = ParseKeys;

/**
 * A key that only exists at run time (an error code from main, a zod issue's
 * message, a value of an enum): typed as a key where it enters the UI, so the
 * literal keys everywhere else stay checked.
 */
export function runtimeKey(key: string): I18nKey {
  return key as I18nKey;
}

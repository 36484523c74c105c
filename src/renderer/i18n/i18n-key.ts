/**
 * A key that only exists at run time (an error code from main, a zod issue's
 * message, a value of an enum) where it enters t(): the one place the key
 * types give way, so the literal keys everywhere else stay checked. Typed so
 * that any namespace's t() takes it.
 */
export function runtimeKey(key: string): never {
  return key as never;
}

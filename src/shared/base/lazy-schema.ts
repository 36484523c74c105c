/**
 * A schema built the first time it is used, not when its module is evaluated.
 *
 * zod 4 builds every schema eagerly, and each `.min()`, `.max()`, `.optional()` builds another whole
 * instance (with its methods). The renderer's first chunk evaluated a few hundred of them at start, and
 * main's bundle over a thousand before its window could open (docs/benchmarks.md), most for forms and
 * wire messages that no start uses. The proxy stands for the schema with its exact type, so callers,
 * `z.infer` and composition (`z.object({ id: Id })`) are unchanged.
 *
 * Not for schemas that zod tells apart by identity (registries, `z.toJSONSchema`): a schema built from a
 * lazy one (`.nullable()`) holds the schema itself, a parent that names it holds the proxy. The centre's
 * review, scorecard and floor schemas, which the OpenAPI document is derived from, stay eager for that.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    has: (_, key) => Reflect.has(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}

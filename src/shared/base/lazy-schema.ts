/**
 * A schema built the first time it is used, not when its module is evaluated.
 *
 * zod 4 builds every schema eagerly, and each `.min()`, `.max()`, `.optional()` builds another whole
 * instance (with its methods). The renderer's first chunk evaluates a few hundred of them at start
 * (~25 ms of the main thread before the first REGISTER, docs/benchmarks.md), most for forms and wire
 * messages that no start uses. The proxy stands for the schema with its exact type, so callers,
 * `z.infer` and composition (`z.object({ id: Id })`) are unchanged.
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

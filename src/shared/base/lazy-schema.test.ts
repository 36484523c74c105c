import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazySchema } from './lazy-schema';

describe('lazySchema', () => {
  it('builds the schema on first use, once', () => {
    let builds = 0;
    const Name = lazySchema(() => {
      builds += 1;
      return z.string().min(1).max(4);
    });
    expect(builds).toBe(0);
    expect(Name.parse('abc')).toBe('abc');
    expect(Name.safeParse('').success).toBe(false);
    expect(builds).toBe(1);
  });

  it('stands for the schema: same results, same issues, composes, passes zod’s instanceof', () => {
    const eager = z.object({ id: z.string().max(3), n: z.number().int() });
    const Lazy = lazySchema(() => z.object({ id: z.string().max(3), n: z.number().int() }));
    for (const input of [{ id: 'a', n: 1 }, { id: 'abcd', n: 1.5 }, null]) {
      expect(Lazy.safeParse(input)).toEqual(eager.safeParse(input));
    }
    const Wrapped = z.object({ item: Lazy.optional(), items: z.array(Lazy) });
    expect(Wrapped.parse({ items: [{ id: 'b', n: 2 }] })).toEqual({ items: [{ id: 'b', n: 2 }] });
    expect(Wrapped.safeParse({ items: [{ id: 'b' }] }).error?.issues[0]?.path).toEqual(['items', 0, 'n']);
    expect(Lazy instanceof z.ZodObject).toBe(true);
    expect(Object.keys(Lazy.extend({ extra: z.boolean() }).shape)).toEqual(['id', 'n', 'extra']);
  });

  it('a discriminated union of lazy options dispatches on the key', () => {
    const A = lazySchema(() => z.object({ kind: z.literal('a'), a: z.number() }));
    const B = lazySchema(() => z.object({ kind: z.literal('b'), b: z.string() }));
    const Either = lazySchema(() => z.discriminatedUnion('kind', [A, B]));
    expect(Either.parse({ kind: 'b', b: 'x' })).toEqual({ kind: 'b', b: 'x' });
    expect(Either.safeParse({ kind: 'c' }).success).toBe(false);
  });
});

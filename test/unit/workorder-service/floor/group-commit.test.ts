import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../../services/workorder/floor/group-commit';

/** A run the test finishes by hand, recording the batches it was given. */
function manualRun() {
  const batches: number[][] = [];
  const finishers: ((fail?: Error) => void)[] = [];
  const run = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      finishers.push((fail) => (fail ? reject(fail) : resolve(items.map((n) => `r${n}`))));
    });
  return { batches, finishers, run };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('runs a lone item at once, then everything that arrived meanwhile as one batch, in order', async () => {
    const { batches, finishers, run } = manualRun();
    const group = new GroupCommit(run, 100);
    const first = group.add(1);
    await settle();
    expect(batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => group.add(n));
    await settle();
    expect(batches).toHaveLength(1);
    expect(group.waiting).toBe(3);
    finishers[0]?.();
    expect(await first).toBe('r1');
    await settle();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finishers[1]?.();
    expect(await Promise.all(rest)).toEqual(['r2', 'r3', 'r4']);
  });

  it('caps a batch at maxBatch and takes the remainder next', async () => {
    const { batches, finishers, run } = manualRun();
    const group = new GroupCommit(run, 2);
    const all = [1, 2, 3, 4, 5].map((n) => group.add(n));
    await settle();
    finishers[0]?.();
    await settle();
    finishers[1]?.();
    await settle();
    finishers[2]?.();
    expect(await Promise.all(all)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('a failed batch rejects each of its items; the next batch still runs', async () => {
    const { batches, finishers, run } = manualRun();
    const group = new GroupCommit(run, 10);
    const first = group.add(1);
    await settle();
    const second = group.add(2);
    const third = group.add(3);
    finishers[0]?.(new Error('pool busy'));
    await expect(first).rejects.toThrow('pool busy');
    await settle();
    finishers[1]?.();
    expect(await Promise.all([second, third])).toEqual(['r2', 'r3']);
    expect(batches).toEqual([[1], [2, 3]]);
  });
});

import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

describe('locales', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort());
  });

  it('translate every error key the shared schemas use', () => {
    // The messages in src/shared/domain/*.ts are these keys.
    for (const key of ['required', 'tooLong', 'wsServer', 'sipUri', 'workNumber']) {
      expect(zhCN.errors).toHaveProperty(key);
    }
  });

  it('have no empty strings', () => {
    for (const [name, tree] of [['zh-CN', zhCN], ['en', en]] as const) {
      for (const key of keysOf(tree)) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
        expect(value, `${name}:${key}`).not.toBe('');
      }
    }
  });
});

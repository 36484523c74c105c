import { describe, expect, it } from 'vitest';
import { agentDeskEn, agentDeskZhCN } from './locales';

const deskLocales = { en: agentDeskEn, 'zh-CN': agentDeskZhCN };

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

describe('desk locales', () => {
  it('zh-CN and en have the same keys, none empty', () => {
    expect(keysOf(deskLocales.en).sort()).toEqual(keysOf(deskLocales['zh-CN']).sort());
    for (const tree of [deskLocales.en, deskLocales['zh-CN']]) {
      for (const key of keysOf(tree)) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
        expect(value, key).not.toBe('');
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { FEATURE_LOCALES } from './feature-locales';
import { i18n } from './i18n';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

describe('feature locales', () => {
  it('zh-CN and en have the same keys, none empty', () => {
    FEATURE_LOCALES['zh-CN'].forEach((zh, index) => {
      const en = FEATURE_LOCALES.en[index]!;
      expect(keysOf(en).sort()).toEqual(keysOf(zh).sort());
    });
  });

  it('are merged into the shared errors, not replacing them', () => {
    for (const language of ['zh-CN', 'en']) {
      const t = i18n.getFixedT(language);
      for (const key of ['errors.required', 'errors.tooLong', 'errors.choose', 'errors.date', 'errors.scopeUndecided', 'errors.phone', 'errors.unknownDepartment', 'errors.httpUrl']) {
        expect(i18n.exists(key, { lng: language }), `${language}:${key}`).toBe(true);
      }
      expect(t('workOrder.submit')).not.toBe('workOrder.submit');
    }
  });
});

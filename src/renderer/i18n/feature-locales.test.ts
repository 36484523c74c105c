import { describe, expect, it } from 'vitest';
import { FEATURE_ERRORS, FEATURE_NAMESPACES } from './feature-locales';
import { i18n } from './i18n';
import { runtimeKey } from './i18n-key';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

describe('feature locales: one namespace per feature', () => {
  it('zh-CN and en have the same keys in every namespace and in the shared errors, none empty', () => {
    for (const [namespace, zh] of Object.entries(FEATURE_NAMESPACES['zh-CN'])) {
      const en = FEATURE_NAMESPACES.en[namespace as keyof (typeof FEATURE_NAMESPACES)['en']];
      expect(keysOf(en).sort(), namespace).toEqual(keysOf(zh).sort());
    }
    FEATURE_ERRORS['zh-CN'].forEach((zh, index) => expect(keysOf(FEATURE_ERRORS.en[index]!).sort()).toEqual(keysOf(zh).sort()));
  });

  it('a feature reads its own namespace first and falls back to the app strings; feature errors join the shared ones', () => {
    for (const language of ['zh-CN', 'en']) {
      const workOrder = i18n.getFixedT(language, 'workOrder');
      expect(workOrder('workOrder.submit')).not.toBe('workOrder.submit');
      expect(workOrder('call.unknownNumber')).not.toBe('call.unknownNumber');
      expect(i18n.getFixedT(language)(runtimeKey('workOrder.submit'))).toBe('workOrder.submit');
      for (const key of ['errors.required', 'errors.tooLong', 'errors.choose', 'errors.date', 'errors.scopeUndecided', 'errors.phone', 'errors.unknownDepartment', 'errors.httpUrl', 'errors.accelerator']) {
        expect(i18n.exists(key, { lng: language }), `${language}:${key}`).toBe(true);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { addLaterNamespace, FEATURE_ERRORS, FEATURE_NAMESPACES, LATER_NAMESPACES } from './feature-locales';
import { i18n, withNamespace } from './i18n';
import { runtimeKey } from './i18n-key';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

/** Every string with its path (a key may itself hold a dot, so paths are not split back). */
function leavesOf(tree: object, prefix = ''): Array<[string, unknown]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, unknown]> =>
    typeof value === 'object' && value !== null ? leavesOf(value as object, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

describe('feature locales: one namespace per feature', () => {
  it('zh-CN and en have the same keys in every namespace (the first screen\'s and the lazy parts\') and in the shared errors, none empty', async () => {
    const later = Object.fromEntries(await Promise.all(Object.entries(LATER_NAMESPACES).map(async ([namespace, load]) => [namespace, await load()] as const)));
    const namespaces: Array<[string, object, object]> = [
      ...Object.entries(FEATURE_NAMESPACES['zh-CN']).map(([namespace, zh]): [string, object, object] => [namespace, zh, FEATURE_NAMESPACES.en[namespace as keyof (typeof FEATURE_NAMESPACES)['en']]]),
      ...Object.entries(later).map(([namespace, bundles]): [string, object, object] => [namespace, bundles['zh-CN'], bundles.en]),
    ];
    expect(namespaces.length).toBeGreaterThan(Object.keys(FEATURE_NAMESPACES['zh-CN']).length);
    for (const [namespace, zh, en] of namespaces) {
      expect(keysOf(en).sort(), namespace).toEqual(keysOf(zh).sort());
      expect(keysOf(zh).length, namespace).toBeGreaterThan(0);
      for (const [language, tree] of [['zh-CN', zh], ['en', en]] as const) {
        // A key that is itself '' (replay's side.'') names "no value" and says nothing on purpose.
        for (const [key, value] of leavesOf(tree)) if (!key.endsWith('.')) expect(value, `${namespace} ${language}:${key}`).not.toBe('');
      }
    }
    FEATURE_ERRORS['zh-CN'].forEach((zh, index) => expect(keysOf(FEATURE_ERRORS.en[index]!).sort()).toEqual(keysOf(zh).sort()));
  });

  it('a feature reads its own namespace first and falls back to the app strings; feature errors join the shared ones', () => {
    for (const language of ['zh-CN', 'en']) {
      const workOrder = i18n.getFixedT(language, 'workOrder');
      expect(workOrder('workOrder.submit')).not.toBe('workOrder.submit');
      expect(workOrder('call.unknownNumber')).not.toBe('call.unknownNumber');
      expect(i18n.getFixedT(language)(runtimeKey('workOrder.submit'))).toBe('workOrder.submit');
      for (const key of ['errors.required', 'errors.tooLong', 'errors.choose', 'errors.date', 'errors.scopeUndecided', 'errors.phone', 'errors.unknownDepartment', 'errors.httpUrl', 'errors.accelerator', 'errors.wsServer', 'errors.sipUri']) {
        expect(i18n.exists(key, { lng: language }), `${language}:${key}`).toBe(true);
      }
    }
    expect(i18n.getFixedT('zh-CN', 'workOrder')('workOrder.submit')).not.toBe(i18n.getFixedT('en', 'workOrder')('workOrder.submit'));
  });

  it("a lazy part's namespace is not there at start and is, in both languages, once its part has loaded", async () => {
    expect(i18n.hasResourceBundle('zh-CN', 'replay')).toBe(false);
    expect(i18n.hasResourceBundle('en', 'replay')).toBe(false);
    const part = await withNamespace('replay', () => Promise.resolve('the part'))();
    expect(part).toBe('the part');
    const { 'zh-CN': zh, en } = (await LATER_NAMESPACES.replay()) as { 'zh-CN': { title: string }; en: { title: string } };
    expect(i18n.getFixedT('zh-CN', 'replay')('title')).toBe(zh.title);
    expect(i18n.getFixedT('en', 'replay')('title')).toBe(en.title);
    expect(zh.title).not.toBe(en.title);
    // Added once: a second load leaves the bundle as it is.
    const before = i18n.store.data['zh-CN']!['replay'];
    await addLaterNamespace(i18n, 'replay');
    expect(i18n.store.data['zh-CN']!['replay']).toBe(before);
  });
});

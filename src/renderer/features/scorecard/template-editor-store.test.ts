import { afterEach, describe, expect, it } from 'vitest';
import type { HotlineBridge } from '../../../shared/ipc/bridge';
import { defaultScorecardTemplate, type ScorecardTemplate } from '../../../shared/scorecard';
import { installBridge } from '../../ipc/bridge';
import { editDraft, loadTemplate, missingNormItems, publishTemplate, useTemplateEditor } from './template-editor-store';

/** A desk with the default template whose centre has version `centreVersion` (0: none) and answers publishes with `publish`. */
function fakeDesk(centreVersion: number, publish: 'ok' | 'conflict' = 'ok') {
  const published: ScorecardTemplate[] = [];
  const adopted: ScorecardTemplate[] = [];
  const centre = { ...defaultScorecardTemplate(), version: centreVersion };
  installBridge({
    scorecards: {
      template: () => Promise.resolve({ ok: true, value: { ...defaultScorecardTemplate(), version: 7 } }),
      centreTemplates: () => Promise.resolve({ ok: true, value: { state: 'ok', templates: centreVersion > 0 ? [{ template: centre, createdBy: '0701', createdAt: 1 }] : [], versions: [] } }),
      publishTemplate: (template: ScorecardTemplate) => {
        published.push(template);
        return Promise.resolve({ ok: true, value: publish === 'ok' ? { state: 'ok', template } : { state: 'conflict', current: { template: { ...centre, version: centreVersion + 1 }, createdBy: '0801', createdAt: 2 } } });
      },
      adoptTemplate: (template: ScorecardTemplate) => {
        adopted.push(template);
        return Promise.resolve({ ok: true, value: template });
      },
    },
  } as unknown as HotlineBridge);
  return { published, adopted };
}

describe('the scorecard template editor', () => {
  afterEach(() => {
    installBridge(null);
    useTemplateEditor.setState({ base: null, draft: null, fromCentre: false, busy: false, note: null });
  });

  it('edits the centre\'s latest version and publishes the next one, then uses it on this desk as it is', async () => {
    const { published, adopted } = fakeDesk(3);
    await loadTemplate();
    expect(useTemplateEditor.getState()).toMatchObject({ fromCentre: true, base: { version: 3 } });
    const removed = useTemplateEditor.getState().draft!.items[0]!;
    editDraft((d) => ({ ...d, items: d.items.slice(1).map((item, i) => (i === 0 ? { ...item, points: 20 } : item)), fatal: [...d.fatal, { id: 'leak', title: { 'zh-CN': '泄露来电人信息', en: 'Leaked the caller\u2019s details' }, judge: { kind: 'trainer' } }] }));
    expect(missingNormItems(useTemplateEditor.getState().draft!).map((item) => item.id)).toEqual([removed.id]);
    await publishTemplate();
    expect(published.map((t) => [t.version, t.items[0]!.points, t.fatal.at(-1)!.id])).toEqual([[4, 20, 'leak']]);
    expect(adopted.map((t) => t.version)).toEqual([4]);
    expect(useTemplateEditor.getState().note).toEqual({ key: 'editor.published', values: { version: 4 } });
  });

  it('publishes version 1 of a template the centre never had; another editor\'s newer version is a conflict, nothing adopted', async () => {
    const first = fakeDesk(0);
    await loadTemplate();
    await publishTemplate();
    expect(first.published.map((t) => t.version)).toEqual([1]);
    const second = fakeDesk(2, 'conflict');
    await loadTemplate();
    await publishTemplate();
    expect(second.adopted).toEqual([]);
    expect(useTemplateEditor.getState().note).toEqual({ key: 'editor.conflict', values: { version: 3 } });
  });
});

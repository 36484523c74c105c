import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HotlineBridge } from '../../../shared/ipc/bridge';
import type { KnowledgeHit, KnowledgeSearchRequest } from '../../../shared/knowledge/search';
import { emptyWorkOrderDraft } from '../../../shared/domain/work-order';
import { installBridge } from '../../ipc/bridge';
import { addLaterNamespace } from '../../i18n/feature-locales';
import { i18n } from '../../i18n/i18n';
import { useWorkOrderStore } from '../work-order';
import { CopyLine, KnowledgeHits } from './components/KnowledgePane';
import { categoriesOf, putInReply, quoteOf } from './knowledge-actions';
import { fillFromWorkOrder, resetKnowledge, SEARCH_PAUSE_MS, searchByWorkOrder, typeQuery, useKnowledgeStore } from './knowledge-store';

const HIT: KnowledgeHit = {
  id: 'KB-gjj-tq-mats',
  title: [{ text: '办理住房公积金提取需要哪些', hit: false }, { text: '材料', hit: true }],
  passage: [{ text: '办理住房公积金提取需要准备以下', hit: false }, { text: '材料', hit: true }, { text: '：居民身份证。', hit: false }],
  passageText: '办理住房公积金提取需要准备以下材料：居民身份证。',
  department: '市住房公积金管理中心',
  policy: '住房公积金提取',
  region: '全市',
  validFrom: '2025-01-01',
  validUntil: null,
  validity: 'current',
  sourceDocument: '《关于住房公积金提取有关事项的通知》',
  sourceNumber: '住房发〔2025〕38号',
};

function fakeBridge() {
  const asked: KnowledgeSearchRequest[] = [];
  installBridge({
    knowledge: {
      search: (request: KnowledgeSearchRequest) => {
        asked.push(request);
        return Promise.resolve({ ok: true, value: { hits: [HIT], tookMs: 1.2, copy: { count: 344, version: 3, checkedAt: 1 } } });
      },
      status: () => Promise.resolve({ ok: true, value: { count: 344, version: 3, checkedAt: 1 } }),
    },
  } as unknown as HotlineBridge);
  return asked;
}

// The pane is a lazy part: its strings reach i18next when its part loads, as the app's loader does.
beforeAll(() => addLaterNamespace(i18n, 'knowledge'));

afterEach(() => {
  vi.useRealTimers();
  resetKnowledge();
  installBridge(null);
});

describe('the knowledge pane', () => {
  it('searches by the work order summary and domain until the agent types, then by what was typed', async () => {
    vi.useFakeTimers();
    const asked = fakeBridge();
    fillFromWorkOrder('公积金提取要什么材料', categoriesOf('public-services'));
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(asked.at(-1)).toMatchObject({ query: '公积金提取要什么材料', limit: 8 });
    expect(asked.at(-1)?.categories).toContain('住房公积金');
    expect(useKnowledgeStore.getState().hits.map((h) => h.id)).toEqual(['KB-gjj-tq-mats']);

    typeQuery('租房提取');
    fillFromWorkOrder('公积金提取要什么材料和多久', categoriesOf('public-services'));
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(asked.at(-1)?.query).toBe('租房提取');
    expect(asked.filter((a) => a.query === '租房提取')).toHaveLength(1);

    searchByWorkOrder('公积金提取要什么材料和多久');
    await vi.advanceTimersByTimeAsync(SEARCH_PAUSE_MS);
    expect(asked.at(-1)?.query).toBe('公积金提取要什么材料和多久');
  });

  it('shows each hit with its passage highlighted, the department, the validity and the source', () => {
    expect(renderToStaticMarkup(createElement(CopyLine, { status: { count: 344, version: 3, checkedAt: 1 } }))).toContain('本机 344 条 · 第 3 版');
    expect(renderToStaticMarkup(createElement(CopyLine, { status: null }))).toContain('本机还没有知识库');
    const html = renderToStaticMarkup(createElement(KnowledgeHits, { hits: [HIT], opened: null, usedIds: [] }));
    expect(html).toContain('<mark>材料</mark>');
    expect(html).toContain('主管：市住房公积金管理中心');
    expect(html).toContain('2025-01-01 起施行 · 长期有效');
    expect(html).toContain('住房发〔2025〕38号');
    expect(html).toContain('写入答复');
  });

  it('an expired hit says so and offers no 写入答复', () => {
    const html = renderToStaticMarkup(createElement(KnowledgeHits, { hits: [{ ...HIT, validity: 'expired', validUntil: '2025-06-30' }], opened: null, usedIds: [] }));
    expect(html).toContain('已失效（仅供核对，不可作为现行答复）');
    expect(html).not.toContain('写入答复');
  });

  it('puts the passage with its source into the open work order reply, after what is there', () => {
    const edits: [string, unknown][] = [];
    const fields = { ...emptyWorkOrderDraft(), commitment: { what: '已告知来电人先线上申请。', dueDate: '' } };
    useWorkOrderStore.setState({ id: 'wo-1', fields, edit: ((key: string, value: unknown) => edits.push([key, value])) as never });
    const quoted = quoteOf(HIT, (passage, source) => `${passage}（依据：${source}）`);
    expect(putInReply(HIT, quoted)).toBe(true);
    expect(edits).toEqual([
      [
        'commitment',
        { what: '已告知来电人先线上申请。\n办理住房公积金提取需要准备以下材料：居民身份证。（依据：《关于住房公积金提取有关事项的通知》住房发〔2025〕38号）', dueDate: '' },
      ],
    ]);
    expect(useKnowledgeStore.getState().usedIds).toEqual(['KB-gjj-tq-mats']);
    useWorkOrderStore.setState({ id: null });
    expect(putInReply(HIT, quoted)).toBe(false);
  });
});

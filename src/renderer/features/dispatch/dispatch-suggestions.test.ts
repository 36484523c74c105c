import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import catalogueJson from '../../../../assets/dispatch/catalogue.json';
import { DispatchCatalogueSchema } from '../../../shared/dispatch/catalogue';
import { buildDispatchIndex, suggestDepartments } from '../../../shared/dispatch/suggest';
import { applyLanguage } from '../../i18n/i18n';
import { DispatchSuggestionsView, type DispatchCopy, type DispatchSuggestionsProps } from './components/DispatchSuggestions';
import { departmentsOf, suggestionKey } from './dispatch-keys';

const catalogue = DispatchCatalogueSchema.parse(catalogueJson);
const index = buildDispatchIndex(catalogue);
const query = { summary: '工地半夜还在打桩', description: '附近工地凌晨两点还在施工，吵得睡不着', domain: null, district: '东湖区', address: '' };
const props = (change: Partial<DispatchSuggestionsProps> = {}): DispatchSuggestionsProps => ({
  workOrderId: 'wo-00000001',
  query,
  selected: [],
  editable: true,
  onChoose: () => undefined,
  ...change,
});
let copy: DispatchCopy = { index: null, learning: {}, version: 0, loaded: false };
const render = (change: Partial<DispatchSuggestionsProps> = {}) => renderToStaticMarkup(createElement(DispatchSuggestionsView, { ...props(change), copy }));

describe('dispatch suggestions in the work order', () => {
  afterEach(async () => {
    await applyLanguage('zh-CN');
  });

  it('say there is no catalogue yet on a desk that has none', () => {
    copy = { index: null, learning: {}, version: 0, loaded: true };
    expect(render()).toContain('本机还没有派单目录');
  });

  it('rank departments with the reason: lead and helpers of a shared matter, the matter, the keywords, the region; a key per suggestion', async () => {
    copy = { index, learning: {}, version: 3, loaded: true };
    let html = render();
    expect(html).toContain('派单目录第 3 版');
    expect(html).toContain('主办');
    expect(html).toContain('城市管理局');
    expect(html).toContain('协同事项');
    expect(html).toContain('事项：夜间施工噪声');
    expect(html).toContain('协办：住房和城乡建设局、生态环境局');
    expect(html).toContain('匹配：');
    expect(html).toContain('打桩');
    expect(html).toContain('Control+Shift+1');
    expect(html.indexOf('dispatch-suggestion-urban-management')).toBeLessThan(html.indexOf('dispatch-suggestion-housing-construction'));

    await applyLanguage('en');
    html = render();
    expect(html).toContain('Suggested departments');
    expect(html).toContain('Urban Management');
    expect(html).toContain('Helping: Housing and Urban-Rural Development, Ecology and Environment');
    expect(html).toContain('Matter: Construction noise at night');
  });

  it('mark the chosen suggestion, ask for the region when a district department has none, and say when nothing matches', () => {
    copy = { index, learning: {}, version: 1, loaded: true };
    const [first] = suggestDepartments(index, query);
    expect(render({ selected: departmentsOf(first!) })).toContain('已选用');
    expect(render({ query: { ...query, summary: '物业不管事', description: '楼道灯坏了几个月没人修', district: '' } })).toContain('未填写区域，请确认辖区');
    expect(render({ query: { ...query, summary: '嗯嗯好的', description: '谢谢' } })).toContain('派单目录中没有与当前内容相符的事项');
  });

  it('choose with Ctrl+Shift+1..5 by physical key, leaving Ctrl+digit, Alt+digit and Ctrl+Alt to others', () => {
    const key = (code: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }>) =>
      suggestionKey({ code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
    expect(key('Digit1', { ctrlKey: true, shiftKey: true })).toBe(0);
    expect(key('Numpad5', { ctrlKey: true, shiftKey: true })).toBe(4);
    expect(key('Digit6', { ctrlKey: true, shiftKey: true })).toBeNull();
    expect(key('Digit1', { ctrlKey: true })).toBeNull();
    expect(key('Digit1', { altKey: true, shiftKey: true })).toBeNull();
    expect(key('Digit1', { ctrlKey: true, altKey: true, shiftKey: true })).toBeNull();
  });
});

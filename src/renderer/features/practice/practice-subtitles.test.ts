import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledScenario } from '../../../shared/practice';
import { applyLanguage } from '../../i18n/i18n';
import { PracticeSubtitles, PracticeSubtitlesView } from './components/PracticeSubtitles';
import type { PracticeCallView } from './practice-store';

const scenario = bundledScenario('land-compensation')!;
const open = scenario.lines[0]!;
const waiting: PracticeCallView = { callId: 'c1', scenarioId: scenario.id, title: scenario.title, line: null, ended: false };
const render = (call: PracticeCallView) => renderToStaticMarkup(createElement(PracticeSubtitlesView, { call }));

describe('practice subtitles', () => {
  afterEach(() => applyLanguage('zh-CN'));

  it('show nothing for a call that is not a practice call', () => {
    expect(renderToStaticMarkup(createElement(PracticeSubtitles, { callId: 'sip-1' }))).toBe('');
    expect(renderToStaticMarkup(createElement(PracticeSubtitles, { callId: null }))).toBe('');
  });

  it('show the caller waiting, then the line said, in the desk language, with the mood', async () => {
    let html = render(waiting);
    expect(html).toContain('练习');
    expect(html).toContain(scenario.title['zh-CN']);
    expect(html).toContain('来电人正在等您开口');

    const saying: PracticeCallView = { ...waiting, line: { id: open.id, text: open.text, mood: 'angry', silent: false, speaking: true } };
    html = render(saying);
    expect(html).toContain(open.text['zh-CN']);
    expect(html).toContain('生气');

    await applyLanguage('en');
    html = render(saying);
    expect(html).toContain(open.text.en.replace(/'/g, '&#x27;'));
    expect(html).toContain('Angry');
    expect(render({ ...saying, ended: true })).toContain('Practice finished');
  });

  it('mark a stage direction as such', () => {
    const silent = bundledScenario('silent-call')!.lines[0]!;
    const html = render({ ...waiting, line: { id: silent.id, text: silent.text, mood: 'calm', silent: true, speaking: true } });
    expect(html).toContain(`（旁白） ${silent.text['zh-CN']}`);
  });
});

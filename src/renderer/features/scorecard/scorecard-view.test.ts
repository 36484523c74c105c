import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { TimelineEntrySchema } from '../../../shared/domain/call/timeline';
import { emptyWorkOrderDraft } from '../../../shared/domain/work-order';
import { defaultPack } from '../../../shared/guidance/scripts/default-pack';
import { defaultScorecardTemplate, scoreCall } from '../../../shared/scorecard';
import { applyLanguage } from '../../i18n/i18n';
import { CostlyMoments } from './components/CallFeedback';
import { ScorecardView } from './components/ScorecardView';

/** A practice call greeted late (4.2 s), that talked over the caller once at 1:05 and never restated. */
const card = scoreCall(defaultScorecardTemplate(), {
  timeline: [
    { kind: 'signal', subject: 'speech', startMs: 4200, endMs: 6000, payload: { side: 'agent' } },
    { kind: 'signal', subject: 'interruption', startMs: 65_000, payload: { by: 'agent' } },
    { kind: 'step-ticked', subject: 'dispatch', startMs: 80_000, payload: { by: 'agent' } },
  ].map((entry, seq) => TimelineEntrySchema.parse({ ...entry, seq })),
  workOrder: emptyWorkOrderDraft(),
  answeredAt: 0,
  endedAt: 120_000,
  wrapUpAt: null,
});

describe('the scorecard on screen', () => {
  afterEach(() => applyLanguage('zh-CN'));

  it('shows the total, each automatic item with what the desk saw, and hides the trainer items in the practice feedback', async () => {
    let html = renderToStaticMarkup(createElement(ScorecardView, { card, automaticOnly: true }));
    expect(html).toContain(`${card.score} / 100 分`);
    expect(html).toContain('接通后 4.2 秒才开口（要求 3 秒内）');
    expect(html).toContain('打断来电人 1 次');
    expect(html).toContain('没有完成“复述确认”');
    expect(html).not.toContain('data-item="listening"');
    expect(renderToStaticMarkup(createElement(ScorecardView, { card }))).toContain('data-item="listening"');
    await applyLanguage('en');
    html = renderToStaticMarkup(createElement(ScorecardView, { card, automaticOnly: true }));
    expect(html).toContain('You first spoke 4.2 s after answer (the norm: within 3 s)');
    expect(html).toContain('&quot;Restatement&quot; was not done');
  });

  it('lists the moments that cost points with the phrase that would have helped', async () => {
    let html = renderToStaticMarkup(createElement(CostlyMoments, { card, pack: defaultPack() }));
    expect(html).toContain('0:00');
    expect(html).toContain('1:05');
    expect(html).toContain(defaultPack().steps.find((step) => step.id === 'restate')!.phrases[0]!.text['zh-CN'].slice(0, 8));
    expect(html).toContain('可以这样说');
    await applyLanguage('en');
    html = renderToStaticMarkup(createElement(CostlyMoments, { card, pack: defaultPack() }));
    expect(html).toContain('What would have helped');
    expect(html).toContain('instead of');
  });
});

import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledScenario, scenarioProgress, scenarioVersion, type PracticeOverview } from '../../../shared/practice';
import { applyLanguage } from '../../i18n/i18n';
import { PracticeReviewView } from './components/PracticeReview';

const T0 = 1_780_000_000_000;
const overview: PracticeOverview = {
  teamIds: ['team-a'],
  trainees: [
    {
      agent: '0307',
      name: '李娜',
      teamId: 'team-a',
      lastAt: T0 + 3_000,
      scenarios: scenarioProgress([
        { scenarioId: 'policy-question', score: 40, maxScore: 100, endedAt: T0 },
        { scenarioId: 'policy-question', score: 90, maxScore: 100, endedAt: T0 + 1_000 },
        { scenarioId: 'policy-question', score: 70, maxScore: 100, endedAt: T0 + 2_000 },
        { scenarioId: 'abusive-caller', score: 55, maxScore: 100, endedAt: T0 + 3_000 },
      ]),
    },
    { agent: '0309', name: '周强', teamId: 'team-a', lastAt: null, scenarios: [] },
  ],
};

describe("the trainer's view of trainees' practice", () => {
  afterEach(() => applyLanguage('zh-CN'));
  const render = (state: { overview?: PracticeOverview; refused?: string }) =>
    renderToStaticMarkup(createElement(PracticeReviewView, { loading: false, overview: state.overview ?? null, refused: state.refused ?? null }));

  it('per scenario: attempts, latest and best (by percent, the earlier on a tie), the trend oldest first', () => {
    const [abusive, policy] = overview.trainees[0]!.scenarios;
    expect(abusive).toMatchObject({ scenarioId: 'abusive-caller', attempts: 1, trend: [55] });
    expect(policy).toEqual({ scenarioId: 'policy-question', attempts: 3, trend: [40, 90, 70], latest: { score: 70, maxScore: 100, at: T0 + 2_000 }, best: { score: 90, maxScore: 100, at: T0 + 1_000 } });
    expect(scenarioProgress([{ scenarioId: 'x', score: 5, maxScore: 10, endedAt: 2 }, { scenarioId: 'x', score: 50, maxScore: 100, endedAt: 1 }])[0]!.best.at).toBe(1);
  });

  it("a scenario's version follows its content", () => {
    const scenario = bundledScenario('policy-question')!;
    expect(scenarioVersion(scenario)).toBe(scenarioVersion(structuredClone(scenario)));
    expect(scenarioVersion({ ...scenario, mood: 'angry' })).not.toBe(scenarioVersion(scenario));
  });

  it('lists each trainee with their scenarios in the desk language, and one with no practice as such', async () => {
    let html = render({ overview });
    expect(html).toContain('李娜');
    expect(html).toContain(bundledScenario('policy-question')!.title['zh-CN']);
    expect(html).toContain('3 次 · 最近 70 分 · 最好 90 分');
    expect(html).toContain('暂无练习记录');
    expect(html).toContain('得分走势（百分制，从早到晚）：40 → 90 → 70');
    await applyLanguage('en');
    html = render({ overview });
    expect(html).toContain('3× · latest 70 · best 90');
    expect(html).toContain('No practice yet');
  });

  it('says why there is nothing to show', () => {
    expect(render({ refused: 'forbidden' })).toContain('只有培训师、班长和管理员能看到学员的练习记录');
    expect(render({ refused: 'signed-out' })).toContain('登录中心服务后');
  });
});

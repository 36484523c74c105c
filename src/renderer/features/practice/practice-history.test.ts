import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { PracticeHistoryEntry } from '../../../shared/ipc/contract-practice';
import { bundledScenario, scenarioProgress, type PracticeOverview, type PracticeResult } from '../../../shared/practice';
import { applyLanguage } from '../../i18n/i18n';
import { PracticeHistoryView } from './components/PracticeHistory';
import { PracticeReviewView } from './components/PracticeReview';

const ENDED = new Date(2026, 11, 2, 18, 1).getTime();

const result = (callId: string, change: Partial<PracticeResult> = {}): PracticeResult => ({
  callId,
  scenarioId: 'policy-question',
  scenarioVersion: 'v1-00000001',
  startedAt: ENDED - 60_000,
  answeredAt: ENDED - 55_000,
  endedAt: ENDED,
  durationMs: 55_000,
  endedBy: 'agent',
  templateId: 'norms',
  templateVersion: 1,
  score: 80,
  maxScore: 100,
  zeroed: false,
  items: [],
  signals: {},
  lines: [],
  holds: [],
  ...change,
});

const entries: PracticeHistoryEntry[] = [
  { result: result('call-live-1', { scenarioId: 'land-compensation', live: { trainerNumber: '1004', trainerName: '张老师' } }), agent: '0307', sync: 'sent', error: null },
  { result: result('call-wait-1'), agent: '0307', sync: 'waiting', error: 'The centre answered 503' },
  { result: result('call-anon-1'), agent: '', sync: 'never', error: null },
];

const rowOf = (html: string, callId: string) => new RegExp(`<tr[^>]*data-call-id="${callId}"[^>]*>(.*?)</tr>`).exec(html)?.[1] ?? '';

describe("the trainee's practice history", () => {
  afterEach(() => applyLanguage('zh-CN'));
  const render = () => renderToStaticMarkup(createElement(PracticeHistoryView, { loading: false, entries, failed: false }));

  it('marks the results kept on this desk only, and why; the live ones with their trainer; dates as the app writes them', async () => {
    let html = render();
    expect(html).toContain('2 次练习未同步到中心，只留在本机');
    expect(rowOf(html, 'call-live-1')).toContain('2026-12-02 18:01');
    expect(rowOf(html, 'call-live-1')).toContain(bundledScenario('land-compensation')!.title['zh-CN']);
    expect(rowOf(html, 'call-live-1')).toContain('培训师 张老师 1004');
    expect(rowOf(html, 'call-live-1')).toContain('已同步到中心');
    expect(rowOf(html, 'call-wait-1')).toContain('未同步到中心');
    expect(rowOf(html, 'call-wait-1')).toContain('工号 0307 登录中心后上传');
    expect(rowOf(html, 'call-wait-1')).toContain('模拟来电');
    expect(rowOf(html, 'call-anon-1')).toContain('练习时本机没有登录工号，不会上传');
    await applyLanguage('en');
    html = render();
    expect(html).toContain('Not sent to the centre, kept on this desk only: 2');
    expect(rowOf(html, 'call-wait-1')).toContain('Kept on this desk only');
    expect(rowOf(html, 'call-wait-1')).toContain('Goes when 0307 signs in to the centre');
    expect(rowOf(html, 'call-live-1')).toContain('Sent to the centre');
    expect(rowOf(html, 'call-live-1')).toContain('Trainer 张老师 1004');
    expect(rowOf(html, 'call-live-1')).toContain('2026-12-02 18:01');
  });

  it('says when there is nothing yet', () => {
    expect(renderToStaticMarkup(createElement(PracticeHistoryView, { loading: false, entries: [], failed: false }))).toContain('还没有练习结果');
  });
});

describe("the trainer's 最近练习 and live attempts", () => {
  afterEach(() => applyLanguage('zh-CN'));
  const overview: PracticeOverview = {
    teamIds: ['team-a'],
    trainees: [
      {
        agent: '0307',
        name: '李娜',
        teamId: 'team-a',
        lastAt: ENDED,
        scenarios: scenarioProgress([
          { scenarioId: 'land-compensation', score: 60, maxScore: 100, endedAt: ENDED - 1_000 },
          { scenarioId: 'land-compensation', score: 70, maxScore: 100, endedAt: ENDED, live: { trainerNumber: '1004', trainerName: '' } },
        ]),
      },
    ],
  };
  const render = () => renderToStaticMarkup(createElement(PracticeReviewView, { loading: false, overview, refused: null }));

  it('the last practice in the app’s date format, and how many attempts a trainer played live', async () => {
    expect(overview.trainees[0]!.scenarios[0]).toMatchObject({ attempts: 2, live: 1 });
    let html = render();
    expect(html).toContain('2026-12-02 18:01');
    expect(html).not.toContain('2026/12/2');
    expect(html).toContain('2 次（其中现场 1 次） · 最近 70 分');
    expect(html).toContain('data-live="1"');
    await applyLanguage('en');
    html = render();
    expect(html).toContain('2026-12-02 18:01');
    expect(html).toContain('2× (1 live) · latest 70');
  });
});

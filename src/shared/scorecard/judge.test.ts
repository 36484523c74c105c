import { describe, expect, it } from 'vitest';
import { TimelineEntrySchema, type TimelineEntry, type TimelineEntryInput } from '../domain/call/timeline';
import { emptyWorkOrderDraft, type WorkOrderDraft } from '../domain/work-order';
import { defaultScorecardTemplate } from './default-template';
import { costlyMoments, scoreCall, type CallFacts } from './judge';
import type { Scorecard } from './scorecard';
import { ScorecardTemplateSchema } from './template';

type Raw = Omit<TimelineEntryInput, 'seq'>;
const ANSWERED = 1_700_000_000_000;

const speech = (side: 'agent' | 'caller', startMs: number, endMs: number): Raw => ({ kind: 'signal', subject: 'speech', startMs, endMs, payload: { side } });
const tick = (step: string, startMs: number): Raw => ({ kind: 'step-ticked', subject: step, startMs, payload: { by: 'agent' } });

/** A call that follows every rule the desk can check: greeting at 0.8 s, restated before dispatch, no talking over. */
function goodTimeline(): Raw[] {
  return [
    speech('agent', 800, 5200),
    tick('greeting', 5300),
    speech('caller', 6000, 30_000),
    speech('agent', 30_600, 31_400),
    { kind: 'signal', subject: 'silence', startMs: 31_400, endMs: 34_000, payload: { side: 'both' } },
    speech('caller', 34_000, 50_000),
    tick('listen', 50_100),
    speech('agent', 50_500, 60_000),
    tick('restate', 60_100),
    tick('scope-check', 62_000),
    tick('dispatch', 70_000),
    tick('next-steps', 75_000),
    tick('closing', 85_000),
  ];
}

function goodWorkOrder(): WorkOrderDraft {
  return {
    ...emptyWorkOrderDraft(),
    callerPhone: '13800138000',
    type: 'complaint',
    domain: 'environmental-protection',
    departmentIds: ['env-bureau'],
    summary: '夜间施工噪音',
    description: '小区旁工地夜间施工，持续两周',
    scope: { decision: 'in-scope', reason: null, reasonDetail: '', channel: '' },
    commitment: { what: '转环保局核查', dueDate: '2026-12-09' },
  };
}

function facts(raw: Raw[], workOrder: WorkOrderDraft | null = goodWorkOrder()): CallFacts {
  const timeline: TimelineEntry[] = raw.map((entry, seq) => TimelineEntrySchema.parse({ ...entry, seq }));
  return { timeline, workOrder, answeredAt: ANSWERED, endedAt: ANSWERED + 90_000, wrapUpAt: ANSWERED + 120_000 };
}

const verdicts = (card: Scorecard) => Object.fromEntries(card.items.map((item) => [item.id, item.verdict]));
const AUTO_ITEMS = defaultScorecardTemplate().items.filter((item) => item.judge.kind !== 'trainer').map((item) => item.id);
const TRAINER_ITEMS = defaultScorecardTemplate().items.filter((item) => item.judge.kind === 'trainer').map((item) => item.id);

/** Every automatic item passes except `failing`; trainer items wait for the trainer. */
function expectOnlyFailing(card: Scorecard, failing: string[]): void {
  const expected = Object.fromEntries([...AUTO_ITEMS.map((id) => [id, failing.includes(id) ? 'fail' : 'pass']), ...TRAINER_ITEMS.map((id) => [id, 'trainer'])]);
  expect(verdicts(card)).toEqual(expected);
}

describe('the default 12345 scorecard on scripted calls', () => {
  it('the default template is valid data and totals 100 points', () => {
    expect(ScorecardTemplateSchema.safeParse(defaultScorecardTemplate()).success).toBe(true);
    expect(defaultScorecardTemplate().items.reduce((sum, item) => sum + item.points, 0)).toBe(100);
  });

  it('a call that keeps every rule: every automatic item passes, the trainer items wait, figures are read off the timeline', () => {
    const card = scoreCall(defaultScorecardTemplate(), facts(goodTimeline()));
    expectOnlyFailing(card, []);
    expect(card.zeroed).toBe(false);
    expect(card.pending).toBe(TRAINER_ITEMS.length + 3);
    const trainerPoints = defaultScorecardTemplate().items.filter((item) => item.judge.kind === 'trainer').reduce((sum, item) => sum + item.points, 0);
    expect(card.score).toBe(100 - trainerPoints);
    expect(card.figures).toEqual({ handleMs: 90_000, afterCallMs: 30_000, firstAgentWordsMs: 800, overlapCount: 0, talkOverCount: 0, longestDeadAirMs: 2600, agentRaisedVoiceCount: 0 });
    expect(costlyMoments(card)).toEqual([]);
  });

  it('no greeting within 3 s: only the on-time greeting fails, at the moment the agent finally spoke', () => {
    const raw = goodTimeline();
    raw[0] = speech('agent', 4200, 8000);
    const card = scoreCall(defaultScorecardTemplate(), facts(raw));
    expectOnlyFailing(card, ['greeting-on-time']);
    expect(card.items.find((item) => item.id === 'greeting-on-time')?.note).toEqual({ key: 'lateGreeting', params: { ms: 4200, limitMs: 3000 } });
    expect(costlyMoments(card)).toEqual([{ itemId: 'greeting-on-time', startMs: 0, endMs: 4200, lost: 10 }]);
  });

  it('the caller speaking first (the agent silent at answer) fails the on-time greeting', () => {
    const raw = [speech('caller', 500, 2000), ...goodTimeline()];
    expectOnlyFailing(scoreCall(defaultScorecardTemplate(), facts(raw)), ['greeting-on-time']);
  });

  it('talking over the caller: only "no talking over" fails, each interruption a moment; overlaps are counted', () => {
    const raw = [
      ...goodTimeline(),
      { kind: 'signal', subject: 'interruption', startMs: 12_000, payload: { by: 'agent' } },
      { kind: 'signal', subject: 'overlap', startMs: 12_000, endMs: 13_100, payload: {} },
      { kind: 'signal', subject: 'interruption', startMs: 40_000, payload: { by: 'agent' } },
      { kind: 'signal', subject: 'overlap', startMs: 40_000, endMs: 40_900, payload: {} },
      // The caller cutting in is not the agent's fault.
      { kind: 'signal', subject: 'interruption', startMs: 55_000, payload: { by: 'caller' } },
    ] satisfies Raw[];
    const card = scoreCall(defaultScorecardTemplate(), facts(raw));
    expectOnlyFailing(card, ['no-talk-over']);
    expect(card.figures.talkOverCount).toBe(2);
    expect(card.figures.overlapCount).toBe(2);
    expect(costlyMoments(card).map((moment) => moment.startMs)).toEqual([12_000, 40_000]);
  });

  it('no restatement: only restatement fails, pointing at the dispatch it should have come before', () => {
    const raw = goodTimeline().filter((entry) => !(entry.kind === 'step-ticked' && entry.subject === 'restate'));
    const card = scoreCall(defaultScorecardTemplate(), facts(raw));
    expectOnlyFailing(card, ['restatement']);
    expect(costlyMoments(card)).toEqual([{ itemId: 'restatement', startMs: 70_000, endMs: null, lost: 10 }]);
  });

  it('restating only after dispatch also fails restatement; a tick undone does not count', () => {
    const late = goodTimeline().map((entry) => (entry.kind === 'step-ticked' && entry.subject === 'restate' ? tick('restate', 72_000) : entry));
    expectOnlyFailing(scoreCall(defaultScorecardTemplate(), facts(late)), ['restatement']);
    const undone = [...goodTimeline(), { kind: 'step-unticked', subject: 'restate', startMs: 61_000, payload: { by: 'agent' } } satisfies Raw];
    expectOnlyFailing(scoreCall(defaultScorecardTemplate(), facts(undone)), ['restatement']);
  });

  it('missing commitment: only the commitment fails (and the work order is incomplete without it)', () => {
    const order = { ...goodWorkOrder(), commitment: { what: '', dueDate: '' } };
    const card = scoreCall(defaultScorecardTemplate(), facts(goodTimeline(), order));
    expectOnlyFailing(card, ['commitment', 'work-order-complete']);
    expect(card.items.find((item) => item.id === 'commitment')?.note?.key).toBe('noCommitment');
    expect(card.items.find((item) => item.id === 'work-order-complete')?.note).toEqual({ key: 'workOrderMissing', params: { fields: 'commitment.what, commitment.dueDate' } });
  });

  it('an out-of-scope call commits to the right channel instead of a department and a date', () => {
    const order: WorkOrderDraft = { ...goodWorkOrder(), departmentIds: [], commitment: { what: '', dueDate: '' }, scope: { decision: 'out-of-scope', reason: 'litigation', reasonDetail: '', channel: '人民法院' } };
    expectOnlyFailing(scoreCall(defaultScorecardTemplate(), facts(goodTimeline(), order)), []);
  });

  it('a raised voice and long dead air fail their own items with their spans', () => {
    const raw = [
      ...goodTimeline(),
      { kind: 'signal', subject: 'raised-voice', startMs: 20_000, endMs: 23_000, payload: { side: 'agent', aboveBaselineDb: 9 } },
      { kind: 'signal', subject: 'raised-voice', startMs: 25_000, endMs: 26_000, payload: { side: 'caller', aboveBaselineDb: 12 } },
      { kind: 'signal', subject: 'silence', startMs: 76_000, endMs: 88_500, payload: { side: 'both' } },
    ] satisfies Raw[];
    const card = scoreCall(defaultScorecardTemplate(), facts(raw));
    expectOnlyFailing(card, ['no-raised-voice', 'no-dead-air']);
    expect(card.figures.longestDeadAirMs).toBe(12_500);
    expect(costlyMoments(card).map(({ itemId, startMs, endMs }) => [itemId, startMs, endMs])).toEqual([
      ['no-raised-voice', 20_000, 23_000],
      ['no-dead-air', 76_000, 88_500],
    ]);
  });

  it('a call without a work order fails the work-order items and says why', () => {
    const card = scoreCall(defaultScorecardTemplate(), facts(goodTimeline(), null));
    expectOnlyFailing(card, ['scope-check', 'classification', 'commitment', 'work-order-complete']);
    expect(card.items.find((item) => item.id === 'scope-check')?.note?.key).toBe('noWorkOrder');
  });

  it('an emergency prompt nobody answered is a fatal error: the score is 0', () => {
    const raw = [...goodTimeline(), { kind: 'prompt-shown', subject: 'emergency', startMs: 30_000, payload: { id: 'p1', kind: 'emergency', priority: 100, severity: 'critical', title: '紧急' } } satisfies Raw];
    const card = scoreCall(defaultScorecardTemplate(), facts(raw));
    expect(card.fatal.find((entry) => entry.id === 'emergency-unanswered')?.verdict).toBe('fail');
    expect(card.zeroed).toBe(true);
    expect(card.score).toBe(0);
    const answered = [...raw, { kind: 'emergency-outcome', startMs: 31_000, payload: { id: 'p1', outcome: 'reported', leadAlerted: true } } satisfies Raw];
    expect(scoreCall(defaultScorecardTemplate(), facts(answered)).zeroed).toBe(false);
  });

  it('the trainer overrides any item with a comment, gives partial points, and a fatal error they mark zeroes the score', () => {
    const raw = goodTimeline().filter((entry) => !(entry.kind === 'step-ticked' && entry.subject === 'restate'));
    const at = ANSWERED + 200_000;
    const card = scoreCall(defaultScorecardTemplate(), facts(raw), [
      { id: 'restatement', verdict: 'pass', points: null, comment: '口头复述了，只是没勾选', by: 'T001', at },
      { id: 'greeting-content', verdict: 'pass', points: null, comment: '', by: 'T001', at },
      { id: 'listening', verdict: 'fail', points: 2, comment: '回应偏少', by: 'T001', at },
    ]);
    const restatement = card.items.find((item) => item.id === 'restatement')!;
    expect([restatement.auto, restatement.verdict, restatement.points, restatement.override?.comment]).toEqual(['fail', 'pass', 10, '口头复述了，只是没勾选']);
    expect(card.items.find((item) => item.id === 'listening')?.points).toBe(2);
    expect(card.score).toBe(100 - 5 - 10 + 2);
    const fatal = scoreCall(defaultScorecardTemplate(), facts(goodTimeline()), [{ id: 'forbidden-words', verdict: 'fail', points: null, comment: '说了“不归我管”', by: 'T001', at }]);
    expect([fatal.zeroed, fatal.score]).toEqual([true, 0]);
  });

  it('a template is refused with the field that is wrong', () => {
    const broken = { ...defaultScorecardTemplate(), items: [...defaultScorecardTemplate().items, { ...defaultScorecardTemplate().items[0], judge: { kind: 'agent-first-words', withinMs: -1 } }] };
    const result = ScorecardTemplateSchema.safeParse(broken);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toContain('items.12.judge.withinMs');
    expect(paths).toContain('items.12.id');
  });
});

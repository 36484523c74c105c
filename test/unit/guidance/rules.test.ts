import { describe, expect, it } from 'vitest';
import { GuidanceEngine, type GuidanceSignal, type GuidanceView, type RulesConfig } from '../../../src/shared/guidance/rules';
import { defaultPack } from '../../../src/shared/guidance/scripts';

const S = 1000;

/** An engine on a fake clock: `at(t, signal)` runs one signal at t ms after answer. */
function call(config: Partial<RulesConfig> = {}) {
  const engine = new GuidanceEngine({ pack: defaultPack(), config });
  let view: GuidanceView = engine.view();
  const at = (t: number, signal: GuidanceSignal = { type: 'tick' }) => (view = engine.handle(signal, t));
  at(0, { type: 'call-phase', phase: 'ringing' });
  at(0, { type: 'call-phase', phase: 'talking' });
  // The caller says something at once unless a test is about silence.
  const callerSpeaks = (t: number) => at(t, { type: 'audio', event: { type: 'speech-start', side: 'caller', atMs: t, startMs: t } });
  const kinds = () => view.visible.map((prompt) => prompt.kind);
  const find = (kind: string) => view.visible.find((prompt) => prompt.kind === kind);
  return { engine, at, callerSpeaks, kinds, find, view: () => view };
}

describe('silent-call protocol', () => {
  it('starts when the caller says nothing after answer and steps through the pack timing', () => {
    const c = call();
    c.at(2 * S);
    expect(c.kinds()).toEqual([]);
    c.at(3 * S);
    expect(c.find('silent-call')?.step).toMatchObject({ index: 0, count: 4 });
    c.at(8.5 * S);
    expect(c.find('silent-call')?.step?.index).toBe(1);
    c.at(20 * S);
    expect(c.find('silent-call')?.step).toMatchObject({ index: 3, action: 'end-call' });
    expect(c.view().flags).toContain('silent-call');
  });

  it('goes away by itself when the caller speaks', () => {
    const c = call();
    c.at(5 * S);
    const id = c.find('silent-call')!.id;
    c.callerSpeaks(6 * S);
    expect(c.kinds()).toEqual([]);
    expect(c.view().closed).toEqual([{ id, key: 'silent-call', reason: 'resolved' }]);
    c.at(30 * S);
    expect(c.kinds()).toEqual([]);
  });

  it('never starts when the caller spoke first, and can be forced by hotkey', () => {
    const c = call();
    c.callerSpeaks(1 * S);
    c.at(30 * S);
    expect(c.kinds()).toEqual([]);
    const d = call();
    d.at(1 * S, { type: 'hotkey', key: 'silent' });
    expect(d.find('silent-call')?.step?.index).toBe(0);
    d.at(1.5 * S, { type: 'advance', promptId: d.find('silent-call')!.id });
    expect(d.find('silent-call')?.step?.index).toBe(1);
  });
});

describe('de-escalation card', () => {
  it('fills the four-part formula from the ticket when the caller raises their voice', () => {
    const c = call();
    c.callerSpeaks(1 * S);
    c.at(10 * S, { type: 'ticket', ticket: { summary: '小区路灯坏了三个月没人修', category: '投诉' } });
    c.at(20 * S, { type: 'audio', event: { type: 'raised-voice-start', side: 'caller', atMs: 20 * S, startMs: 19 * S, aboveBaselineDb: 9, baselineDb: -30 } });
    const card = c.find('de-escalation')!;
    expect(card.fourPart!.restate['zh-CN']).toBe('您的意思是：小区路灯坏了三个月没人修，对吗？');
    expect(card.fourPart!.restate.en).toContain('小区路灯坏了三个月没人修');
    expect(card.fourPart!.acknowledge).toEqual(defaultPack().deEscalation.acknowledge[0]);
    expect(card.fourPart!.suggest['zh-CN']).toContain('投诉'); // the complaint suggestion, by category
    expect(card.fourPart!.confirm['zh-CN']).toMatch(/？$/);
    expect(card.lines).toEqual([card.fourPart!.restate, card.fourPart!.acknowledge, card.fourPart!.suggest, card.fourPart!.confirm]);
    expect(c.view().flags).toContain('raised-voice');
  });

  it('uses the fallback line and default suggestion when the ticket is empty (hotkey)', () => {
    const c = call();
    c.callerSpeaks(1 * S);
    c.at(5 * S, { type: 'hotkey', key: 'caller-angry' });
    const card = c.find('de-escalation')!;
    expect(card.fourPart!.restate).toEqual(defaultPack().deEscalation.restateFallback);
    expect(card.fourPart!.suggest).toEqual(defaultPack().deEscalation.suggest.find((s) => s.category === undefined)!.text);
  });

  it('respects its cooldown and needs a new episode to come back', () => {
    const c = call();
    c.callerSpeaks(1 * S);
    const raised = (t: number) => c.at(t, { type: 'audio', event: { type: 'raised-voice-start', side: 'caller', atMs: t, startMs: t, aboveBaselineDb: 8, baselineDb: -30 } });
    const calm = (t: number) => c.at(t, { type: 'audio', event: { type: 'raised-voice-end', side: 'caller', atMs: t, startMs: t - S, endMs: t } });
    raised(10 * S);
    c.at(12 * S, { type: 'acknowledge', promptId: c.find('de-escalation')!.id });
    expect(c.kinds()).toEqual([]);
    c.at(40 * S); // still raised, but no new evidence
    expect(c.kinds()).toEqual([]);
    calm(41 * S);
    raised(50 * S); // new episode inside the 60 s cooldown: wait
    expect(c.kinds()).toEqual([]);
    c.at(72 * S);
    const again = c.find('de-escalation')!;
    expect(again.fourPart!.acknowledge).toEqual(defaultPack().deEscalation.acknowledge[1]); // varies the wording
  });
});

describe('emergency protocol', () => {
  it('fires on danger words in the notes (zh and en), alone on screen, highest priority', () => {
    const c = call();
    c.callerSpeaks(1 * S);
    c.at(5 * S, { type: 'hotkey', key: 'caller-angry' });
    c.at(6 * S, { type: 'repeat-caller', previousCalls: 2, lastSummary: '欠薪' });
    expect(c.kinds()).toEqual(['de-escalation', 'repeat-caller']);
    c.at(10 * S, { type: 'ticket', ticket: { notes: '来电人说工友已经爬上楼顶，要跳楼' } });
    expect(c.kinds()).toEqual(['emergency']);
    const card = c.find('emergency')!;
    expect(card).toMatchObject({ severity: 'critical', exclusive: true, priority: 100, step: { action: 'notify-lead' } });
    expect(card.matchedTerms).toEqual(['跳楼', '爬上楼顶']);
    expect(c.view().flags).toContain('emergency');
    c.at(15 * S, { type: 'acknowledge', promptId: card.id });
    expect(c.kinds()).toEqual(['de-escalation', 'repeat-caller']); // the others come back
  });

  it('matches English words whole, not inside other words', () => {
    const c = call();
    c.callerSpeaks(1 * S);
    c.at(2 * S, { type: 'ticket', ticket: { notes: 'He was fired last month and wages are unpaid.' } });
    expect(c.kinds()).toEqual([]);
    c.at(3 * S, { type: 'ticket', ticket: { notes: 'He says he will set fire to the office. He has a KNIFE.' } });
    expect(c.find('emergency')?.matchedTerms).toEqual(['knife', 'set fire', 'fire']);
  });

  it('fires on the hotkey, and again only for new evidence after acknowledgement', () => {
    const c = call();
    c.callerSpeaks(1 * S);
    c.at(2 * S, { type: 'hotkey', key: 'emergency' });
    c.at(3 * S, { type: 'acknowledge', promptId: c.find('emergency')!.id });
    c.at(60 * S);
    expect(c.kinds()).toEqual([]);
    c.at(61 * S, { type: 'ticket', ticket: { notes: '说要自杀' } });
    expect(c.kinds()).toEqual(['emergency']);
  });
});

describe('abusive-caller warning sequence', () => {
  it('advances one warning per hotkey press, then ends, marks and offers a recovery break', () => {
    const c = call();
    c.callerSpeaks(1 * S);
    c.at(10 * S, { type: 'hotkey', key: 'abusive' });
    expect(c.find('abusive')?.step).toMatchObject({ index: 0, action: 'say' });
    c.at(20 * S, { type: 'hotkey', key: 'abusive' });
    expect(c.find('abusive')?.step).toMatchObject({ index: 1 });
    c.at(30 * S, { type: 'advance', promptId: c.find('abusive')!.id });
    expect(c.find('abusive')?.step).toMatchObject({ index: 2, action: 'end-call' });
    c.at(31 * S, { type: 'call-phase', phase: 'ended' });
    expect(c.kinds()).toEqual(['recovery-break']);
    expect(c.find('recovery-break')!.lines[0]).toEqual(defaultPack().protocols.abusive.recovery);
    expect(c.view().flags).toContain('abusive');
    // The next call starts clean.
    c.at(100 * S, { type: 'call-phase', phase: 'ringing' });
    expect(c.view().visible).toEqual([]);
    expect(c.view().flags).toEqual([]);
  });
});

describe('out-of-scope explanation', () => {
  it.each([
    ['我要起诉开发商，法院那边怎么立案', 'litigation', '人民法院'],
    ['公司不给钱，我想申请劳动仲裁', 'arbitration', '仲裁委员会'],
    ['举报街道干部违纪', 'discipline-inspection', '12388'],
    ['对拆迁决定不服，要申请行政复议', 'administrative-reconsideration', '行政复议'],
    ['想申请政府信息公开，看看规划文件', 'information-disclosure', '信息公开'],
  ])('"%s" → %s, naming the right channel', (summary, topic, channel) => {
    const c = call();
    c.callerSpeaks(1 * S);
    c.at(5 * S, { type: 'ticket', ticket: { summary } });
    const card = c.find('out-of-scope')!;
    expect(card.topic).toBe(topic);
    expect(card.channel!['zh-CN']).toContain(channel);
    expect(c.view().flags).toContain('out-of-scope');
  });

  it('is not repeated after dismissal while the words stay in the ticket', () => {
    const c = call();
    c.callerSpeaks(1 * S);
    c.at(5 * S, { type: 'ticket', ticket: { notes: 'wants to file a lawsuit' } });
    c.at(6 * S, { type: 'dismiss', promptId: c.find('out-of-scope')!.id });
    c.at(7 * S, { type: 'ticket', ticket: { notes: 'wants to file a lawsuit, again' } });
    c.at(600 * S);
    expect(c.kinds()).toEqual([]);
  });
});

describe("won't-hang-up guided closing", () => {
  it('needs both a long call and a repeated grievance', () => {
    const c = call({ wontHangUpAfterMs: 10 * 60 * S, wontHangUpRepeats: 2 });
    c.callerSpeaks(1 * S);
    c.at(60 * S, { type: 'hotkey', key: 'repeating' });
    c.at(120 * S, { type: 'hotkey', key: 'repeating' });
    c.at(9 * 60 * S);
    expect(c.kinds()).toEqual([]);
    c.at(10 * 60 * S, { type: 'ticket', ticket: { summary: '征地补偿标准有异议', department: '区自然资源局' } });
    const card = c.find('wont-hang-up')!;
    expect(card.lines[0]!['zh-CN']).toContain('征地补偿标准有异议');
    expect(card.lines[1]!['zh-CN']).toContain('区自然资源局');
    expect(c.view().flags).toContain('wont-hang-up');
    const d = call({ wontHangUpAfterMs: 10 * 60 * S });
    d.callerSpeaks(1 * S);
    d.at(30 * 60 * S);
    expect(d.kinds()).toEqual([]); // long, but no repetition: just a long call
  });
});

describe('hold, talk-over, monologue, dead air, repeat caller', () => {
  it('reminds about a long hold, again every holdRemindEveryMs, and clears on resume', () => {
    const c = call();
    c.callerSpeaks(1 * S);
    c.at(10 * S, { type: 'call-phase', phase: 'held' });
    c.at(54 * S);
    expect(c.kinds()).toEqual([]);
    c.at(55 * S);
    expect(c.find('hold-too-long')!.lines[0]!['zh-CN']).toContain('45秒');
    c.at(56 * S, { type: 'acknowledge', promptId: c.find('hold-too-long')!.id });
    c.at(85 * S);
    expect(c.kinds()).toEqual([]);
    c.at(86 * S);
    expect(c.find('hold-too-long')!.lines[0]!.en).toContain('76 s');
    c.at(90 * S, { type: 'call-phase', phase: 'talking' });
    expect(c.kinds()).toEqual([]);
    expect(c.view().closed[0]?.reason).toBe('resolved');
  });

  it('nudges after two interruptions within a minute; the nudge expires and cools down', () => {
    const c = call();
    c.callerSpeaks(1 * S);
    const interrupt = (t: number) => c.at(t, { type: 'audio', event: { type: 'interruption', by: 'agent', atMs: t, startMs: t } });
    interrupt(10 * S);
    expect(c.kinds()).toEqual([]);
    interrupt(20 * S);
    expect(c.kinds()).toEqual(['talking-over']);
    c.at(28 * S);
    expect(c.kinds()).toEqual([]);
    expect(c.view().closed[0]?.reason).toBe('expired');
    interrupt(40 * S); // new evidence inside the 45 s cooldown (closed at 28 s)
    expect(c.kinds()).toEqual([]);
    c.at(72 * S);
    expect(c.kinds()).toEqual([]);
    c.at(73 * S);
    expect(c.kinds()).toEqual(['talking-over']);
    interrupt(200 * S); // alone in its window
    c.at(300 * S);
    expect(c.kinds()).toEqual([]);
  });

  it('nudges during an agent monologue and during dead air, until they end', () => {
    const c = call();
    c.callerSpeaks(1 * S);
    c.at(60 * S, { type: 'audio', event: { type: 'monologue-start', side: 'agent', atMs: 60 * S, startMs: 15 * S } });
    expect(c.kinds()).toEqual(['monologue']);
    c.at(62 * S, { type: 'audio', event: { type: 'monologue-end', side: 'agent', atMs: 62 * S, startMs: 15 * S, endMs: 62 * S } });
    expect(c.kinds()).toEqual([]);
    c.at(80 * S, { type: 'audio', event: { type: 'dead-air-start', atMs: 80 * S, startMs: 75 * S } });
    expect(c.kinds()).toEqual(['dead-air']);
  });

  it('shows the repeat-caller card once per call', () => {
    const c = call();
    c.at(0, { type: 'repeat-caller', previousCalls: 3, lastSummary: '楼上漏水' });
    const card = c.find('repeat-caller')!;
    expect(card.lines[0]!['zh-CN']).toContain('3次');
    expect(card.lines[0]!['zh-CN']).toContain('楼上漏水');
    c.callerSpeaks(1 * S);
    c.at(2 * S, { type: 'dismiss', promptId: card.id });
    c.at(3 * S, { type: 'repeat-caller', previousCalls: 3, lastSummary: '楼上漏水' });
    c.at(999 * S);
    expect(c.kinds()).toEqual([]);
  });
});

describe('never a wall of prompts', () => {
  it('shows at most maxVisible; higher priority pre-empts, the pre-empted one comes back', () => {
    const c = call({ maxVisible: 2 });
    c.at(0, { type: 'repeat-caller', previousCalls: 1 });
    c.callerSpeaks(1 * S);
    c.at(2 * S, { type: 'ticket', ticket: { summary: '我要打官司' } });
    expect(c.kinds()).toEqual(['out-of-scope', 'repeat-caller']);
    const repeatId = c.find('repeat-caller')!.id;
    c.at(3 * S, { type: 'hotkey', key: 'caller-angry' });
    expect(c.kinds()).toEqual(['de-escalation', 'out-of-scope']);
    expect(c.view().closed).toEqual([{ id: repeatId, key: 'repeat-caller', reason: 'pre-empted' }]);
    c.at(4 * S, { type: 'acknowledge', promptId: c.find('de-escalation')!.id });
    expect(c.kinds()).toEqual(['out-of-scope', 'repeat-caller']);
  });

  it('stays within maxVisible under a random storm of signals (bounded, seeded)', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const signals: GuidanceSignal[] = [
      { type: 'hotkey', key: 'caller-angry' },
      { type: 'hotkey', key: 'abusive' },
      { type: 'hotkey', key: 'repeating' },
      { type: 'call-phase', phase: 'held' },
      { type: 'call-phase', phase: 'talking' },
      { type: 'ticket', ticket: { notes: '起诉 仲裁 复议' } },
      { type: 'ticket', ticket: { notes: '' } },
      { type: 'audio', event: { type: 'interruption', by: 'agent', atMs: 0, startMs: 0 } },
      { type: 'audio', event: { type: 'dead-air-start', atMs: 0, startMs: 0 } },
      { type: 'repeat-caller', previousCalls: 2 },
      { type: 'tick' },
    ];
    const c = call({ maxVisible: 2 });
    let t = 0;
    for (let i = 0; i < 2000; i++) {
      t += Math.floor(random() * 5000);
      const view = c.at(t, signals[Math.floor(random() * signals.length)]!);
      expect(view.visible.length).toBeLessThanOrEqual(2);
      const first = view.visible[0];
      if (first) {
        // Highest priority first, and no two of the same key.
        expect(view.visible.every((prompt) => prompt.priority <= first.priority)).toBe(true);
        expect(new Set(view.visible.map((prompt) => prompt.key)).size).toBe(view.visible.length);
      }
      // Dismiss whatever is shown now and then, as an agent would.
      if (first && random() < 0.3) c.at(t, { type: 'dismiss', promptId: first.id });
    }
  });

  it('is deterministic: the same signals at the same times give the same views', () => {
    const run = () => {
      const c = call();
      c.at(4 * S);
      c.callerSpeaks(5 * S);
      c.at(6 * S, { type: 'hotkey', key: 'caller-angry' });
      c.at(7 * S, { type: 'ticket', ticket: { summary: 'x', notes: 'lawsuit' } });
      return JSON.stringify(c.view());
    };
    expect(run()).toBe(run());
  });

  it('treats a clock going backwards as the latest time seen', () => {
    const c = call();
    c.at(10 * S);
    c.at(5 * S, { type: 'call-phase', phase: 'held' });
    c.at(54 * S);
    expect(c.kinds()).toEqual([]); // held since 10 s (not 5 s): 44 s so far
    c.at(55 * S);
    expect(c.kinds()).toEqual(['hold-too-long']);
  });
});

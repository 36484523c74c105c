import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppCore } from '../../../src/main/app-core';
import type { TimelineEntryInput } from '../../../src/shared/domain/call/timeline';
import { makeTempDir } from '../../support/temp-dir';
import { completeDraft, invoke, openCore, value } from '../work-orders/helpers';

const id = (n: number) => `6f1c2a8e-0000-4000-8000-${String(n).padStart(12, '0')}`;
const T0 = Date.UTC(2026, 11, 1, 9);

describe('case review in main: scoring from what is stored, overrides kept, history, call list, annotations', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: AppCore;
  beforeEach(() => {
    dir = makeTempDir();
    core = openCore(dir.path, { embeddedDatabasePath: null });
  });
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  /** A call answered at `startedAt + 2 s`, lasting `seconds`, with its timeline and (optionally) a complete work order. */
  async function call(n: number, options: { seconds?: number; practice?: boolean; entries?: Omit<TimelineEntryInput, 'seq'>[]; complete?: boolean; startedAt?: number } = {}) {
    const startedAt = options.startedAt ?? T0 + n * 60_000;
    const base = { id: id(n), direction: 'inbound', remoteNumber: '13800138000', remoteName: '', startedAt, practice: options.practice ?? false } as const;
    await value(core, 'calls:event', { type: 'ringing', ...base });
    const { workOrder } = await value(core, 'calls:event', { type: 'answered', ...base, answeredAt: startedAt + 2000 });
    if (options.complete && workOrder) await value(core, 'workOrders:save', { id: workOrder.id, fields: completeDraft(n) });
    const entries = options.entries ?? [];
    if (entries.length > 0) await value(core, 'guidance:appendTimeline', { callId: id(n), entries: entries.map((entry, seq) => ({ ...entry, seq }) as TimelineEntryInput) });
    await value(core, 'calls:event', { type: 'ended', id: id(n), endedAt: startedAt + 2000 + (options.seconds ?? 60) * 1000, outcome: 'answered', endedBy: 'remote' });
    return id(n);
  }

  const greetedLate = [{ kind: 'signal', subject: 'speech', startMs: 4500, endMs: 7000, payload: { side: 'agent' } }] as const;
  const emergency = { kind: 'prompt-shown', subject: 'emergency', startMs: 9000, payload: { id: 'p1', kind: 'emergency', priority: 100, severity: 'critical', title: '紧急' } } as const;

  it('scores a practice call from its stored timeline and work order; the trainer overrides an item and the card keeps it when judged again', async () => {
    const callId = await call(1, { practice: true, complete: true, entries: [...greetedLate, { kind: 'step-ticked', subject: 'restate', startMs: 20_000, payload: { by: 'agent' } }] });
    const scored = await value(core, 'scorecards:score', { callId });
    expect(scored.practice).toBe(true);
    const item = (itemId: string, card = scored.card) => card.items.find((entry) => entry.id === itemId)!;
    expect(item('greeting-on-time').verdict).toBe('fail');
    expect(item('restatement').verdict).toBe('pass');
    expect(item('work-order-complete').verdict).toBe('pass');
    expect(scored.card.figures.handleMs).toBe(60_000);

    const overridden = await value(core, 'scorecards:override', { callId, id: 'greeting-on-time', verdict: 'pass', comment: '录音里 2 秒就问候了，分析迟了' });
    expect(item('greeting-on-time', overridden.card)).toMatchObject({ auto: 'fail', verdict: 'pass', points: 10, override: { comment: '录音里 2 秒就问候了，分析迟了' } });
    const again = await value(core, 'scorecards:score', { callId });
    expect(item('greeting-on-time', again.card).verdict).toBe('pass');
    expect(again.card.score).toBe(overridden.card.score);
  });

  it('keeps scores per agent over time, newest first, practice apart', async () => {
    await value(core, 'scorecards:score', { callId: await call(1, { practice: true }) });
    await value(core, 'scorecards:score', { callId: await call(2, { practice: true, complete: true }) });
    await value(core, 'scorecards:score', { callId: await call(3) });
    const practice = await value(core, 'scorecards:history', { practice: true });
    expect(practice.map((entry) => entry.callId)).toEqual([id(2), id(1)]);
    expect(practice[0]!.score).toBeGreaterThan(practice[1]!.score);
    expect(await value(core, 'scorecards:history', { agent: 'someone-else' })).toEqual([]);
  });

  it('an unknown call is refused with not-found; an edited template is validated and becomes the next version', async () => {
    const missing = await invoke(core, 'scorecards:score', { callId: id(99) });
    expect(missing.ok ? null : missing.error.code).toBe('not-found');
    const template = await value(core, 'scorecards:template', {});
    const saved = await value(core, 'scorecards:saveTemplate', { ...template, items: template.items.map((entry) => (entry.id === 'no-dead-air' ? { ...entry, judge: { kind: 'dead-air', maxMs: 5000 } } : entry)) });
    expect(saved.version).toBe(template.version + 1);
    expect((await value(core, 'scorecards:template', {})).items.find((entry) => entry.id === 'no-dead-air')?.judge).toEqual({ kind: 'dead-air', maxMs: 5000 });
    const broken = await invoke(core, 'scorecards:saveTemplate', { ...template, items: [] });
    expect(broken.ok ? null : broken.error.code).toBe('invalid-payload');
  });

  it('the call list finds calls by prompts raised, duration, score and practice, paged newest first', async () => {
    await call(1, { seconds: 30 });
    await call(2, { seconds: 300, entries: [emergency] });
    await call(3, { seconds: 90, practice: true });
    await value(core, 'scorecards:score', { callId: await call(4, { seconds: 120, complete: true }) });
    const all = await value(core, 'replay:search', {});
    expect(all.rows.map((row) => row.callId)).toEqual([id(4), id(3), id(2), id(1)]);
    expect((await value(core, 'replay:search', { prompts: ['emergency', 'abusive'] })).rows.map((row) => row.callId)).toEqual([id(2)]);
    expect((await value(core, 'replay:search', { minDurationMs: 100_000 })).rows.map((row) => row.callId)).toEqual([id(4), id(2)]);
    expect((await value(core, 'replay:search', { practice: true })).rows.map((row) => row.callId)).toEqual([id(3)]);
    const scored = await value(core, 'replay:search', { minScore: 1 });
    expect(scored.rows.map((row) => [row.callId, row.maxScore])).toEqual([[id(4), 100]]);
    const page0 = await value(core, 'replay:search', { pageSize: 3 });
    const page1 = await value(core, 'replay:search', { pageSize: 3, page: 1 });
    expect([page0.hasMore, page1.hasMore, page1.rows.map((row) => row.callId)]).toEqual([true, false, [id(1)]]);
    expect((await value(core, 'replay:search', { from: T0 + 2 * 60_000, to: T0 + 4 * 60_000 })).rows.map((row) => row.callId)).toEqual([id(3), id(2)]);
  });

  it('the search uses the list index, not a scan of timelines', () => {
    const plan = core.db
      .prepare("EXPLAIN QUERY PLAN SELECT call_id FROM call_reviews r WHERE r.agent = 'A1' ORDER BY r.started_at DESC LIMIT 51")
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' | ')).toMatch(/call_reviews_by_agent/);
  });

  it('annotations at a moment and over a span are stored and come back after a restart; replay:open gives the call, timeline and audio peaks', async () => {
    const callId = await call(1, { entries: [emergency] });
    const audioDir = join(dir.path, 'replay-audio');
    mkdirSync(audioDir, { recursive: true });
    execFileSync('sox', ['-n', '-r', '8000', '-c', '2', '-b', '16', join(audioDir, `${callId}.wav`), 'synth', '3', 'sine', '440', 'sine', '660', 'gain', '-6']);
    await value(core, 'replay:annotate', { callId, startMs: 9000, tag: 'good-practice', text: '及时上报' });
    await value(core, 'replay:annotate', { callId, startMs: 12_000, endMs: 15_500, tag: 'blunt-wording', text: '语气生硬' });
    const refused = await invoke(core, 'replay:annotate', { callId, startMs: 5000, endMs: 1000, tag: 'other' });
    expect(refused.ok).toBe(false);
    await core.close();
    core = openCore(dir.path, { embeddedDatabasePath: null });
    const opened = await value(core, 'replay:open', { callId });
    expect(opened.annotations.map((a) => [a.startMs, a.endMs, a.tag, a.text])).toEqual([
      [9000, null, 'good-practice', '及时上报'],
      [12_000, 15_500, 'blunt-wording', '语气生硬'],
    ]);
    expect(opened.timeline.map((entry) => entry.kind)).toEqual(['prompt-shown']);
    expect(opened.audio).toMatchObject({ available: true, durationMs: 3000, mime: 'audio/wav' });
    expect(opened.audio.peaks?.caller).toHaveLength(60);
    expect(Math.max(...opened.audio.peaks!.caller)).toBeCloseTo(0.5, 1);
    const audio = await value(core, 'replay:audio', { callId });
    expect(Buffer.from(audio.base64, 'base64').subarray(0, 4).toString('ascii')).toBe('RIFF');
    await value(core, 'replay:deleteAnnotation', { callId, id: opened.annotations[0]!.id });
    expect((await value(core, 'replay:open', { callId })).annotations).toHaveLength(1);
  });
});

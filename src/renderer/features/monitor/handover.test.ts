import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../shared/domain/call/timeline';
import { adoptedTimeline, handoverParts, mergeHandover, parseHandover, type Handover } from './handover';

const AGENT_ANSWERED = 1_764_660_000_000;
const TAKEN_OVER = AGENT_ANSWERED + 95_000;
const LEAD_ANSWERED = TAKEN_OVER + 800;

const entries: TimelineEntry[] = [
  { seq: 0, kind: 'prompt-shown', subject: 'greeting', startMs: -1_200, endMs: null, payload: { id: 'p1', kind: 'script', priority: 1, severity: 'info', title: '问候' } },
  { seq: 1, kind: 'signal', subject: 'raised-voice', startMs: 30_000, endMs: 34_500, payload: { side: 'caller', levelDb: -12 } },
  { seq: 2, kind: 'work-order-edited', subject: '', startMs: 60_000, endMs: null, payload: { fields: { summary: '路灯不亮' } } },
];
const base = { fromCallId: 'agent-call-1', fields: { summary: '路灯不亮' }, history: { answeredAt: AGENT_ANSWERED, takenOverAt: TAKEN_OVER } };

/** The INFO bodies as the lead's desk reads them, merged in arrival order. */
const received = (bodies: string[]): Handover =>
  bodies.map((body) => parseHandover(body) as Handover).reduce<Handover | null>((held, part) => mergeHandover(held, part), null) as Handover;

describe('take over: the call timeline goes with the draft', () => {
  it("one INFO for a short call: the draft and the agent's timeline", () => {
    const bodies = handoverParts(base, entries);
    expect(bodies).toHaveLength(1);
    const handover = received(bodies);
    expect(handover.fields).toEqual({ summary: '路灯不亮' });
    expect(handover.timeline).toEqual(entries);
  });

  it('a long call in several parts, each under the bound; merged, nothing lost or reordered, the draft once', () => {
    const many: TimelineEntry[] = Array.from({ length: 300 }, (_, seq) => ({
      seq,
      kind: 'signal',
      subject: 'dead-air',
      startMs: seq * 1_000,
      endMs: seq * 1_000 + 500,
      payload: { side: 'both', reason: '静音'.repeat(20) },
    }));
    const bodies = handoverParts(base, many, 8_000);
    expect(bodies.length).toBeGreaterThan(2);
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(8_000);
    expect(bodies.slice(1).every((body) => JSON.stringify((parseHandover(body) as Handover).fields) === '{}')).toBe(true);
    const handover = received(bodies);
    expect(handover.timeline.map((e) => e.seq)).toEqual(many.map((e) => e.seq));
    expect(handover.fields).toEqual({ summary: '路灯不亮' });
  });

  it("the agent's entries become the lead's call's: offsets moved to the lead's answer (before it: negative), spans kept, no seqs", () => {
    const adopted = adoptedTimeline(received(handoverParts(base, entries)), LEAD_ANSWERED);
    const shift = AGENT_ANSWERED - LEAD_ANSWERED;
    expect(adopted.map((e) => [e.kind, e.startMs, e.endMs])).toEqual([
      ['prompt-shown', -1_200 + shift, null],
      ['signal', 30_000 + shift, 34_500 + shift],
      ['work-order-edited', 60_000 + shift, null],
    ]);
    expect(adopted.every((e) => !('seq' in e) && e.startMs < 0)).toBe(true);
    expect(adopted[1]).toMatchObject({ subject: 'raised-voice', payload: { side: 'caller', levelDb: -12 } });
  });

  it('an older desk sends no timeline: the handover still parses, nothing is adopted', () => {
    const old = parseHandover(JSON.stringify(base)) as Handover;
    expect(old.timeline).toEqual([]);
    expect(adoptedTimeline(old, LEAD_ANSWERED)).toEqual([]);
  });
});

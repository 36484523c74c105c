import { describe, expect, it } from 'vitest';
import { invokeContract } from '../../../src/shared/ipc/contract';
import { useTestCore } from '../../support/test-core-fixture';

const CALL = 'call-0001-aaaa';

describe('call timeline over IPC and SQLite', () => {
  const t = useTestCore();
  const call = t.call;

  it('stores a batch in one go, reads it back in call time, and ignores a resent batch', async () => {
    const entries = [
      { seq: 0, kind: 'prompt-shown', subject: 'silent-call', startMs: 3020, payload: { id: 'silent-call#1', priority: 80 } },
      { seq: 1, kind: 'signal', subject: 'raised-voice', startMs: 1200, endMs: 4800, payload: { side: 'caller', aboveBaselineDb: 7.5 } },
      { seq: 2, kind: 'step-ticked', subject: 'greeting', startMs: 900, payload: { by: 'auto' } },
    ];
    expect(await call('guidance:appendTimeline', { callId: CALL, entries })).toEqual({ ok: true, value: { stored: 3 } });
    expect(await call('guidance:appendTimeline', { callId: CALL, entries })).toEqual({ ok: true, value: { stored: 0 } });

    const reply = await call('guidance:timeline', { callId: CALL });
    expect(reply.ok).toBe(true);
    const rows = invokeContract['guidance:timeline'].reply.parse(reply.ok ? reply.value : null);
    expect(rows.map((row) => [row.kind, row.subject, row.startMs, row.endMs])).toEqual([
      ['step-ticked', 'greeting', 900, null],
      ['signal', 'raised-voice', 1200, 4800],
      ['prompt-shown', 'silent-call', 3020, null],
    ]);
    expect(rows[1]!.payload).toEqual({ side: 'caller', aboveBaselineDb: 7.5 });

    // Designed for replay: the index on (call_id, offset) serves the read.
    const plan = t.core.db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM call_timeline WHERE call_id = ? ORDER BY start_ms, seq')
      .all(CALL) as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain('call_timeline_by_offset');
  });

  it('refuses a span that ends before it starts and unknown kinds', async () => {
    const backwards = await call('guidance:appendTimeline', { callId: CALL, entries: [{ seq: 0, kind: 'signal', startMs: 10, endMs: 5 }] });
    expect(backwards.ok).toBe(false);
    const unknown = await call('guidance:appendTimeline', { callId: CALL, entries: [{ seq: 0, kind: 'gossip', startMs: 10 }] });
    expect(unknown.ok).toBe(false);
    expect(t.core.db.prepare('SELECT count(*) FROM call_timeline').pluck().get()).toBe(0);
  });

  it('keeps the team-lead address and validates it', async () => {
    expect(await call('guidance:settings', {})).toEqual({ ok: true, value: { teamLeadUri: '' } });
    expect((await call('guidance:saveSettings', { teamLeadUri: 'not a uri' })).ok).toBe(false);
    expect(await call('guidance:saveSettings', { teamLeadUri: 'sip:1900@pbx.example.cn' })).toEqual({
      ok: true,
      value: { teamLeadUri: 'sip:1900@pbx.example.cn' },
    });
    expect(await call('guidance:settings', {})).toEqual({ ok: true, value: { teamLeadUri: 'sip:1900@pbx.example.cn' } });
  });

  it('counts earlier answered calls from the same number, with the last summary', async () => {
    const started = (id: string, at: number) =>
      call('calls:started', { id, direction: 'inbound', remoteNumber: '13800000000', remoteName: '', startedAt: at });
    await started('call-old-0001', 1000);
    await call('calls:answered', { id: 'call-old-0001', answeredAt: 1100 });
    const draft = await call('workOrders:openForCall', { callId: 'call-old-0001', callerNumber: '13800000000', callerName: '' });
    expect(draft.ok).toBe(true);
    if (draft.ok) await call('workOrders:save', { id: (draft.value as { id: string }).id, fields: { summary: '路灯不亮' } });
    await started('call-missed-01', 2000); // never answered: not counted
    await started(CALL, 3000);
    expect(await call('guidance:callerHistory', { callId: CALL, number: '13800000000' })).toEqual({
      ok: true,
      value: { previousCalls: 1, lastSummary: '路灯不亮' },
    });
    expect(await call('guidance:callerHistory', { callId: CALL, number: '13900000000' })).toEqual({
      ok: true,
      value: { previousCalls: 0, lastSummary: '' },
    });
  });

  it('serves the built-in pack when no folder is configured', async () => {
    const reply = await call('guidance:pack', {});
    expect(reply.ok).toBe(true);
    const state = invokeContract['guidance:pack'].reply.parse(reply.ok ? reply.value : null);
    expect(state.source).toBe('default');
    expect(state.pack.steps.map((step) => step.id)).toEqual(['greeting', 'listen', 'restate', 'scope-check', 'dispatch', 'next-steps', 'closing']);
  });
});

import { describe, expect, it } from 'vitest';
import { invokeContract } from '../../../src/shared/ipc/contract';
import { useTestCore } from '../../support/test-core-fixture';

const CALL = 'call-0001-aaaa';

describe('call timeline over IPC and SQLite', () => {
  const t = useTestCore();
  const call = t.call;

  it('stores a batch in one go, reads it back in call time, and ignores a resent batch', async () => {
    const entries = [
      {
        seq: 0,
        kind: 'prompt-shown',
        subject: 'silent-call',
        startMs: 3020,
        payload: { id: 'silent-call#1', kind: 'protocol', priority: 80, severity: 'warning', title: 'Silent caller', cause: 'audio:dead-air-start' },
      },
      { seq: 1, kind: 'signal', subject: 'raised-voice', startMs: 1200, endMs: 4800, payload: { side: 'caller', aboveBaselineDb: 7.5 } },
      { seq: 2, kind: 'step-ticked', subject: 'greeting', startMs: 900, payload: { by: 'auto' } },
    ];
    expect(await call('guidance:appendTimeline', { callId: CALL, entries })).toEqual({ ok: true, value: { stored: 3 } });
    expect(await call('guidance:appendTimeline', { callId: CALL, entries })).toEqual({ ok: true, value: { stored: 0 } });
    // Each kind carries its own payload: a prompt shown without what was shown, or a tick by nobody, is refused.
    const wrong = [{ seq: 9, kind: 'prompt-shown', subject: 'x', startMs: 1, payload: { id: 'x#1' } }];
    expect(await call('guidance:appendTimeline', { callId: CALL, entries: wrong })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const nobody = [{ seq: 9, kind: 'step-ticked', subject: 'greeting', startMs: 1, payload: { by: 'someone' } }];
    expect(await call('guidance:appendTimeline', { callId: CALL, entries: nobody })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });

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

  it('the caller context: earlier answered calls and work orders from the same number, one normalisation for both', async () => {
    const started = (id: string, at: number, remoteNumber = '13800000000', practice = false) =>
      call('calls:event', { type: 'ringing', id, direction: 'inbound', remoteNumber, remoteName: '', startedAt: at, practice });
    await started('call-old-0001', 1000);
    const answered = await call('calls:event', { type: 'answered', id: 'call-old-0001', direction: 'inbound', remoteNumber: '13800000000', remoteName: '', startedAt: 1000, answeredAt: 1100 });
    expect(answered.ok).toBe(true);
    const draftId = answered.ok ? (answered.value as { workOrder: { id: string } }).workOrder.id : '';
    await call('workOrders:save', { id: draftId, fields: { summary: '路灯不亮' } });
    await started('call-missed-01', 2000); // never answered: not counted
    // A practice call is never counted; its work order stays on the desk, marked practice, never bound for the service.
    await started('call-practice-1', 2500, '13800000000', true);
    const practice = await call('calls:event', { type: 'answered', id: 'call-practice-1', direction: 'inbound', remoteNumber: '13800000000', remoteName: '', startedAt: 2500, answeredAt: 2600, practice: true });
    expect(practice).toMatchObject({ ok: true, value: { workOrder: { callId: 'call-practice-1', practice: true, server: null, revision: 0 } } });
    // The same number written another way is the same caller.
    await started(CALL, 3000, '138-0000 0000');
    const context = await call('calls:callerContext', { callId: CALL, number: '138-0000 0000' });
    expect(context).toMatchObject({ ok: true, value: { previousCalls: 1, lastSummary: '路灯不亮', workOrders: [{ id: draftId, summary: '路灯不亮' }] } });
    expect(await call('calls:callerContext', { callId: CALL, number: '13900000000' })).toMatchObject({
      ok: true,
      value: { previousCalls: 0, lastSummary: '', workOrders: [] },
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

/**
 * A practice call's work order (issue 14): the same draft and pane as a real
 * call, but the database and the repo keep it on this desk: never queued,
 * never sent to the work-order service, never in the agent's lists or a
 * caller's history, and its call never counted as a real one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../src/main/app-core';
import type { CallLedgerEventInput } from '../../../src/shared/domain/call-log';
import { makeTempDir } from '../../support/temp-dir';
import { completeDraft, invoke, openCore, startTestService, value, type TestService } from '../work-orders/helpers';

const PRACTICE = 'practice-6f1c2a8e-0000-4000-8000-00000000p001';
const REAL = '6f1c2a8e-0000-4000-8000-00000000c001';
const NUMBER = '13800138000';

describe('a practice call\'s work order', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let core: AppCore;
  let service: TestService;
  beforeEach(async () => {
    dir = makeTempDir();
    service = await startTestService(dir.path);
    core = openCore(dir.path, { embeddedDatabasePath: null });
    await value(core, 'workOrderService:save', { url: service.url, token: service.tokens.agent });
  });
  afterEach(async () => {
    await core.close();
    await service.close();
    dir.remove();
  });

  const event = (e: CallLedgerEventInput) => value(core, 'calls:event', e);
  async function answer(id: string, practice: boolean) {
    const start = { direction: 'inbound', remoteNumber: NUMBER, remoteName: '王阿姨', startedAt: 1_000, practice } as const;
    await event({ type: 'ringing', id, ...start });
    return (await event({ type: 'answered', id, ...start, answeredAt: 2_000 })).workOrder;
  }

  it('opens at answer marked practice, checks completeness on submit, and never reaches the outbox or the service', async () => {
    const draft = (await answer(PRACTICE, true))!;
    expect(draft).toMatchObject({ callId: PRACTICE, practice: true, sync: { state: 'draft' }, fields: { callerPhone: NUMBER } });

    // An incomplete one is refused with the same issues as a real one.
    const incomplete = await invoke(core, 'workOrders:submit', { id: draft.id });
    expect(incomplete).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });

    await value(core, 'workOrders:save', { id: draft.id, fields: completeDraft('practice') });
    const submitted = await value(core, 'workOrders:submit', { id: draft.id });
    expect(submitted).toMatchObject({ id: draft.id, practice: true, sync: { state: 'draft' } });
    await event({ type: 'ended', id: PRACTICE, endedAt: 9_000, outcome: 'answered', endedBy: 'agent' });

    // Nothing waits to be sent, nothing is listed, and the service holds nothing.
    expect(await value(core, 'sync:overview', {})).toMatchObject({ waiting: 0, needsAttention: 0 });
    expect(await value(core, 'workOrders:listUnsent', {})).toEqual([]);
    expect(await value(core, 'workOrders:list', { limit: 100 })).toEqual([]);
    expect(core.db.prepare("SELECT COUNT(*) FROM work_orders WHERE sync_state <> 'draft'").pluck().get()).toBe(0);
    expect(service.rows()).toEqual([]);
    // Kept on the desk for the trainee (and the scorecard).
    expect(await value(core, 'workOrders:get', { id: draft.id })).toMatchObject({ practice: true, fields: { summary: completeDraft('practice').summary } });
  });

  it('the database itself refuses to queue a practice work order', async () => {
    const draft = (await answer(PRACTICE, true))!;
    expect(() => core.db.prepare("UPDATE work_orders SET sync_state = 'queued' WHERE id = ?").run(draft.id)).toThrow(/CHECK/);
    expect(() => core.db.prepare("UPDATE work_orders SET server_id = 'x' WHERE id = ?").run(draft.id)).toThrow(/CHECK/);
  });

  it('a practice call is neither a real caller\'s history nor a repeat call', async () => {
    const practice = (await answer(PRACTICE, true))!;
    await value(core, 'workOrders:save', { id: practice.id, fields: { summary: '练习：咨询社保转移' } });
    await event({ type: 'ended', id: PRACTICE, endedAt: 9_000, outcome: 'answered', endedBy: 'agent' });

    const real = (await answer(REAL, false))!;
    expect(real.practice).toBeUndefined();
    const context = await value(core, 'calls:callerContext', { callId: REAL, number: NUMBER });
    expect(context).toMatchObject({ previousCalls: 0, lastSummary: '' });
    // The real call's own fresh draft only: the practice one is not this caller's history.
    expect(context.workOrders.map((entry) => entry.id)).toEqual([real.id]);
  });
});

import { describe, expect, it } from 'vitest';
import { emptyWorkOrderDraft, type WorkOrderDraft } from './work-order';
import { callDraftPrefill, isUntouchedDraft } from './work-order-untouched';

const prefill = callDraftPrefill(' 0871-6312 3456 ', ' 李先生 ');

describe('callDraftPrefill', () => {
  it('is an empty draft with the caller ID (trimmed, cut to fit with a mark) and the trimmed name', () => {
    expect(prefill).toEqual({ ...emptyWorkOrderDraft(), callerPhone: '0871-6312 3456', callerName: '李先生' });
    expect(callDraftPrefill('9'.repeat(40), '').callerPhone).toBe(`${'9'.repeat(31)}…`);
  });
});

describe('isUntouchedDraft', () => {
  const changed = (change: Partial<WorkOrderDraft>) => ({ ...prefill, ...change });

  it('holds for the pre-filled draft itself and for one the schema reads the same (whitespace trimmed)', () => {
    expect(isUntouchedDraft(prefill, prefill)).toBe(true);
    expect(isUntouchedDraft({ ...prefill }, callDraftPrefill('0871-6312 3456', '李先生'))).toBe(true);
    expect(isUntouchedDraft(changed({ summary: '   ' }), prefill)).toBe(true);
    expect(isUntouchedDraft(emptyWorkOrderDraft(), emptyWorkOrderDraft())).toBe(true);
  });

  it('fails for any one field changed, nested fields and lists included', () => {
    const edits: Partial<WorkOrderDraft>[] = [
      { callerName: '李' },
      { callerPhone: '13800138000' },
      { callerPhone: '' },
      { callbackNumber: '13800138000' },
      { address: '解放碑' },
      { district: '渝中区' },
      { type: 'complaint' },
      { domain: 'other' },
      { departmentIds: ['labour-inspection'] },
      { urgency: 'urgent' },
      { summary: '路灯' },
      { description: '坏了' },
      { scope: { decision: 'in-scope', reason: null, reasonDetail: '', channel: '' } },
      { scope: { decision: 'undecided', reason: null, reasonDetail: '', channel: '法院' } },
      { followUpWanted: true },
      { commitment: { what: '', dueDate: '2026-12-01' } },
      { commitment: { what: '三日内回复', dueDate: '' } },
    ];
    for (const edit of edits) expect(isUntouchedDraft(changed(edit), prefill), JSON.stringify(edit)).toBe(false);
  });

  it('compares department lists in order and by length', () => {
    const two = callDraftPrefill('110', '');
    const a = { ...two, departmentIds: ['a', 'b'] };
    expect(isUntouchedDraft(a, { ...two, departmentIds: ['a', 'b'] })).toBe(true);
    expect(isUntouchedDraft(a, { ...two, departmentIds: ['b', 'a'] })).toBe(false);
    expect(isUntouchedDraft(a, { ...two, departmentIds: ['a'] })).toBe(false);
  });

  it('counts what it cannot read as touched (keeps it)', () => {
    const broken = { ...prefill, type: 'bogus' } as unknown as WorkOrderDraft;
    expect(isUntouchedDraft(broken, prefill)).toBe(false);
    const extra = { ...prefill, note: 'x' } as unknown as WorkOrderDraft;
    expect(isUntouchedDraft(extra, prefill)).toBe(false);
  });
});

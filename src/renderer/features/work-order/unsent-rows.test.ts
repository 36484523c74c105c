import { describe, expect, it } from 'vitest';
import type { WorkOrderSummary } from '../../../shared/domain/work-order-sync';
import { listIsStale, unsentList } from './unsent-rows';

function entry(id: string, change: Partial<WorkOrderSummary> = {}): WorkOrderSummary {
  return { id, source: 'local', callerPhone: '13800138000', summary: `诉求 ${id}`, type: null, createdAt: 1, syncState: 'draft', serverStatus: null, statusChangedAt: null, ...change };
}

describe('the unsent work orders list', () => {
  it('leaves out the work order open in the pane, so answering a call does not add one', () => {
    const list = unsentList([entry('current'), entry('older')], { id: 'current', summary: '', syncState: 'draft' });
    expect(list.rows.map((row) => row.id)).toEqual(['older']);
    expect(list.total).toBe(1);
  });

  it('drops a work order submitted a moment ago even before the list is read again', () => {
    const list = unsentList([entry('a', { syncState: 'queued' }), entry('b')], null);
    expect(list.rows.map((row) => row.id)).toEqual(['b']);
  });

  it('shows a few rows, needs-attention first, then "N more"; all when expanded', () => {
    const many = [entry('1'), entry('2'), entry('3'), entry('4', { syncState: 'needs-attention' }), entry('5'), entry('6')];
    const short = unsentList(many, null);
    expect(short.rows.map((row) => row.id)).toEqual(['4', '1', '2']);
    expect(short.more).toBe(3);
    expect(short.total).toBe(6);
    const all = unsentList(many, null, 3, true);
    expect(all.rows).toHaveLength(6);
    expect(all.more).toBe(0);
  });

  it('is stale when the open draft\'s saved summary differs from the listed one, or it was submitted', () => {
    const listed = [entry('current', { summary: '' })];
    expect(listIsStale(listed, { id: 'current', summary: '路灯不亮', syncState: 'draft' })).toBe(true);
    expect(listIsStale([entry('current', { summary: '路灯不亮' })], { id: 'current', summary: '路灯不亮', syncState: 'draft' })).toBe(false);
    expect(listIsStale([entry('current', { summary: '路灯不亮' })], { id: 'current', summary: '路灯不亮', syncState: 'queued' })).toBe(true);
    expect(listIsStale([], { id: 'sent', summary: 'x', syncState: 'synced' })).toBe(false);
    expect(listIsStale([], null)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  STATUS_TRANSITIONS,
  WORK_ORDER_STATUSES,
  WorkOrderDraftSchema,
  WorkOrderSubmitSchema,
  canChangeStatus,
  emptyWorkOrderDraft,
  normalizePhone,
  workOrderSubmitSchema,
} from '../../../src/shared/domain/work-order';
import { validFields } from './fixture';

const messagesAt = (result: ReturnType<typeof WorkOrderSubmitSchema.safeParse>) =>
  result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));

describe('work order schema', () => {
  it('an empty draft is a valid draft but not a valid submission', () => {
    expect(WorkOrderDraftSchema.parse(emptyWorkOrderDraft())).toEqual(emptyWorkOrderDraft());
    const result = WorkOrderSubmitSchema.safeParse(emptyWorkOrderDraft());
    expect(messagesAt(result)).toEqual({
      callerPhone: 'errors.required',
      type: 'errors.required',
      domain: 'errors.required',
      summary: 'errors.required',
      description: 'errors.required',
      'scope.decision': 'errors.scopeUndecided',
    });
  });

  it('accepts a complete in-scope work order, trimming text', () => {
    const parsed = WorkOrderSubmitSchema.parse({ ...validFields(), summary: '  拖欠工资  ' });
    expect(parsed.summary).toBe('拖欠工资');
  });

  it('in scope needs departments and a dated commitment', () => {
    const result = WorkOrderSubmitSchema.safeParse(validFields({ departmentIds: [], commitment: { what: '', dueDate: '' } }));
    expect(messagesAt(result)).toEqual({
      departmentIds: 'errors.required',
      'commitment.what': 'errors.required',
      'commitment.dueDate': 'errors.required',
    });
    expect(messagesAt(WorkOrderSubmitSchema.safeParse(validFields({ commitment: { what: 'x', dueDate: '2026-13-01' } })))).toEqual({
      'commitment.dueDate': 'errors.date',
    });
  });

  it('out of scope needs a reason and the channel; "other" needs the detail; no departments needed', () => {
    const base = validFields({ departmentIds: [], commitment: { what: '', dueDate: '' } });
    const out = (scope: Partial<ReturnType<typeof validFields>['scope']>) =>
      WorkOrderSubmitSchema.safeParse({ ...base, scope: { decision: 'out-of-scope', reason: null, reasonDetail: '', channel: '', ...scope } });
    expect(messagesAt(out({}))).toEqual({ 'scope.reason': 'errors.required', 'scope.channel': 'errors.required' });
    expect(messagesAt(out({ reason: 'other', channel: '信访部门' }))).toEqual({ 'scope.reasonDetail': 'errors.required' });
    expect(out({ reason: 'arbitration', channel: '劳动人事争议仲裁委员会' }).success).toBe(true);
    // A reason on an in-scope order is a contradiction.
    expect(messagesAt(WorkOrderSubmitSchema.safeParse(validFields({ scope: { decision: 'in-scope', reason: 'litigation', reasonDetail: '', channel: '' } })))).toEqual({
      'scope.reason': 'errors.reasonOnlyOutOfScope',
    });
  });

  it('bounds every field and rejects unknown keys and values', () => {
    expect(messagesAt(WorkOrderSubmitSchema.safeParse(validFields({ summary: 'x'.repeat(201) })))).toEqual({ summary: 'errors.tooLong' });
    expect(WorkOrderDraftSchema.safeParse({ ...emptyWorkOrderDraft(), surprise: true }).success).toBe(false);
    expect(WorkOrderDraftSchema.safeParse({ ...emptyWorkOrderDraft(), type: 'praise' }).success).toBe(false);
    expect(WorkOrderDraftSchema.safeParse({ ...emptyWorkOrderDraft(), departmentIds: Array(21).fill('a') }).success).toBe(false);
    expect(messagesAt(WorkOrderSubmitSchema.safeParse(validFields({ callerPhone: 'call me maybe' })))).toEqual({ callerPhone: 'errors.phone' });
    expect(messagesAt(WorkOrderSubmitSchema.safeParse(validFields({ departmentIds: ['housing', 'housing'] })))).toEqual({
      'departmentIds.1': 'errors.duplicate',
    });
  });

  it('checks departments against a configured list when given one', () => {
    const schema = workOrderSubmitSchema(['labour-inspection']);
    expect(schema.safeParse(validFields()).success).toBe(true);
    expect(messagesAt(schema.safeParse(validFields({ departmentIds: ['labour-inspection', 'zoo'] })))).toEqual({
      'departmentIds.1': 'errors.unknownDepartment',
    });
  });

  it('status transitions: closed is final, replies can go back for rework', () => {
    expect(canChangeStatus('received', 'dispatched')).toBe(true);
    expect(canChangeStatus('replied', 'dispatched')).toBe(true);
    expect(canChangeStatus('follow-up-due', 'closed')).toBe(true);
    expect(canChangeStatus('received', 'replied')).toBe(false);
    for (const status of WORK_ORDER_STATUSES) {
      expect(canChangeStatus('closed', status)).toBe(false);
      expect(canChangeStatus(status, 'received')).toBe(false);
    }
    expect(Object.keys(STATUS_TRANSITIONS).sort()).toEqual([...WORK_ORDER_STATUSES].sort());
  });

  it('normalizes phone numbers for history lookups', () => {
    expect(normalizePhone('(0871) 6312-3456')).toBe('087163123456');
    expect(normalizePhone('+86 138 1234 5678')).toBe('+8613812345678');
  });
});

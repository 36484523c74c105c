import { describe, expect, it } from 'vitest';
import { emptyWorkOrderDraft, type WorkOrderDraft } from '../../../shared/domain/work-order';
import { conflictingKeys, draftKeyErrors, fieldNameOf, fieldsOfKey, mapIssues, submitCheck, withKeyErrors } from './work-order-form';

const complete = (): WorkOrderDraft => ({
  ...emptyWorkOrderDraft(),
  callerPhone: '13800138000',
  type: 'complaint',
  domain: 'public-services',
  summary: '小区路灯不亮',
  description: '三栋门口的路灯坏了两周。',
  departmentIds: ['street-lighting'],
  scope: { decision: 'in-scope', reason: null, reasonDetail: '', channel: '' },
  commitment: { what: '转城管部门处理', dueDate: '2030-01-15' },
});

describe('fieldNameOf', () => {
  it('joins nested paths in camel case and drops list indexes and the service body prefix', () => {
    expect(fieldNameOf('summary')).toBe('summary');
    expect(fieldNameOf(['scope', 'reason'])).toBe('scopeReason');
    expect(fieldNameOf('commitment.dueDate')).toBe('commitmentDueDate');
    expect(fieldNameOf('departmentIds.2')).toBe('departmentIds');
    expect(fieldNameOf('fields.scope.channel')).toBe('scopeChannel');
    expect(fieldNameOf('scope')).toBeNull();
    expect(fieldNameOf('nonsense')).toBeNull();
  });
});

describe('fieldsOfKey', () => {
  it('lists the form fields under one draft key', () => {
    expect(fieldsOfKey('scope')).toEqual(['scopeDecision', 'scopeReason', 'scopeReasonDetail', 'scopeChannel']);
    expect(fieldsOfKey('commitment')).toEqual(['commitmentWhat', 'commitmentDueDate']);
    expect(fieldsOfKey('callerName')).toEqual(['callerName']);
  });
});

describe('draftKeyErrors (the draft rules)', () => {
  it('accepts an incomplete draft', () => {
    for (const [key, value] of Object.entries(emptyWorkOrderDraft())) {
      expect(draftKeyErrors(key as keyof WorkOrderDraft, value as never)).toEqual({});
    }
  });

  it('marks what is too long or malformed, with the schema’s i18n key', () => {
    expect(draftKeyErrors('summary', 'x'.repeat(201))).toEqual({ summary: 'errors.tooLong' });
    expect(draftKeyErrors('commitment', { what: '', dueDate: '2030-13-01' })).toEqual({ commitmentDueDate: 'errors.date' });
    expect(draftKeyErrors('departmentIds', ['Not An Id'])).toEqual({ departmentIds: 'errors.departmentId' });
  });

  it('replaces only the errors of the edited key', () => {
    const before = { summary: 'errors.tooLong', commitmentDueDate: 'errors.date' };
    expect(withKeyErrors(before, 'commitment', {})).toEqual({ summary: 'errors.tooLong' });
  });
});

describe('submitCheck (the submit rules)', () => {
  it('passes a complete work order', () => {
    expect(submitCheck(complete(), ['street-lighting'])).toEqual({ fields: {}, other: [] });
  });

  it('lists every missing field of an empty draft', () => {
    const { fields } = submitCheck(emptyWorkOrderDraft());
    expect(fields).toMatchObject({
      callerPhone: 'errors.required',
      type: 'errors.required',
      domain: 'errors.required',
      summary: 'errors.required',
      description: 'errors.required',
      scopeDecision: 'errors.scopeUndecided',
    });
  });

  it('checks what the values are after trimming, as main does', () => {
    expect(submitCheck({ ...complete(), summary: '   ' }).fields).toEqual({ summary: 'errors.required' });
  });

  it('needs a reason and a channel when out of scope', () => {
    const draft = { ...complete(), scope: { decision: 'out-of-scope' as const, reason: 'other' as const, reasonDetail: '', channel: '' } };
    expect(submitCheck(draft).fields).toEqual({ scopeChannel: 'errors.required', scopeReasonDetail: 'errors.required' });
  });

  it('flags departments not on the centre’s list', () => {
    expect(submitCheck(complete(), ['labour-inspection']).fields).toEqual({ departmentIds: 'errors.unknownDepartment' });
  });
});

describe('mapIssues', () => {
  it('maps main’s invalid-payload issues to fields, the first per field, the rest to other', () => {
    const mapped = mapIssues([
      { path: 'scope.reason', message: 'errors.required' },
      { path: 'scope.reason', message: 'errors.choose' },
      { path: 'id', message: 'Invalid input' },
    ]);
    expect(mapped).toEqual({ fields: { scopeReason: 'errors.required' }, other: ['errors.invalid'] });
  });

  it('keeps the service’s own words when asked', () => {
    expect(mapIssues([{ path: 'fields.summary', message: 'Summary must name the street' }], true).fields).toEqual({
      summary: 'Summary must name the street',
    });
  });
});

describe('conflictingKeys', () => {
  it('names the keys that differ', () => {
    const mine = complete();
    const theirs = { ...complete(), urgency: 'urgent' as const, commitment: { what: '转城管部门处理', dueDate: '2030-01-20' } };
    expect(conflictingKeys(mine, theirs)).toEqual(['urgency', 'commitment']);
  });
});

import { describe, expect, it } from 'vitest';
import { SettingsSaveRequestSchema } from '../../../shared/domain/settings';
import { formErrorsFromIssues } from './form-errors';
import { EMPTY_FORM, formValuesFrom, toSaveRequest } from './settings-form';

const VALID = {
  wsServer: 'wss://sip.example.test:7443',
  sipUri: 'sip:1001@sip.example.test',
  authUser: '1001',
  password: '',
  displayName: '',
  workNumber: 'A-0815',
  city: '杭州',
  cityEn: '',
};

function issuesOf(values: typeof VALID) {
  const result = SettingsSaveRequestSchema.safeParse(toSaveRequest(values, 'zh-CN'));
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('formErrorsFromIssues', () => {
  it('puts each schema error under its form field, as an i18n key', () => {
    const { fields, other } = formErrorsFromIssues(
      issuesOf({ ...VALID, wsServer: 'http://nope', sipUri: '1001', authUser: ' ', workNumber: '工号', city: '' }),
    );
    expect(fields).toEqual({
      wsServer: 'errors.wsServer',
      sipUri: 'errors.sipUri',
      authUser: 'errors.required',
      workNumber: 'errors.workNumber',
      city: 'errors.required',
    });
    expect(other).toEqual([]);
  });

  it('maps main’s invalid-payload issues the same way, first issue per field', () => {
    const { fields } = formErrorsFromIssues([
      { path: 'password', message: 'errors.tooLong' },
      { path: 'agent.city', message: 'errors.tooLong' },
      { path: 'agent.city', message: 'errors.required' },
    ]);
    expect(fields).toEqual({ password: 'errors.tooLong', city: 'errors.tooLong' });
  });

  it('keeps issues without a known field, and replaces non-key messages with a generic key', () => {
    expect(formErrorsFromIssues([{ path: 'language', message: 'Invalid option' }])).toEqual({
      fields: {},
      other: ['errors.invalid'],
    });
  });
});

describe('settings form values', () => {
  it('leaves the password out of the request when the field is empty (keep the stored one)', () => {
    expect(toSaveRequest(VALID, 'en')).not.toHaveProperty('password');
    expect(toSaveRequest({ ...VALID, password: 'pw' }, 'en').password).toBe('pw');
  });

  it('prefills from stored settings but never the password', () => {
    expect(formValuesFrom(null)).toEqual(EMPTY_FORM);
    const values = formValuesFrom({
      account: { wsServer: VALID.wsServer, sipUri: VALID.sipUri, authUser: '1001', displayName: 'A' },
      agent: { workNumber: 'A-0815', city: '杭州' },
      language: 'zh-CN',
    });
    expect(values).toEqual({ ...VALID, displayName: 'A' });
  });

  it("sends the city's English name only when the agent wrote one, and prefills it", () => {
    expect(toSaveRequest(VALID, 'en').agent).toEqual({ workNumber: 'A-0815', city: '杭州' });
    expect(toSaveRequest({ ...VALID, cityEn: '  ' }, 'en').agent).not.toHaveProperty('cityEn');
    expect(toSaveRequest({ ...VALID, cityEn: 'Hangzhou' }, 'en').agent).toEqual({ workNumber: 'A-0815', city: '杭州', cityEn: 'Hangzhou' });
    expect(issuesOf({ ...VALID, cityEn: 'x'.repeat(65) })).toEqual([{ path: 'agent.cityEn', message: 'errors.tooLong' }]);
    const values = formValuesFrom({
      account: { wsServer: VALID.wsServer, sipUri: VALID.sipUri, authUser: '1001', displayName: '' },
      agent: { workNumber: 'A-0815', city: '杭州', cityEn: 'Hangzhou' },
      language: 'zh-CN',
    });
    expect(values.cityEn).toBe('Hangzhou');
  });
});

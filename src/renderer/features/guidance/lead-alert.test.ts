import { describe, expect, it } from 'vitest';
import { ALERT_MARKER, formatLeadAlert, parseLeadAlert, type LeadAlert } from './lead-alert';

const alert: LeadAlert = {
  kind: 'emergency',
  callId: 'call-1234-abcd',
  callerNumber: '13800000000',
  elapsedMs: 125_000,
  agent: { name: '王芳', workNumber: '0307' },
  workOrder: { summary: '欠薪，工人要跳楼', description: '在工地塔吊上', address: '渝北区某工地', category: 'complaint' },
  matchedTerms: ['跳楼'],
  sentAt: 1_750_000_000_000,
};

describe('the team-lead alert message', () => {
  it('reads as plain text on any phone and round-trips for the app', () => {
    const body = formatLeadAlert(alert);
    expect(body.split('\n')[0]).toContain('0307');
    expect(body).toContain('13800000000');
    expect(body).toContain('02:05');
    expect(body).toContain('欠薪，工人要跳楼');
    expect(parseLeadAlert(body)).toEqual(alert);
  });

  it('ignores ordinary messages and malformed alerts', () => {
    expect(parseLeadAlert('hello')).toBeNull();
    expect(parseLeadAlert(`${ALERT_MARKER}{not json`)).toBeNull();
    expect(parseLeadAlert(`${ALERT_MARKER}{"kind":"party"}`)).toBeNull();
  });
});

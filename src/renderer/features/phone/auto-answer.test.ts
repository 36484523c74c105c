import { describe, expect, it } from 'vitest';
import { autoAnswerDelay, requestedAutoAnswer } from './auto-answer';

const none = { callInfo: [], alertInfo: [] };

describe('requestedAutoAnswer', () => {
  it('reads answer-after from Call-Info', () => {
    expect(requestedAutoAnswer({ callInfo: ['<sip:pbx.test>;answer-after=0'], alertInfo: [] })).toBe(0);
    expect(requestedAutoAnswer({ callInfo: ['<sip:pbx.test>; Answer-After = 5'], alertInfo: [] })).toBe(5);
    expect(requestedAutoAnswer({ callInfo: ['<sip:pbx.test>;answer-after=999'], alertInfo: [] })).toBe(30);
    expect(requestedAutoAnswer({ callInfo: ['<http://x/photo.png>;purpose=icon'], alertInfo: [] })).toBeNull();
  });

  it('reads intercom hints from Alert-Info', () => {
    for (const value of [
      '<http://www.notused.com>;info=alert-autoanswer',
      '<urn:alert:service:intercom>',
      'info=intercom',
      'Ring Answer',
      '<http://x>;answer-after=2',
    ]) {
      expect(requestedAutoAnswer({ callInfo: [], alertInfo: [value] }), value).toBe(value.includes('=2') ? 2 : 0);
    }
    expect(requestedAutoAnswer({ callInfo: [], alertInfo: ['<http://x/ring.wav>'] })).toBeNull();
    expect(requestedAutoAnswer(none)).toBeNull();
  });
});

describe('autoAnswerDelay', () => {
  it('follows the mode and never answers a waiting call', () => {
    expect(autoAnswerDelay({ mode: 'off', seconds: 3 }, 0, false)).toBeNull();
    expect(autoAnswerDelay({ mode: 'after', seconds: 3 }, null, false)).toBe(3);
    expect(autoAnswerDelay({ mode: 'after', seconds: -4 }, null, false)).toBe(0);
    expect(autoAnswerDelay({ mode: 'after', seconds: 100 }, null, false)).toBe(30);
    expect(autoAnswerDelay({ mode: 'header', seconds: 3 }, null, false)).toBeNull();
    expect(autoAnswerDelay({ mode: 'header', seconds: 3 }, 2, false)).toBe(2);
    expect(autoAnswerDelay({ mode: 'after', seconds: 3 }, 0, true)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { defaultPack } from '../../../src/shared/guidance/scripts/default-pack';
import { fillLocalized } from '../../../src/shared/guidance/scripts/text';

describe('the recording notice in the greeting', () => {
  const greeting = defaultPack().steps.find((step) => step.id === 'greeting')!.phrases.find((phrase) => phrase.id === 'greeting-standard')!;
  const values = { city: '重庆', workNumber: '0307' };

  it('is said while the desk records calls', () => {
    const text = fillLocalized(greeting.text, { ...values, recordingNotice: 'on' });
    expect(text['zh-CN']).toBe('您好，重庆12345热线，0307号话务员为您服务，本次通话可能会被录音，请问有什么可以帮您？');
    expect(text.en).toContain('This call may be recorded. How can I help you?');
  });

  it('leaves no trace when it does not', () => {
    const text = fillLocalized(greeting.text, { ...values, recordingNotice: 'off' });
    expect(text['zh-CN']).toBe('您好，重庆12345热线，0307号话务员为您服务，请问有什么可以帮您？');
    expect(text.en).toBe('Hello, 重庆 12345 hotline, agent 0307 speaking. How can I help you?');
  });
});

import type { UserAgent } from 'sip.js';
import { describe, expect, it, vi } from 'vitest';
import { guardInboundMessages, versionNotSupported } from './sip-inbound-guard';

const INVITE = (version: string, cseq = '1 INVITE') =>
  [
    `INVITE sip:1001@desk.invalid ${version}`,
    'Via: SIP/2.0/WSS pbx.test;branch=z9hG4bK1',
    'From: <sip:2001@pbx.test>;tag=a',
    'To: <sip:1001@pbx.test>',
    'Call-ID: c1',
    `CSeq: ${cseq}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');

function fakeUserAgent(deliver: (message: string) => void) {
  const transport = { onMessage: deliver, send: vi.fn((_message: string) => Promise.resolve()) };
  return { ua: { transport } as unknown as UserAgent, transport };
}

describe('guardInboundMessages', () => {
  it('passes SIP/2.0 requests and responses to sip.js', () => {
    const deliver = vi.fn();
    const { ua, transport } = fakeUserAgent(deliver);
    guardInboundMessages(ua, { warn: vi.fn() });
    transport.onMessage(INVITE('SIP/2.0'));
    transport.onMessage('SIP/2.0 200 OK\r\nCSeq: 2 REGISTER\r\n\r\n');
    expect(deliver).toHaveBeenCalledTimes(2);
  });

  it('refuses a SIP/3.0 request with 505 and never lets it ring', () => {
    const deliver = vi.fn();
    const { ua, transport } = fakeUserAgent(deliver);
    guardInboundMessages(ua, { warn: vi.fn() });
    transport.onMessage(INVITE('SIP/3.0'));
    expect(deliver).not.toHaveBeenCalled();
    expect(transport.send).toHaveBeenCalledTimes(1);
    const reply = transport.send.mock.calls[0]![0];
    expect(reply.startsWith('SIP/2.0 505 Version Not Supported\r\n')).toBe(true);
    expect(reply).toContain('Call-ID: c1');
    expect(reply).toContain('CSeq: 1 INVITE');
  });

  it('catches what sip.js throws on a message and keeps the phone alive', () => {
    const warn = vi.fn();
    const { ua, transport } = fakeUserAgent(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'toString')");
    });
    guardInboundMessages(ua, { warn });
    expect(() => transport.onMessage(INVITE('SIP/2.0', 'abc INVITE'))).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe('badCSeq', () => {
  it('drops requests whose CSeq is unreadable, too large, or names another method', () => {
    for (const cseq of ['abc INVITE', '1 BYE', '99999999999 INVITE', '2147483648 INVITE', '1']) {
      const deliver = vi.fn();
      const { ua, transport } = fakeUserAgent(deliver);
      guardInboundMessages(ua, { warn: vi.fn() });
      transport.onMessage(INVITE('SIP/2.0', cseq));
      expect(deliver, cseq).not.toHaveBeenCalled();
      expect(transport.send, cseq).not.toHaveBeenCalled();
    }
  });

  it('lets a response through whatever method its CSeq names', () => {
    const deliver = vi.fn();
    const { ua, transport } = fakeUserAgent(deliver);
    guardInboundMessages(ua, { warn: vi.fn() });
    transport.onMessage('SIP/2.0 200 OK\r\nCSeq: 2147483647 REGISTER\r\n\r\n');
    expect(deliver).toHaveBeenCalledTimes(1);
  });
});

describe('versionNotSupported', () => {
  it('answers nothing to a response or a request without Via/CSeq', () => {
    expect(versionNotSupported('SIP/3.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n')).toBeNull();
    expect(versionNotSupported('INVITE sip:x SIP/3.0\r\nCall-ID: c\r\n\r\n')).toBeNull();
  });
});

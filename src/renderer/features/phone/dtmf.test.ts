import { describe, expect, it, vi } from 'vitest';
import { dtmfInfoBody, isDtmfDigit, parseDtmfInfoBody, sendDtmfInfo, sendDtmfRtp } from './dtmf';

describe('dtmf', () => {
  it('knows the 16 DTMF keys', () => {
    for (const key of '0123456789*#ABCD') expect(isDtmfDigit(key)).toBe(true);
    for (const key of ['e', '+', '', '12', ' ']) expect(isDtmfDigit(key)).toBe(false);
  });

  it('builds and parses dtmf-relay bodies', () => {
    expect(dtmfInfoBody('5')).toBe('Signal=5\r\nDuration=100\r\n');
    expect(parseDtmfInfoBody(dtmfInfoBody('#'))).toBe('#');
    expect(parseDtmfInfoBody('Signal= a\r\n')).toBe('A');
    expect(parseDtmfInfoBody('nothing')).toBeNull();
    expect(() => dtmfInfoBody('x')).toThrow();
  });

  it('sends INFO with the dtmf-relay content type', async () => {
    const info = vi.fn(() => Promise.resolve());
    await sendDtmfInfo({ info }, '7');
    expect(info).toHaveBeenCalledWith({
      requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: 'Signal=7\r\nDuration=100\r\n' } },
    });
  });

  it('queues RFC 4733 digits behind those still playing', () => {
    const dtmf = { canInsertDTMF: true, toneBuffer: '12', insertDTMF: vi.fn() };
    const pc = { getSenders: () => [{ track: { kind: 'audio' }, dtmf }] } as unknown as RTCPeerConnection;
    expect(sendDtmfRtp(pc, '3')).toBe(true);
    expect(dtmf.insertDTMF).toHaveBeenCalledWith('123', 100, 70);
    expect(sendDtmfRtp(undefined, '3')).toBe(false);
  });
});

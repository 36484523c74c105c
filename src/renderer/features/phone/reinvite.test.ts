import { describe, expect, it } from 'vitest';
import type { Session } from 'sip.js';
import { audioLineRejected, mediaStateOf, negotiatedCodec } from './reinvite';

const sdp = (port: number, payloads = '8 101') =>
  ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', `m=audio ${port} RTP/AVP ${payloads}`, 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', ''].join('\r\n');

function sessionWith(remoteSdp: string, transceiver: Partial<RTCRtpTransceiver> | null): Session {
  const peerConnection = {
    remoteDescription: { sdp: remoteSdp },
    getTransceivers: () => (transceiver ? [{ receiver: { track: { kind: 'audio' } }, sender: { track: null }, ...transceiver }] : []),
  };
  return { sessionDescriptionHandler: { peerConnection } } as unknown as Session;
}

describe('re-INVITE media state', () => {
  it('reads the negotiated direction', () => {
    expect(mediaStateOf(sessionWith(sdp(4000), { currentDirection: 'sendrecv' }))).toBe('active');
    expect(mediaStateOf(sessionWith(sdp(4000), { currentDirection: 'sendonly' }))).toBe('held');
    expect(mediaStateOf(sessionWith(sdp(4000), { currentDirection: 'recvonly' }))).toBe('remote-held');
  });

  it('treats a refused audio line as no media, not as an active call', () => {
    expect(audioLineRejected(sdp(0))).toBe(true);
    expect(audioLineRejected(sdp(4000))).toBe(false);
    expect(mediaStateOf(sessionWith(sdp(0), { currentDirection: 'sendrecv' }))).toBe('rejected');
    expect(mediaStateOf(sessionWith(sdp(4000), { currentDirection: 'stopped' }))).toBe('rejected');
    expect(mediaStateOf(sessionWith(sdp(4000), null))).toBe('rejected');
  });

  it('names the codec the answer chose', () => {
    expect(negotiatedCodec(sessionWith(sdp(4000), null))).toBe('PCMA');
    expect(negotiatedCodec(sessionWith(sdp(4000, '101 8'), null))).toBe('telephone-event');
  });
});

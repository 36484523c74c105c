/** DTMF during a call: RFC 4733 telephone-event (RTCDTMFSender) by default, SIP INFO as a setting. */
export type DtmfMode = 'rfc4733' | 'info';

export const DTMF_DURATION_MS = 100;
export const DTMF_GAP_MS = 70;

const DIGIT = /^[0-9*#A-Da-d]$/;

export function isDtmfDigit(key: string): boolean {
  return DIGIT.test(key);
}

/** The body of an `application/dtmf-relay` INFO (the de-facto format PBXs accept). */
export function dtmfInfoBody(digit: string, durationMs = DTMF_DURATION_MS): string {
  if (!isDtmfDigit(digit)) throw new Error(`not a DTMF digit: ${digit}`);
  return `Signal=${digit.toUpperCase()}\r\nDuration=${durationMs}\r\n`;
}

/** Parses an `application/dtmf-relay` body (used by the test phone and for tests). */
export function parseDtmfInfoBody(body: string): string | null {
  const match = /Signal\s*=\s*([0-9*#A-Da-d])/.exec(body);
  return match?.[1]?.toUpperCase() ?? null;
}

export interface DtmfSession {
  /** sip.js Session.info */
  info(options: { requestOptions: { body: { contentDisposition: string; contentType: string; content: string } } }): Promise<unknown>;
}

/** Sends one digit over SIP INFO; resolves once the request is sent. */
export async function sendDtmfInfo(session: DtmfSession, digit: string): Promise<void> {
  await session.info({
    requestOptions: {
      body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: dtmfInfoBody(digit) },
    },
  });
}

/** Sends digits in-band over RTP (RFC 4733) on the call's audio sender. Returns false without a DTMF sender. */
export function sendDtmfRtp(peerConnection: RTCPeerConnection | undefined, digits: string): boolean {
  const sender = peerConnection?.getSenders().find((s) => s.track?.kind === 'audio' || s.dtmf);
  const dtmf = sender?.dtmf;
  if (!dtmf || !dtmf.canInsertDTMF) return false;
  // insertDTMF replaces the queue: append to what is still waiting, so fast typing is not lost.
  dtmf.insertDTMF(dtmf.toneBuffer + digits, DTMF_DURATION_MS, DTMF_GAP_MS);
  return true;
}

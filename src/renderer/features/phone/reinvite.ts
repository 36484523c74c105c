import type { Session } from 'sip.js';

/**
 * re-INVITEs for hold/resume and for an ICE restart after a reconnect. The
 * result comes from what the peer connection really negotiated (the
 * transceiver's currentDirection), not from what we asked for: a rejected or
 * unanswered re-INVITE leaves the call as it was, and the UI must say so.
 */
export const REINVITE_TIMEOUT_MS = 10_000;

/** rejected: the far end refused the audio line (m=audio 0): nothing flows either way. */
export type MediaState = 'active' | 'held' | 'remote-held' | 'inactive' | 'rejected';

export interface ReinviteResult {
  ok: boolean;
  /** SIP status of a rejection; null for a timeout or a local failure. */
  statusCode: number | null;
  /** What the media actually is now. */
  media: MediaState;
}

interface WebSdhOptions {
  hold?: boolean;
  offerOptions?: RTCOfferOptions;
  constraints?: MediaStreamConstraints;
}

interface SdhLike {
  peerConnection?: RTCPeerConnection;
  enableReceiverTracks?(enable: boolean): void;
  enableSenderTracks?(enable: boolean): void;
}

export function peerConnectionOf(session: Session): RTCPeerConnection | undefined {
  return (session.sessionDescriptionHandler as SdhLike | undefined)?.peerConnection;
}

/** The negotiated direction of the audio transceiver, from our side. */
export function mediaStateOf(session: Session): MediaState {
  const peerConnection = peerConnectionOf(session);
  if (!peerConnection) return 'active';
  if (audioLineRejected(peerConnection.remoteDescription?.sdp)) return 'rejected';
  const transceiver = peerConnection
    .getTransceivers()
    .find((t) => t.receiver.track?.kind === 'audio' || t.sender.track?.kind === 'audio');
  // A call that had audio and now has no live audio transceiver has lost it.
  if (!transceiver || transceiver.currentDirection === 'stopped') return 'rejected';
  switch (transceiver.currentDirection) {
    case 'sendonly':
      return 'held';
    case 'recvonly':
      return 'remote-held';
    case 'inactive':
      return 'inactive';
    default:
      return 'active';
  }
}

/** True when the SDP's audio line has port 0 (RFC 3264 §6: the stream is rejected). */
export function audioLineRejected(sdp: string | undefined): boolean {
  if (!sdp) return false;
  const audio = sdp.split(/\r?\n/).filter((line) => line.startsWith('m=audio '));
  return audio.length > 0 && audio.every((line) => /^m=audio 0 /.test(line));
}

/** The codec the audio actually uses (first payload type of the answer's audio line). */
export function negotiatedCodec(session: Session): string | null {
  const sdp = peerConnectionOf(session)?.remoteDescription?.sdp;
  if (!sdp) return null;
  const payload = /^m=audio \d+ \S+ (\d+)/m.exec(sdp)?.[1];
  if (!payload) return null;
  return new RegExp(`^a=rtpmap:${payload} ([^/\\s]+)`, 'm').exec(sdp)?.[1] ?? null;
}

/** Our hold (sendonly/inactive) as the agent sees it: is the call on hold from our side. */
export function isHeldByUs(media: MediaState): boolean {
  return media === 'held' || media === 'inactive';
}

/** Mutes what we send and hear while held (as sip.js's SessionManager does). */
export function applyHoldToTracks(session: Session, held: boolean, muted: boolean): void {
  const sdh = session.sessionDescriptionHandler as SdhLike | undefined;
  try {
    sdh?.enableReceiverTracks?.(!held);
    sdh?.enableSenderTracks?.(!held && !muted);
  } catch {
    // Peer connection already closed: nothing to mute.
  }
}

export function sendReinvite(
  session: Session,
  options: { hold?: boolean; iceRestart?: boolean },
  timeoutMs = REINVITE_TIMEOUT_MS,
): Promise<ReinviteResult> {
  const previous = { ...(session.sessionDescriptionHandlerOptionsReInvite as WebSdhOptions) };
  const next: WebSdhOptions = { ...previous };
  if (options.hold !== undefined) next.hold = options.hold;
  if (options.iceRestart) next.offerOptions = { ...previous.offerOptions, iceRestart: true };
  else delete next.offerOptions;
  session.sessionDescriptionHandlerOptionsReInvite = next as never;

  return new Promise<ReinviteResult>((resolve) => {
    let settled = false;
    const done = (ok: boolean, statusCode: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // A failed hold must not leave "hold" in the options for the next re-INVITE we answer.
      const after = { ...(session.sessionDescriptionHandlerOptionsReInvite as WebSdhOptions) };
      delete after.offerOptions;
      if (!ok) after.hold = previous.hold;
      session.sessionDescriptionHandlerOptionsReInvite = after as never;
      resolve({ ok, statusCode, media: mediaStateOf(session) });
    };
    const timer = setTimeout(() => done(false, null), timeoutMs);
    session
      .invite({
        requestDelegate: {
          onAccept: () => done(true, 200),
          onReject: (response) => done(false, response.message.statusCode ?? null),
        },
      })
      .catch(() => done(false, null));
  });
}

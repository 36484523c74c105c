import { SessionState, type Invitation, type Inviter, type Session } from 'sip.js';
import type { CallDirection, CallEndedBy } from '../../../shared/domain/call-log';
import type { CallControlState, CallEvent, CallMedia, HoldState } from '../../../shared/domain/call';
import { isDtmfDigit, sendDtmfInfo, sendDtmfRtp, type DtmfMode } from './dtmf';
import { classifyEnd, dialFailureNotice, type LocalAction } from './end-classification';
import type { PhoneNotice } from './phone-events';
import { QualityMonitor } from './quality-monitor';
import { applyHoldToTracks, isHeldByUs, negotiatedCodec, peerConnectionOf, sendReinvite, type MediaState } from './reinvite';

/** Where a call's events and notices go (CallControl, which passes them on to the phone's sink). */
export interface CallOutput {
  event(event: CallEvent<MediaStream>): void;
  notice(notice: PhoneNotice): void;
}

export const isHeld = (hold: HoldState): boolean => hold === 'held' || hold === 'holding';

/**
 * One SIP call and its own state machine: ringing or dialing → answered →
 * (held ⇄ active) → ended. It knows its session, its media and how it ended;
 * which call is in front, the conference and transfers are CallControl's.
 */
export class SipCall {
  answeredAt: number | null = null;
  /** Set just before we act, so Terminated knows who ended the call and how. */
  localAction: LocalAction | null = null;
  ended = false;
  hold: HoldState = 'active';
  muted = false;
  consultFor: string | null = null;
  /** Inbound from a trainer playing the caller (X-Hotline-Practice, trusted): the scenario they play. */
  practiceScenario: string | null = null;
  /** Final status of an outbound INVITE that failed (486, 404, ...). */
  failureStatus: number | null = null;
  private autoAnswerTimer: ReturnType<typeof setTimeout> | null = null;
  private quality: QualityMonitor | null = null;

  constructor(
    readonly id: string,
    readonly session: Session,
    readonly direction: CallDirection,
    readonly number: string,
    readonly name: string,
    private readonly out: CallOutput,
    private readonly now: () => number,
  ) {}

  get answered(): boolean {
    return this.answeredAt !== null;
  }

  /** The two directions of the call's audio and the codec, as the SDP handler holds them. */
  media(): CallMedia<MediaStream> {
    const handler = this.session.sessionDescriptionHandler as { localMediaStream?: MediaStream; remoteMediaStream?: MediaStream } | undefined;
    return { local: handler?.localMediaStream ?? null, remote: handler?.remoteMediaStream ?? null, codec: negotiatedCodec(this.session) };
  }

  peerConnection(): RTCPeerConnection | undefined {
    return peerConnectionOf(this.session);
  }

  microphoneTracks(): MediaStreamTrack[] {
    return this.media().local?.getAudioTracks() ?? [];
  }

  update(change: Partial<CallControlState>): void {
    if (change.hold) this.hold = change.hold;
    if (change.muted !== undefined) this.muted = change.muted;
    if (!this.ended) this.out.event({ type: 'control', callId: this.id, change });
  }

  autoAnswerIn(ms: number, answer: () => void): void {
    this.clearAutoAnswer();
    this.autoAnswerTimer = setTimeout(() => {
      this.autoAnswerTimer = null;
      answer();
    }, ms);
  }

  clearAutoAnswer(): void {
    if (this.autoAnswerTimer) clearTimeout(this.autoAnswerTimer);
    this.autoAnswerTimer = null;
  }

  canAnswer(): boolean {
    return this.direction === 'inbound' && !this.ended && !this.answered && this.localAction === null;
  }

  /** Accepts the INVITE; false (and the call ended as failed) if the answer could not be sent. */
  async accept(constraints: MediaStreamConstraints): Promise<boolean> {
    const invitation = this.session as Invitation;
    this.localAction = 'answering';
    this.clearAutoAnswer();
    try {
      await invitation.accept({ sessionDescriptionHandlerOptions: { constraints } });
      return true;
    } catch {
      // sip.js has already answered the INVITE with an error and will report Terminated.
      this.out.notice('answerFailed');
      if (invitation.state !== SessionState.Terminated) this.finish('system');
      return false;
    }
  }

  async decline(): Promise<void> {
    if (!this.canAnswer()) return;
    this.localAction = 'declined';
    this.clearAutoAnswer();
    await (this.session as Invitation).reject({ statusCode: 603 }).catch(() => undefined);
  }

  /** Ends the call whatever its phase: BYE, CANCEL, or decline. */
  async hangup(): Promise<void> {
    if (this.ended) return;
    if (!this.answered) {
      if (this.direction === 'inbound') return this.decline();
      this.localAction = 'cancelled';
      await (this.session as Inviter).cancel().catch(() => undefined);
      return;
    }
    this.localAction = 'hangup';
    try {
      await this.session.bye();
    } catch {
      // The dialog is already gone (remote BYE crossed ours); Terminated follows or has happened.
      if (this.session.state !== SessionState.Terminated) this.finish('agent');
    }
  }

  /** Leaves the desk after a transfer: the far end took over the caller. */
  async leaveAfterTransfer(): Promise<void> {
    this.localAction = 'transferred';
    if (!this.ended) await this.session.bye().catch(() => undefined);
  }

  /** re-INVITE to hold or resume; true when the media is now what was asked. */
  async setHold(held: boolean): Promise<boolean> {
    if (this.ended || !this.answered) return false;
    this.update({ hold: held ? 'holding' : 'resuming' });
    const result = await sendReinvite(this.session, { hold: held });
    if (result.media === 'rejected') return this.mediaLost();
    return this.settleHold(held ? 'hold' : 'resume', result.media, result.ok ? null : held ? 'holdFailed' : 'resumeFailed');
  }

  /** After a reconnect: re-INVITE with an ICE restart so the media follows the new path. */
  async restoreMedia(): Promise<boolean> {
    const result = await sendReinvite(this.session, { hold: isHeld(this.hold), iceRestart: true });
    if (result.media === 'rejected') return this.mediaLost();
    return result.ok;
  }

  /** Mutes the microphone; `inConference` leaves the hold state of the tracks to the mixer. */
  setMuted(muted: boolean, inConference: boolean): void {
    if (this.ended) return;
    // The microphone track itself: in a conference it feeds both mixes.
    for (const track of this.microphoneTracks()) track.enabled = !muted;
    if (!inConference) applyHoldToTracks(this.session, isHeld(this.hold), muted);
    this.update({ muted });
  }

  async sendDtmf(digits: string, mode: DtmfMode): Promise<boolean> {
    if (this.ended || !this.answered) return false;
    const valid = [...digits].filter(isDtmfDigit).join('');
    if (!valid) return false;
    try {
      if (mode === 'info') {
        for (const digit of valid) await sendDtmfInfo(this.session, digit);
        return true;
      }
      if (sendDtmfRtp(this.peerConnection(), valid)) return true;
    } catch {
      // fall through to the notice
    }
    this.out.notice('dtmfFailed');
    return false;
  }

  /** sip.js says the dialog is up: the call is answered, with its media. */
  established(): void {
    if (this.ended || this.answered) return;
    this.answeredAt = this.now();
    this.clearAutoAnswer();
    this.out.event({ type: 'answered', callId: this.id, at: this.answeredAt, media: this.media() });
    this.quality = new QualityMonitor(
      () => this.peerConnection(),
      (quality) => this.update({ quality }),
    );
    this.quality.start();
  }

  /** Decides the outcome and who ended it from what we know, then reports once. */
  finish(fallback: CallEndedBy): void {
    if (this.ended) return;
    this.ended = true;
    this.clearAutoAnswer();
    this.quality?.stop();
    const { outcome, endedBy } = classifyEnd(
      { direction: this.direction, answered: this.answered, localAction: this.localAction, failureStatus: this.failureStatus },
      fallback,
    );
    const notice = this.direction === 'outbound' && !this.answered ? dialFailureNotice(this.failureStatus) : null;
    if (notice) this.out.notice(notice);
    this.out.event({
      type: 'ended',
      callId: this.id,
      at: this.now(),
      outcome,
      endedBy,
      quality: this.quality?.summary() ?? null,
      transferred: this.localAction === 'transferred',
    });
  }

  private settleHold(asked: 'hold' | 'resume', media: MediaState, failure: PhoneNotice | null): boolean {
    const hold: HoldState = isHeldByUs(media) ? 'held' : media === 'remote-held' ? 'remote-held' : 'active';
    applyHoldToTracks(this.session, isHeld(hold), this.muted);
    this.update({ hold });
    if (asked === 'hold' && hold === 'held') this.out.event({ type: 'held', callId: this.id, at: this.now(), by: 'agent' });
    if (asked === 'resume' && hold === 'active') this.out.event({ type: 'resumed', callId: this.id, at: this.now() });
    if (failure) this.out.notice(failure);
    return failure === null;
  }

  /**
   * The far end answered a re-INVITE with the audio line refused (m=audio 0, as a
   * relay or SBC that cannot handle the re-offer does): no media flows either way
   * and WebRTC cannot bring a stopped transceiver back. The call ends, clearly.
   */
  private async mediaLost(): Promise<boolean> {
    this.out.notice('mediaLost');
    this.localAction = 'media-lost';
    await this.session.bye().catch(() => undefined);
    if (this.session.state !== SessionState.Terminated) this.finish('system');
    return false;
  }
}

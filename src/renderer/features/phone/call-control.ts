import { SessionState, type Invitation, type Inviter, type InviterOptions, type Session, type URI, type UserAgent } from 'sip.js';
import type { CallEndedBy, CallOutcome } from '../../../shared/domain/call-log';
import { autoAnswerDelay, requestedAutoAnswer, type AutoAnswerSettings } from './auto-answer';
import { callerIdentity } from './caller-identity';
import type { ConferenceMixerLike } from './conference-mixer';
import { isDtmfDigit, sendDtmfInfo, sendDtmfRtp, type DtmfMode } from './dtmf';
import type { CallDirection, CallControlState, HoldState, PhoneEventSink, PhoneNotice } from './phone-events';
import { mark } from './perf-marks';
import { QualityMonitor } from './quality-monitor';
import { applyHoldToTracks, isHeldByUs, peerConnectionOf, sendReinvite, type MediaState } from './reinvite';
import { refer } from './transfer';

/** What call control needs from outside; PhoneDeps provides it. */
export interface CallControlDeps {
  createInviter(userAgent: UserAgent, target: URI, options: InviterOptions): Inviter;
  makeUri(text: string): URI | undefined;
  ringtone: { start(): Promise<boolean>; stop(): void };
  remoteAudio: { attach(stream: MediaStream): void; detach(): void };
  /** A short beep before an auto-answer. */
  beep(): void;
  createMixer(): ConferenceMixerLike;
  preferences(): { dtmfMode: DtmfMode; autoAnswer: AutoAnswerSettings };
  now(): number;
  newId(): string;
  /** Audio devices (features/devices): the microphone to open, and each call's media once it is up (for device switching). */
  media?: {
    microphone(): MediaTrackConstraints | true;
    callStarted(peerConnection: RTCPeerConnection, localStream: MediaStream | null): void;
  };
}

/** After a reconnect, how often and how far apart the ICE-restart re-INVITE is tried. */
export const RESTORE_ATTEMPTS = 4;
export const RESTORE_RETRY_MS = 2_000;

type LocalAction = 'answering' | 'declined' | 'hangup' | 'cancelled' | 'shutdown' | 'transferred';

interface CallRecord {
  id: string;
  session: Session;
  direction: CallDirection;
  number: string;
  name: string;
  answeredAt: number | null;
  /** Set just before we act, so Terminated knows who ended the call and how. */
  localAction: LocalAction | null;
  ended: boolean;
  hold: HoldState;
  muted: boolean;
  consultFor: string | null;
  autoAnswerTimer: ReturnType<typeof setTimeout> | null;
  /** Final status of an outbound INVITE that failed (486, 404, ...). */
  failureStatus: number | null;
  quality: QualityMonitor | null;
}

const mediaConstraints = (deps: CallControlDeps) => ({ constraints: { audio: deps.media?.microphone() ?? true, video: false } });

/**
 * Every call of the desk: incoming (with call waiting), outgoing, hold and
 * mute, DTMF, transfers, the three-way conference and auto-answer. Registration
 * and the transport stay in PhoneService, which hands incoming INVITEs here.
 */
export class CallControl {
  private readonly calls = new Map<string, CallRecord>();
  private foregroundId: string | null = null;
  private mixer: ConferenceMixerLike | null = null;
  private conferenceIds: string[] = [];

  constructor(
    private readonly sink: PhoneEventSink,
    private readonly deps: CallControlDeps,
    private readonly userAgent: () => UserAgent | null,
  ) {}

  /** Calls not yet ended. */
  live(): CallRecord[] {
    return [...this.calls.values()].filter((call) => !call.ended);
  }

  hasLiveCall(): boolean {
    return this.live().length > 0;
  }

  // --- Incoming ---------------------------------------------------------------------

  incoming(invitation: Invitation): void {
    mark('hotline:invite', invitation.request.callId);
    const busy = this.hasLiveCall();
    const remote = invitation.remoteIdentity;
    const { number, name } = callerIdentity(remote.uri.user, remote.displayName);
    const call = this.newRecord(invitation, 'inbound', number, name);
    const request = invitation.request;
    const requested = requestedAutoAnswer({
      callInfo: request.getHeaders('call-info'),
      alertInfo: request.getHeaders('alert-info'),
    });
    const delay = autoAnswerDelay(this.deps.preferences().autoAnswer, requested, busy);
    const startedAt = this.deps.now();
    const autoAnswerAt = delay === null ? null : startedAt + delay * 1000;
    invitation.stateChange.addListener((state) => this.onSessionState(call, state));
    this.sink.callRinging({ id: call.id, number, name, startedAt, direction: 'inbound', waiting: busy, autoAnswerAt });
    if (!busy) this.setForeground(call);
    if (delay !== null) {
      this.deps.beep();
      call.autoAnswerTimer = setTimeout(() => {
        call.autoAnswerTimer = null;
        void this.answer(call.id);
      }, delay * 1000);
    }
    if (busy) return; // call waiting: shown, not rung over the agent's conversation
    void this.deps.ringtone.start().then((playing) => {
      if (!playing && call.answeredAt === null && !call.ended) this.sink.notice('ringtoneBlocked');
    });
  }

  /** Answers a ringing call (the first ringing one by default). Other calls go on hold first. */
  async answer(id?: string): Promise<void> {
    const call = id ? this.calls.get(id) : this.live().find((c) => c.direction === 'inbound' && c.answeredAt === null);
    if (!call || call.ended || call.answeredAt !== null || call.localAction !== null) return;
    const invitation = call.session as Invitation;
    call.localAction = 'answering';
    this.clearAutoAnswer(call);
    this.deps.ringtone.stop();
    await this.holdOthers(call.id);
    try {
      await invitation.accept({ sessionDescriptionHandlerOptions: mediaConstraints(this.deps) });
    } catch {
      // sip.js has already answered the INVITE with an error and will report Terminated.
      this.sink.notice('answerFailed');
      if (invitation.state !== SessionState.Terminated) this.finish(call, 'system');
    }
  }

  async decline(id?: string): Promise<void> {
    const call = id ? this.calls.get(id) : this.live().find((c) => c.direction === 'inbound' && c.answeredAt === null);
    if (!call || call.ended || call.answeredAt !== null || call.localAction !== null || call.direction !== 'inbound') return;
    call.localAction = 'declined';
    this.clearAutoAnswer(call);
    if (call.id === this.foregroundId) this.deps.ringtone.stop();
    await (call.session as Invitation).reject({ statusCode: 603 }).catch(() => undefined);
  }

  // --- Outgoing ---------------------------------------------------------------------

  /** Places a call to a SIP URI. Returns the call id, or null if it could not start. */
  async dial(targetUri: string, display: string, consultFor: string | null = null): Promise<string | null> {
    const userAgent = this.userAgent();
    const target = this.deps.makeUri(targetUri);
    if (!userAgent || !target) {
      this.sink.notice(userAgent ? 'dialFailed' : 'notConnected');
      return null;
    }
    await this.holdOthers(null);
    const inviter = this.deps.createInviter(userAgent, target, { sessionDescriptionHandlerOptions: mediaConstraints(this.deps) });
    const call = this.newRecord(inviter, 'outbound', display, '');
    call.consultFor = consultFor;
    inviter.stateChange.addListener((state) => this.onSessionState(call, state));
    this.sink.callDialing?.({
      id: call.id,
      number: display,
      name: '',
      startedAt: this.deps.now(),
      direction: 'outbound',
      consultFor,
    });
    this.setForeground(call);
    try {
      await inviter.invite({
        requestDelegate: {
          onProgress: (response) => {
            const code = response.message.statusCode ?? 0;
            if (code === 180 || code === 183) this.update(call, { remoteRinging: true });
          },
          onReject: (response) => {
            call.failureStatus = response.message.statusCode ?? null;
          },
        },
      });
    } catch {
      this.sink.notice('dialFailed');
      if (inviter.state !== SessionState.Terminated) this.finish(call, 'system');
      return null;
    }
    return call.id;
  }

  // --- During a call ------------------------------------------------------------------

  async hangup(id?: string): Promise<void> {
    const call = this.pick(id);
    if (!call || call.ended) return;
    if (call.answeredAt === null) {
      if (call.direction === 'inbound') return this.decline(call.id);
      call.localAction = 'cancelled';
      await (call.session as Inviter).cancel().catch(() => undefined);
      return;
    }
    call.localAction = 'hangup';
    try {
      await call.session.bye();
    } catch {
      // The dialog is already gone (remote BYE crossed ours); Terminated follows or has happened.
      if (call.session.state !== SessionState.Terminated) this.finish(call, 'agent');
    }
  }

  async hold(id?: string): Promise<boolean> {
    const call = this.pick(id);
    if (!call || call.ended || call.answeredAt === null) return false;
    if (call.hold === 'held' || call.hold === 'holding') return call.hold === 'held';
    if (this.conferenceIds.includes(call.id)) await this.endConference();
    this.update(call, { hold: 'holding' });
    const result = await sendReinvite(call.session, { hold: true });
    return this.settleHold(call, result.media, result.ok ? null : 'holdFailed');
  }

  /** Takes a held call back; any other talking call goes on hold first (swap). */
  async resume(id?: string): Promise<boolean> {
    const call = id ? this.calls.get(id) : this.live().find((c) => c.hold === 'held');
    if (!call || call.ended || call.answeredAt === null) return false;
    if (call.hold !== 'held' && call.hold !== 'remote-held') {
      this.setForeground(call);
      return true;
    }
    await this.holdOthers(call.id);
    this.update(call, { hold: 'resuming' });
    const result = await sendReinvite(call.session, { hold: false });
    const resumed = this.settleHold(call, result.media, result.ok ? null : 'resumeFailed');
    if (resumed) this.setForeground(call);
    return resumed;
  }

  setMuted(muted: boolean, id?: string): void {
    const call = this.pick(id);
    if (!call || call.ended) return;
    const targets = this.conferenceIds.includes(call.id)
      ? this.conferenceIds.map((cid) => this.calls.get(cid)).filter((c): c is CallRecord => !!c)
      : [call];
    for (const target of targets) {
      target.muted = muted;
      // The microphone track itself: in a conference it feeds both mixes.
      for (const track of localAudioTracks(target.session)) track.enabled = !muted;
      if (!this.conferenceIds.includes(target.id)) applyHoldToTracks(target.session, isHeld(target.hold), muted);
      this.update(target, { muted });
    }
  }

  /** Digits from the keypad or keyboard, sent the configured way. Returns false if they could not be sent. */
  async sendDtmf(digits: string, id?: string): Promise<boolean> {
    const call = this.pick(id);
    if (!call || call.ended || call.answeredAt === null) return false;
    const valid = [...digits].filter(isDtmfDigit).join('');
    if (!valid) return false;
    try {
      if (this.deps.preferences().dtmfMode === 'info') {
        for (const digit of valid) await sendDtmfInfo(call.session, digit);
        return true;
      }
      if (sendDtmfRtp(peerConnectionOf(call.session), valid)) return true;
    } catch {
      // fall through to the notice
    }
    this.sink.notice('dtmfFailed');
    return false;
  }

  // --- Transfers ----------------------------------------------------------------------

  /** REFER the call to `targetUri`; the call leaves the desk once the transferee accepts. */
  async blindTransfer(targetUri: string, id?: string): Promise<boolean> {
    const call = this.pick(id);
    const target = this.deps.makeUri(targetUri);
    if (!call || call.ended || call.answeredAt === null || !target) return false;
    this.update(call, { transfer: 'blind' });
    const { outcome } = await refer(call.session, target, { waitForResult: false });
    if (outcome !== 'accepted') {
      this.update(call, { transfer: null });
      this.sink.notice(outcome === 'rejected' ? 'transferRejected' : 'transferFailed');
      return false;
    }
    call.localAction = 'transferred';
    await call.session.bye().catch(() => undefined);
    return true;
  }

  /** Attended transfer, step 1: hold the call and dial the colleague. Returns the consult call's id. */
  async startConsult(targetUri: string, display: string, id?: string): Promise<string | null> {
    const call = this.pick(id);
    if (!call || call.ended || call.answeredAt === null) return null;
    this.update(call, { transfer: 'consulting' });
    const consultId = await this.dial(targetUri, display, call.id);
    if (!consultId) this.update(call, { transfer: null });
    return consultId;
  }

  /** Step 2: REFER the original call to the consulted party with Replaces. Falls back on failure. */
  async completeTransfer(consultId: string): Promise<boolean> {
    const consult = this.calls.get(consultId);
    const original = consult?.consultFor ? this.calls.get(consult.consultFor) : undefined;
    if (!consult || !original || consult.ended || original.ended || consult.answeredAt === null) return false;
    this.update(original, { transfer: 'completing' });
    const { outcome } = await refer(original.session, consult.session, { waitForResult: true });
    if (outcome !== 'accepted') {
      // Fall back: both calls stay as they were; the agent can go back to the caller.
      this.update(original, { transfer: 'consulting' });
      this.sink.notice(outcome === 'rejected' ? 'transferRejected' : 'transferFailed');
      return false;
    }
    original.localAction = 'transferred';
    consult.localAction = 'transferred';
    await original.session.bye().catch(() => undefined);
    // The target replaces our consult leg and ends it; end it ourselves if it does not.
    if (!consult.ended) await consult.session.bye().catch(() => undefined);
    return true;
  }

  /** Cancel an attended transfer: end the consultation and take the caller back. */
  async cancelConsult(consultId: string): Promise<void> {
    const consult = this.calls.get(consultId);
    const originalId = consult?.consultFor;
    if (consult && !consult.ended) await this.hangup(consult.id);
    const original = originalId ? this.calls.get(originalId) : undefined;
    if (original && !original.ended) {
      this.update(original, { transfer: null });
      await this.resume(original.id);
    }
  }

  // --- Conference -----------------------------------------------------------------------

  /** Joins the two answered calls (the caller and, typically, the consulted colleague). */
  async conference(): Promise<boolean> {
    const legs = this.live().filter((c) => c.answeredAt !== null);
    if (legs.length !== 2) {
      this.sink.notice('conferenceFailed');
      return false;
    }
    for (const leg of legs) {
      if (isHeld(leg.hold)) {
        this.update(leg, { hold: 'resuming' });
        const result = await sendReinvite(leg.session, { hold: false });
        if (!this.settleHold(leg, result.media, result.ok ? null : 'resumeFailed')) return false;
      }
    }
    const mixerLegs = legs.map((leg) => {
      const pc = peerConnectionOf(leg.session);
      const remoteStream = remoteStreamOf(leg.session);
      const micTrack = localAudioTracks(leg.session)[0];
      return pc && remoteStream && micTrack ? { id: leg.id, peerConnection: pc, remoteStream, micTrack } : null;
    });
    if (mixerLegs.some((leg) => leg === null)) {
      this.sink.notice('conferenceFailed');
      return false;
    }
    try {
      this.mixer ??= this.deps.createMixer();
      const first = legs[0]!;
      this.setForeground(first);
      await this.mixer.start(mixerLegs as NonNullable<(typeof mixerLegs)[number]>[]);
    } catch {
      this.sink.notice('conferenceFailed');
      return false;
    }
    this.conferenceIds = legs.map((leg) => leg.id);
    for (const leg of legs) this.update(leg, { conference: true, transfer: null });
    return true;
  }

  /** The conference ends (a leg hung up, or the agent holds one); the other call stays up. */
  private async endConference(): Promise<void> {
    const ids = this.conferenceIds;
    this.conferenceIds = [];
    await this.mixer?.stop().catch(() => undefined);
    for (const id of ids) {
      const call = this.calls.get(id);
      if (call && !call.ended) this.update(call, { conference: false });
    }
  }

  /** The foreground answered call's microphone and remote streams (for live guidance). */
  foregroundStreams(): { local: MediaStream | null; remote: MediaStream | null } {
    const call = this.foregroundId ? this.calls.get(this.foregroundId) : undefined;
    if (!call || call.ended || call.answeredAt === null) return { local: null, remote: null };
    const handler = call.session.sessionDescriptionHandler as { localMediaStream?: MediaStream } | undefined;
    return { local: handler?.localMediaStream ?? null, remote: remoteStreamOf(call.session) };
  }

  // --- Connectivity -------------------------------------------------------------------

  /**
   * After a reconnect: re-INVITE every answered call with an ICE restart so media
   * follows the new network path. The far end may need a moment to be reachable
   * again itself (it lost the same server), so a failed attempt is retried.
   */
  async restoreMedia(attempts = RESTORE_ATTEMPTS): Promise<void> {
    for (const call of this.live().filter((c) => c.answeredAt !== null)) {
      let ok = false;
      for (let attempt = 0; attempt < attempts && !ok && !call.ended; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, RESTORE_RETRY_MS));
        if (call.ended || !this.userAgent()) return;
        const result = await sendReinvite(call.session, { hold: isHeld(call.hold), iceRestart: true });
        ok = result.ok;
      }
      if (!ok && !call.ended) this.sink.notice('mediaRestoreFailed');
      const stream = remoteStreamOf(call.session);
      if (stream && call.id === this.foregroundId) this.deps.remoteAudio.attach(stream);
    }
  }

  /** The UA is going away: every call ends for the agent. */
  shutdown(): void {
    for (const call of this.live()) {
      call.localAction = 'shutdown';
    }
  }

  finishAll(): void {
    for (const call of this.live()) this.finish(call, 'system');
  }

  // --- Internals ----------------------------------------------------------------------

  private newRecord(session: Session, direction: CallDirection, number: string, name: string): CallRecord {
    const call: CallRecord = {
      id: this.deps.newId(),
      session,
      direction,
      number,
      name,
      answeredAt: null,
      localAction: null,
      ended: false,
      hold: 'active',
      muted: false,
      consultFor: null,
      autoAnswerTimer: null,
      failureStatus: null,
      quality: null,
    };
    this.calls.set(call.id, call);
    return call;
  }

  /** The default target of an action: the given call, else the foreground call, else the only live one. */
  private pick(id?: string): CallRecord | undefined {
    if (id) return this.calls.get(id);
    const foreground = this.foregroundId ? this.calls.get(this.foregroundId) : undefined;
    if (foreground && !foreground.ended) return foreground;
    return this.live()[0];
  }

  private async holdOthers(exceptId: string | null): Promise<void> {
    for (const other of this.live()) {
      if (other.id === exceptId || other.answeredAt === null || isHeld(other.hold)) continue;
      if (this.conferenceIds.includes(other.id)) continue;
      await this.hold(other.id);
    }
  }

  private setForeground(call: CallRecord): void {
    this.foregroundId = call.id;
    if (call.answeredAt !== null) {
      const stream = remoteStreamOf(call.session);
      if (stream) this.deps.remoteAudio.attach(stream);
    }
    this.sink.foreground?.(call.id);
  }

  private settleHold(call: CallRecord, media: MediaState, failure: PhoneNotice | null): boolean {
    const hold: HoldState = isHeldByUs(media) ? 'held' : media === 'remote-held' ? 'remote-held' : 'active';
    call.hold = hold;
    applyHoldToTracks(call.session, isHeld(hold), call.muted);
    this.update(call, { hold });
    if (failure) this.sink.notice(failure);
    return failure === null;
  }

  private update(call: CallRecord, change: Partial<CallControlState>): void {
    if (change.hold) call.hold = change.hold;
    if (!call.ended) this.sink.callUpdated?.(call.id, change);
  }

  private clearAutoAnswer(call: CallRecord): void {
    if (call.autoAnswerTimer) clearTimeout(call.autoAnswerTimer);
    call.autoAnswerTimer = null;
  }

  private onSessionState(call: CallRecord, state: SessionState): void {
    if (call.ended) return;
    if (state === SessionState.Established && call.answeredAt === null) {
      call.answeredAt = this.deps.now();
      this.clearAutoAnswer(call);
      if (call.id === this.foregroundId || call.direction === 'inbound') this.deps.ringtone.stop();
      this.sink.callAnswered(call.id, call.answeredAt);
      this.setForeground(call);
      call.quality = new QualityMonitor(
        () => peerConnectionOf(call.session),
        (quality) => this.update(call, { quality }),
      );
      call.quality.start();
      const peerConnection = peerConnectionOf(call.session);
      if (peerConnection) this.deps.media?.callStarted(peerConnection, localStreamOf(call.session));
    } else if (state === SessionState.Terminated) {
      if (call.direction === 'outbound' && call.answeredAt === null && call.localAction === null) {
        // sip.js moves an Inviter to Terminated before it calls our onReject with the final
        // status (486, 480, ...): finish after the current call stack, once the status is known.
        queueMicrotask(() => this.finish(call, 'remote'));
      } else {
        this.finish(call, 'remote');
      }
    }
  }

  /** Decides outcome and who ended it from what we know, then reports once. */
  private finish(call: CallRecord, fallbackEndedBy: CallEndedBy): void {
    if (call.ended) return;
    call.ended = true;
    this.clearAutoAnswer(call);
    call.quality?.stop();
    const wasForeground = call.id === this.foregroundId;
    if (wasForeground) {
      this.deps.ringtone.stop();
      this.deps.remoteAudio.detach();
      this.foregroundId = null;
    }
    if (this.conferenceIds.includes(call.id)) void this.endConference();
    const { outcome, endedBy } = classifyEnd(call, fallbackEndedBy);
    if (call.direction === 'outbound' && call.answeredAt === null && call.failureStatus !== null) {
      this.sink.notice(call.failureStatus === 486 || call.failureStatus === 600 ? 'dialBusy' : call.failureStatus === 404 ? 'dialNotFound' : 'dialFailed');
    }
    this.sink.callEnded(call.id, {
      endedAt: this.deps.now(),
      outcome,
      endedBy,
      quality: call.quality?.summary() ?? null,
      transferred: call.localAction === 'transferred',
    });
    this.calls.delete(call.id);
    // The consultation ended without a transfer: the caller is still on hold, waiting.
    for (const other of this.live()) {
      if (other.id === call.consultFor) this.update(other, { transfer: null });
    }
    if (wasForeground) {
      const next = this.live().find((c) => c.answeredAt !== null && !isHeld(c.hold)) ?? null;
      if (next) this.setForeground(next);
    }
  }
}

function isHeld(hold: HoldState): boolean {
  return hold === 'held' || hold === 'holding';
}

function classifyEnd(call: CallRecord, fallbackEndedBy: CallEndedBy): { outcome: CallOutcome; endedBy: CallEndedBy } {
  if (call.answeredAt !== null) {
    if (call.localAction === 'hangup' || call.localAction === 'transferred') return { outcome: 'answered', endedBy: 'agent' };
    if (call.localAction === 'shutdown') return { outcome: 'answered', endedBy: 'system' };
    return { outcome: 'answered', endedBy: fallbackEndedBy };
  }
  if (call.direction === 'outbound') {
    if (call.localAction === 'cancelled') return { outcome: 'missed', endedBy: 'agent' };
    if (call.localAction === 'shutdown') return { outcome: 'failed', endedBy: 'system' };
    // The far end did not take the call: busy, rang out, or refused (not found, declined...).
    if (call.failureStatus === null) return { outcome: 'failed', endedBy: 'system' };
    return { outcome: outboundFailureOutcome(call.failureStatus), endedBy: 'remote' };
  }
  switch (call.localAction) {
    case 'declined':
      return { outcome: 'declined', endedBy: 'agent' };
    case 'answering':
      return { outcome: 'failed', endedBy: 'system' };
    case 'shutdown':
      return { outcome: 'missed', endedBy: 'system' };
    default:
      // The caller hung up (CANCEL) while it rang.
      return { outcome: 'missed', endedBy: 'remote' };
  }
}

/**
 * An outbound INVITE's final failure status as a call-log outcome: 486 Busy
 * Here / 600 Busy Everywhere → busy; 480 Temporarily Unavailable / 408 Request
 * Timeout (the proxy's or callee's no-answer timer) → no-answer; anything else
 * the far end answered with (404, 603, ...) → declined.
 */
export function outboundFailureOutcome(status: number): CallOutcome {
  if (status === 486 || status === 600) return 'busy';
  if (status === 480 || status === 408) return 'no-answer';
  return 'declined';
}

/** The web SessionDescriptionHandler exposes the remote and local streams; the API type does not. */
function remoteStreamOf(session: Session): MediaStream | null {
  const handler = session.sessionDescriptionHandler as { remoteMediaStream?: MediaStream } | undefined;
  return handler?.remoteMediaStream ?? null;
}

function localStreamOf(session: Session): MediaStream | null {
  return (session.sessionDescriptionHandler as { localMediaStream?: MediaStream } | undefined)?.localMediaStream ?? null;
}

function localAudioTracks(session: Session): MediaStreamTrack[] {
  const handler = session.sessionDescriptionHandler as { localMediaStream?: MediaStream } | undefined;
  return handler?.localMediaStream?.getAudioTracks() ?? [];
}

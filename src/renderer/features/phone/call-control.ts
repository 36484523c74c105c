import { SessionState, type Invitation, type InviterOptions, type Inviter, type Session, type URI, type UserAgent } from 'sip.js';
import type { CallEvent } from '../../../shared/domain/call';
import type { CallDirection } from '../../../shared/domain/call-log';
import { PRACTICE_HEADER, practiceHeaderLine, trustedPracticeScenario } from '../../../shared/practice';
import { afterPaint, mark } from '../../base/perf-marks';
import { autoAnswerDelay, requestedAutoAnswer, type AutoAnswerSettings } from './auto-answer';
import { callerIdentity } from './caller-identity';
import { ConferenceControl } from './conference-control';
import type { ConferenceMixerLike } from './conference-mixer';
import type { DtmfMode } from './dtmf';
import type { PhoneNotice } from './phone-events';
import { isHeld, SipCall, type CallOutput } from './sip-call';
import { TransferControl } from './transfer-control';

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
    /** An incoming call rings: open the microphone now, for its answer (closed again when the call ends). */
    ringing?(session: Session, constraints: MediaStreamConstraints): void;
    ended?(session: Session): void;
  };
}

/** After a reconnect, how often and how far apart the ICE-restart re-INVITE is tried. */
export const RESTORE_ATTEMPTS = 4;
export const RESTORE_RETRY_MS = 2_000;

/**
 * The desk's SIP calls: incoming (with call waiting) and outgoing, which one
 * is in front (its audio plays), the ringtone, hold-the-others, and the
 * conference and transfers as collaborators. Each call is a SipCall with its
 * own state machine; every change leaves as a CallEvent.
 */
export class CallControl {
  private readonly calls = new Map<string, SipCall>();
  private foregroundId: string | null = null;
  private readonly conference: ConferenceControl;
  private readonly transfers: TransferControl;
  private readonly output: CallOutput;

  constructor(
    private readonly emit: (event: CallEvent<MediaStream>) => void,
    private readonly notify: (notice: PhoneNotice) => void,
    private readonly deps: CallControlDeps,
    private readonly userAgent: () => UserAgent | null,
  ) {
    this.output = { event: (event) => this.onCallEvent(event), notice: notify };
    this.conference = new ConferenceControl(() => deps.createMixer());
    this.transfers = new TransferControl({
      get: (id) => this.calls.get(id),
      dial: (target, display, consultFor) => this.dial(target, display, consultFor),
      resume: (id) => this.resume(id),
      hangup: (id) => this.hangup(id),
      notice: notify,
    });
  }

  /** Calls not yet ended. */
  live(): SipCall[] {
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
    const call = this.newCall(invitation, 'inbound', number, name);
    const request = invitation.request;
    const requested = requestedAutoAnswer({ callInfo: request.getHeaders('call-info'), alertInfo: request.getHeaders('alert-info') });
    const delay = autoAnswerDelay(this.deps.preferences().autoAnswer, requested, busy);
    // A trainer playing the caller (issue 14): trusted only as shared/practice/live-practice.ts says.
    call.practiceScenario = trustedPracticeScenario({
      headerValues: request.getHeaders(PRACTICE_HEADER),
      fromHost: remote.uri.host,
      ownDomain: this.userAgent()?.configuration.uri.host ?? null,
    });
    const practice = call.practiceScenario !== null;
    const startedAt = this.deps.now();
    this.emit({
      type: 'ringing',
      callId: call.id,
      source: 'sip',
      direction: 'inbound',
      caller: { number, name },
      at: startedAt,
      waiting: busy,
      autoAnswerAt: delay === null ? null : startedAt + delay * 1000,
      consultFor: null,
      practice,
    });
    if (!busy) this.setForeground(call);
    const media = this.deps.media;
    if (media?.ringing) afterPaint(() => {
      if (call.canAnswer()) media.ringing?.(invitation, this.constraints());
    });
    if (delay !== null) {
      this.deps.beep();
      call.autoAnswerIn(delay * 1000, () => void this.answer(call.id));
    }
    if (busy) return; // call waiting: shown, not rung over the agent's conversation
    void this.deps.ringtone.start().then((playing) => {
      if (!playing && !call.answered && !call.ended) this.notify('ringtoneBlocked');
    });
  }

  /** The scenario a trainer plays on this incoming live practice call (for the trainee's result), or null. */
  practiceScenarioOf(id: string): string | null {
    return this.calls.get(id)?.practiceScenario ?? null;
  }

  /** Answers a ringing call (the first ringing one by default). Other calls go on hold first. */
  async answer(id?: string): Promise<void> {
    const call = id ? this.calls.get(id) : this.live().find((c) => c.canAnswer());
    if (!call?.canAnswer()) return;
    call.localAction = 'answering';
    call.clearAutoAnswer();
    this.deps.ringtone.stop();
    await this.holdOthers(call.id);
    await call.accept(this.constraints());
  }

  async decline(id?: string): Promise<void> {
    const call = id ? this.calls.get(id) : this.live().find((c) => c.canAnswer());
    if (!call?.canAnswer()) return;
    if (call.id === this.foregroundId) this.deps.ringtone.stop();
    await call.decline();
  }

  // --- Outgoing ---------------------------------------------------------------------

  /**
   * Places a call to a SIP URI. Returns the call id, or null if it could not start.
   * `practiceScenario`: the trainer plays that scenario's caller to the trainee (a practice call on both desks).
   */
  async dial(targetUri: string, display: string, consultFor: string | null = null, practiceScenario: string | null = null): Promise<string | null> {
    const userAgent = this.userAgent();
    const target = this.deps.makeUri(targetUri);
    if (!userAgent || !target) {
      this.notify(userAgent ? 'dialFailed' : 'notConnected');
      return null;
    }
    await this.holdOthers(null);
    const inviter = this.deps.createInviter(userAgent, target, {
      sessionDescriptionHandlerOptions: { constraints: this.constraints() },
      ...(practiceScenario === null ? {} : { extraHeaders: [practiceHeaderLine(practiceScenario)] }),
    });
    const call = this.newCall(inviter, 'outbound', display, '');
    call.consultFor = consultFor;
    this.emit({
      type: 'ringing',
      callId: call.id,
      source: 'sip',
      direction: 'outbound',
      caller: { number: display, name: '' },
      at: this.deps.now(),
      waiting: false,
      autoAnswerAt: null,
      consultFor,
      practice: practiceScenario !== null,
    });
    this.setForeground(call);
    try {
      await inviter.invite({
        requestDelegate: {
          onProgress: (response) => {
            const code = response.message.statusCode ?? 0;
            if (code === 180 || code === 183) call.update({ remoteRinging: true });
          },
          onReject: (response) => {
            call.failureStatus = response.message.statusCode ?? null;
          },
        },
      });
    } catch {
      this.notify('dialFailed');
      if (inviter.state !== SessionState.Terminated) call.finish('system');
      return null;
    }
    return call.id;
  }

  // --- During a call ------------------------------------------------------------------

  async hangup(id?: string): Promise<void> {
    await this.pick(id)?.hangup();
  }

  async hold(id?: string): Promise<boolean> {
    const call = this.pick(id);
    if (!call || call.ended || !call.answered) return false;
    if (call.hold === 'held' || call.hold === 'holding') return call.hold === 'held';
    if (this.conference.includes(call.id)) await this.endConference();
    return call.setHold(true);
  }

  /** Takes a held call back; any other talking call goes on hold first (swap). */
  async resume(id?: string): Promise<boolean> {
    const call = id ? this.calls.get(id) : this.live().find((c) => c.hold === 'held');
    if (!call || call.ended || !call.answered) return false;
    if (call.hold !== 'held' && call.hold !== 'remote-held') {
      this.setForeground(call);
      return true;
    }
    await this.holdOthers(call.id);
    const resumed = await call.setHold(false);
    if (resumed) this.setForeground(call);
    return resumed;
  }

  setMuted(muted: boolean, id?: string): void {
    const call = this.pick(id);
    if (!call || call.ended) return;
    const inConference = this.conference.includes(call.id);
    const targets = inConference ? this.live().filter((c) => this.conference.includes(c.id)) : [call];
    for (const target of targets) target.setMuted(muted, inConference);
  }

  /** Digits from the keypad or keyboard, sent the configured way. Returns false if they could not be sent. */
  async sendDtmf(digits: string, id?: string): Promise<boolean> {
    const call = this.pick(id);
    return call ? call.sendDtmf(digits, this.deps.preferences().dtmfMode) : false;
  }

  // --- Transfers and the conference ---------------------------------------------------

  async blindTransfer(targetUri: string, id?: string): Promise<boolean> {
    const call = this.pick(id);
    const target = this.deps.makeUri(targetUri);
    return call && target ? this.transfers.blind(call, target) : false;
  }

  async startConsult(targetUri: string, display: string, id?: string): Promise<string | null> {
    const call = this.pick(id);
    return call ? this.transfers.consult(call, targetUri, display) : null;
  }

  completeTransfer(consultId: string): Promise<boolean> {
    return this.transfers.complete(consultId);
  }

  cancelConsult(consultId: string): Promise<void> {
    return this.transfers.cancel(consultId);
  }

  /** Joins the two answered calls (the caller and, typically, the consulted colleague). */
  async conferenceCalls(): Promise<boolean> {
    const legs = this.live().filter((c) => c.answered);
    if (legs.length !== 2) {
      this.notify('conferenceFailed');
      return false;
    }
    for (const leg of legs) {
      if (isHeld(leg.hold) && !(await leg.setHold(false))) return false;
    }
    this.setForeground(legs[0]!);
    if (!(await this.conference.start(legs))) {
      this.notify('conferenceFailed');
      return false;
    }
    const at = this.deps.now();
    for (const leg of legs) {
      this.emit({ type: 'conferenced', callId: leg.id, at, with: legs.filter((other) => other !== leg).map((other) => other.id) });
    }
    return true;
  }

  /** The conference ends (a leg hung up, or the agent holds one); the other call stays up. */
  private async endConference(): Promise<void> {
    for (const id of await this.conference.end()) {
      const call = this.calls.get(id);
      if (call && !call.ended) call.update({ conference: false });
    }
  }

  // --- Connectivity -------------------------------------------------------------------

  /**
   * After a reconnect: re-INVITE every answered call with an ICE restart so media
   * follows the new network path. The far end may need a moment to be reachable
   * again itself (it lost the same server), so a failed attempt is retried.
   */
  async restoreMedia(attempts = RESTORE_ATTEMPTS): Promise<void> {
    for (const call of this.live().filter((c) => c.answered)) {
      let ok = false;
      for (let attempt = 0; attempt < attempts && !ok && !call.ended; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, RESTORE_RETRY_MS));
        if (call.ended || !this.userAgent()) return;
        ok = await call.restoreMedia();
      }
      if (!ok && !call.ended) this.notify('mediaRestoreFailed');
      const stream = call.media().remote;
      if (stream && call.id === this.foregroundId) this.deps.remoteAudio.attach(stream);
    }
  }

  /**
   * The link to the server dropped: a call still ringing can never be answered
   * (the 200 OK has no way back), so it ends at once and the agent is told why,
   * instead of ringing on until sip.js's no-answer timer.
   */
  endRingingCalls(notice: PhoneNotice): void {
    const ringing = this.live().filter((call) => call.direction === 'inbound' && !call.answered);
    if (ringing.length === 0) return;
    for (const call of ringing) {
      call.localAction = 'shutdown';
      call.finish('system');
    }
    this.notify(notice);
  }

  /** The UA is going away: every call ends for the agent. */
  shutdown(): void {
    for (const call of this.live()) call.localAction = 'shutdown';
  }

  finishAll(): void {
    for (const call of this.live()) call.finish('system');
  }

  // --- Internals ----------------------------------------------------------------------

  private constraints(): MediaStreamConstraints {
    return { audio: this.deps.media?.microphone() ?? true, video: false };
  }

  private newCall(session: Session, direction: CallDirection, number: string, name: string): SipCall {
    const call = new SipCall(this.deps.newId(), session, direction, number, name, this.output, () => this.deps.now());
    this.calls.set(call.id, call);
    session.stateChange.addListener((state) => this.onSessionState(call, state));
    return call;
  }

  /** The default target of an action: the given call, else the foreground call, else the only live one. */
  private pick(id?: string): SipCall | undefined {
    if (id) return this.calls.get(id);
    const foreground = this.foregroundId ? this.calls.get(this.foregroundId) : undefined;
    if (foreground && !foreground.ended) return foreground;
    return this.live()[0];
  }

  private async holdOthers(exceptId: string | null): Promise<void> {
    for (const other of this.live()) {
      if (other.id === exceptId || !other.answered || isHeld(other.hold)) continue;
      if (this.conference.includes(other.id)) continue;
      await this.hold(other.id);
    }
  }

  private setForeground(call: SipCall): void {
    this.foregroundId = call.id;
    if (call.answered) {
      const stream = call.media().remote;
      if (stream) this.deps.remoteAudio.attach(stream);
    }
    this.emit({ type: 'foreground', callId: call.id });
  }

  private onSessionState(call: SipCall, state: SessionState): void {
    if (call.ended) return;
    if (state === SessionState.Established && !call.answered) {
      if (call.id === this.foregroundId || call.direction === 'inbound') this.deps.ringtone.stop();
      call.established();
      this.setForeground(call);
      const peerConnection = call.peerConnection();
      if (peerConnection) this.deps.media?.callStarted(peerConnection, call.media().local);
    } else if (state === SessionState.Terminated) {
      this.deps.media?.ended?.(call.session);
      if (call.direction === 'outbound' && !call.answered && call.localAction === null) {
        // sip.js moves an Inviter to Terminated before it calls our onReject with the final
        // status (486, 480, ...): finish after the current call stack, once the status is known.
        queueMicrotask(() => call.finish('remote'));
      } else {
        call.finish('remote');
      }
    }
  }

  /** Every event of every call passes here on its way out; an end also tidies up around the call. */
  private onCallEvent(event: CallEvent<MediaStream>): void {
    if (event.type !== 'ended') {
      this.emit(event);
      return;
    }
    const call = this.calls.get(event.callId);
    const wasForeground = event.callId === this.foregroundId;
    if (wasForeground) {
      this.deps.ringtone.stop();
      this.deps.remoteAudio.detach();
      this.foregroundId = null;
    }
    if (this.conference.includes(event.callId)) void this.endConference();
    this.emit(event);
    this.calls.delete(event.callId);
    // The consultation ended without a transfer: the caller is still on hold, waiting.
    for (const other of this.live()) {
      if (call && other.id === call.consultFor) other.update({ transfer: null });
    }
    if (wasForeground) {
      const next = this.live().find((c) => c.answered && !isHeld(c.hold));
      if (next) this.setForeground(next);
    }
  }
}

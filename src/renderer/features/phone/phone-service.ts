import {
  RegistererState,
  SessionState,
  type Invitation,
  type Registerer,
  type URI,
  type UserAgent,
  type UserAgentOptions,
} from 'sip.js';
import type { CallEndedBy, CallOutcome } from '../../../shared/domain/call-log';
import type { SipAccount } from '../../../shared/domain/settings';
import { backoffDelayMs } from './backoff';
import { callerIdentity } from './caller-identity';
import type { PhoneEventSink } from './phone-events';
import { shouldRetry, reasonForRegisterStatus } from './sip-failure';
import { withTimeout } from './with-timeout';

export const CONNECT_TIMEOUT_MS = 10_000;
export const REGISTER_TIMEOUT_MS = 10_000;
export const STOP_TIMEOUT_MS = 3_000;

/** Everything the service touches outside itself, so tests can hand in fakes. */
export interface PhoneDeps {
  createUserAgent(options: UserAgentOptions): UserAgent;
  createRegisterer(userAgent: UserAgent): Registerer;
  makeUri(text: string): URI | undefined;
  ringtone: { start(): Promise<boolean>; stop(): void };
  remoteAudio: { attach(stream: MediaStream): void; detach(): void };
  now(): number;
  newId(): string;
  random(): number;
}

/** One incoming call, from INVITE to Terminated. */
interface CallRecord {
  id: string;
  invitation: Invitation;
  answeredAt: number | null;
  /** Set just before we act, so Terminated knows who ended the call and how. */
  localAction: 'answering' | 'declined' | 'hangup' | 'shutdown' | null;
  ended: boolean;
}

type Timer = ReturnType<typeof setTimeout>;

/**
 * The softphone: sip.js UserAgent + Registerer + Invitation behind a small API,
 * with our own registration state machine (sip.js 0.21 does not re-REGISTER
 * after a reconnect, and its Registerer can get stuck; see TEST-LAB.md).
 *
 * Every UserAgent gets a generation number; callbacks from an older generation
 * (a UA that stop() already abandoned) are ignored, so a restart can never be
 * confused by late events from the previous account.
 */
export class PhoneService {
  private account: SipAccount | null = null;
  private password: string | null = null;

  private generation = 0;
  private userAgent: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private connected = false;
  private registered = false;
  /** Bumped per REGISTER we send; a late answer to an abandoned one is ignored. */
  private registerAttempt = 0;
  private registerTimer: Timer | null = null;
  private retryTimer: Timer | null = null;
  /** Consecutive failures, for the backoff; reset once registered. */
  private failures = 0;

  private call: CallRecord | null = null;

  constructor(
    private readonly sink: PhoneEventSink,
    private readonly deps: PhoneDeps,
  ) {}

  configure(account: SipAccount, password: string | null): void {
    this.account = account;
    this.password = password;
  }

  /** (Re)starts with the configured account. Any previous UA is stopped first. */
  async start(): Promise<void> {
    await this.stop();
    const account = this.account;
    if (!account) return;
    const generation = ++this.generation;
    this.sink.registration({ type: 'start' });

    const uri = this.deps.makeUri(account.sipUri);
    if (!uri) {
      // The settings schema already validates the URI; this is only a guard.
      this.sink.registration({ type: 'register-rejected', statusCode: 0 });
      return;
    }
    this.userAgent = this.deps.createUserAgent({
      uri,
      displayName: account.displayName || undefined,
      authorizationUsername: account.authUser,
      authorizationPassword: this.password ?? undefined,
      transportOptions: { server: account.wsServer, connectionTimeout: 5 },
      logLevel: 'warn',
      // sip.js's own reconnection is off by default (reconnectionAttempts 0) and must
      // stay off: it would not re-REGISTER afterwards. We reconnect in scheduleRetry.
      delegate: {
        onDisconnect: (error) => this.onTransportLost(generation, error),
        onInvite: (invitation) => this.onInvite(generation, invitation),
      },
    });
    await this.connect(generation, true);
  }

  /** Stops everything; bounded in time, because `UserAgent.stop()` can hang. */
  async stop(): Promise<void> {
    this.generation++;
    this.clearTimers();
    const userAgent = this.userAgent;
    const wasRunning = userAgent !== null;
    this.userAgent = null;
    this.registerer = null;
    this.connected = false;
    this.registered = false;
    this.failures = 0;
    if (this.call && !this.call.ended) this.call.localAction = 'shutdown';
    if (userAgent) {
      try {
        // Ends sessions, un-REGISTERs and closes the WebSocket.
        await withTimeout(userAgent.stop(), STOP_TIMEOUT_MS, 'UserAgent.stop');
      } catch {
        // Stuck: drop the socket ourselves so the server sees us go.
        await userAgent.transport.disconnect().catch(() => undefined);
      }
    }
    // A call whose session never reported Terminated still has to end for the agent.
    if (this.call && !this.call.ended) this.finishCall(this.call, 'system');
    if (wasRunning) this.sink.registration({ type: 'stop' });
  }

  async answer(): Promise<void> {
    const call = this.call;
    if (!call || call.ended || call.answeredAt !== null || call.localAction !== null) return;
    call.localAction = 'answering';
    this.deps.ringtone.stop();
    try {
      await call.invitation.accept({
        sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
      });
    } catch {
      // sip.js has already answered the INVITE with an error and will report Terminated.
      this.sink.notice('answerFailed');
      if (call.invitation.state !== SessionState.Terminated) this.finishCall(call, 'system');
    }
  }

  async decline(): Promise<void> {
    const call = this.call;
    if (!call || call.ended || call.answeredAt !== null || call.localAction !== null) return;
    call.localAction = 'declined';
    this.deps.ringtone.stop();
    await call.invitation.reject({ statusCode: 603 }).catch(() => undefined);
  }

  async hangup(): Promise<void> {
    const call = this.call;
    if (!call || call.ended) return;
    if (call.answeredAt === null) return this.decline();
    call.localAction = 'hangup';
    try {
      await call.invitation.bye();
    } catch {
      // The dialog is already gone (remote BYE crossed ours); Terminated follows or has happened.
      if (call.invitation.state !== SessionState.Terminated) this.finishCall(call, 'agent');
    }
  }

  // --- Registration -------------------------------------------------------------

  private isCurrent(generation: number): boolean {
    return generation === this.generation && this.userAgent !== null;
  }

  private async connect(generation: number, first: boolean): Promise<void> {
    const userAgent = this.userAgent;
    if (!userAgent || !this.isCurrent(generation)) return;
    try {
      await withTimeout(first ? userAgent.start() : userAgent.reconnect(), CONNECT_TIMEOUT_MS, 'connect');
    } catch {
      if (!this.isCurrent(generation)) return;
      this.sink.registration({ type: 'transport-failed' });
      this.scheduleRetry(generation, 'connect');
      return;
    }
    if (!this.isCurrent(generation)) return;
    this.connected = true;
    this.sink.registration({ type: 'transport-connected' });
    await this.register(generation);
  }

  private onTransportLost(generation: number, _error?: Error): void {
    if (!this.isCurrent(generation) || !this.connected) return;
    this.connected = false;
    this.registered = false;
    this.registerAttempt++; // whatever REGISTER was in flight can no longer be answered
    this.clearTimers();
    this.sink.registration({ type: 'transport-lost' });
    this.scheduleRetry(generation, 'connect');
  }

  /** Sends a REGISTER and waits (bounded) for its final answer. */
  private async register(generation: number): Promise<void> {
    const userAgent = this.userAgent;
    if (!userAgent || !this.isCurrent(generation) || !this.connected) return;
    const attempt = ++this.registerAttempt;
    const isCurrentAttempt = () => this.isCurrent(generation) && attempt === this.registerAttempt;
    this.registered = false;
    this.sink.registration({ type: 'register-sent' });

    this.clearRegisterTimer();
    this.registerTimer = setTimeout(() => {
      if (!isCurrentAttempt()) return;
      this.registerAttempt++;
      this.sink.registration({ type: 'register-timeout' });
      this.scheduleRetry(generation, 'register');
    }, REGISTER_TIMEOUT_MS);

    const requestDelegate = {
      onAccept: () => {
        if (!isCurrentAttempt()) return;
        this.clearRegisterTimer();
        this.registered = true;
        this.failures = 0;
        this.sink.registration({ type: 'register-accepted' });
      },
      onReject: (response: { message: { statusCode?: number } }) => {
        if (!isCurrentAttempt()) return;
        this.clearRegisterTimer();
        this.registerAttempt++;
        const statusCode = response.message.statusCode ?? 0;
        this.sink.registration({ type: 'register-rejected', statusCode });
        if (shouldRetry(reasonForRegisterStatus(statusCode))) this.scheduleRetry(generation, 'register');
      },
    };

    try {
      await this.currentRegisterer(userAgent, generation).register({ requestDelegate });
    } catch {
      // "REGISTER already in progress": the Registerer is stuck waiting for an answer
      // that will never come. Replace it and try once more with a fresh one.
      if (!isCurrentAttempt()) return;
      this.replaceRegisterer();
      try {
        await this.currentRegisterer(userAgent, generation).register({ requestDelegate });
      } catch {
        // Left to the register timeout, which retries with backoff.
      }
    }
  }

  private currentRegisterer(userAgent: UserAgent, generation: number): Registerer {
    if (this.registerer) return this.registerer;
    const registerer = this.deps.createRegisterer(userAgent);
    // sip.js refreshes the registration by itself; if a refresh fails it only flips
    // its state. Notice that and register again through our own path.
    registerer.stateChange.addListener((state) => {
      if (registerer !== this.registerer || !this.isCurrent(generation)) return;
      if (state === RegistererState.Unregistered && this.registered && this.connected) {
        this.registered = false;
        this.scheduleRetry(generation, 'register');
      }
    });
    this.registerer = registerer;
    return registerer;
  }

  private replaceRegisterer(): void {
    const stuck = this.registerer;
    this.registerer = null;
    // dispose() on a waiting Registerer only detaches it from the UA (no un-REGISTER
    // that could remove our new binding); never wait for it.
    if (stuck) void stuck.dispose().catch(() => undefined);
  }

  private scheduleRetry(generation: number, what: 'connect' | 'register'): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const delay = backoffDelayMs(this.failures++, this.deps.random);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.isCurrent(generation)) return;
      if (what === 'connect' || !this.connected) void this.connect(generation, false);
      else void this.register(generation);
    }, delay);
  }

  private clearRegisterTimer(): void {
    if (this.registerTimer) clearTimeout(this.registerTimer);
    this.registerTimer = null;
  }

  private clearTimers(): void {
    this.clearRegisterTimer();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  // --- Calls ----------------------------------------------------------------------

  private onInvite(generation: number, invitation: Invitation): void {
    if (!this.isCurrent(generation)) {
      void invitation.reject({ statusCode: 480 }).catch(() => undefined);
      return;
    }
    if (this.call && !this.call.ended) {
      // One call at a time for now; call waiting comes later.
      void invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    const remote = invitation.remoteIdentity;
    const { number, name } = callerIdentity(remote.uri.user, remote.displayName);
    const call: CallRecord = {
      id: this.deps.newId(),
      invitation,
      answeredAt: null,
      localAction: null,
      ended: false,
    };
    this.call = call;
    invitation.stateChange.addListener((state) => this.onSessionState(call, state));
    this.sink.callRinging({ id: call.id, number, name, startedAt: this.deps.now() });
    void this.deps.ringtone.start().then((playing) => {
      if (!playing && this.call === call && call.answeredAt === null && !call.ended) {
        this.sink.notice('ringtoneBlocked');
      }
    });
  }

  private onSessionState(call: CallRecord, state: SessionState): void {
    if (call.ended) return;
    if (state === SessionState.Established && call.answeredAt === null) {
      call.answeredAt = this.deps.now();
      this.deps.ringtone.stop();
      const stream = remoteStreamOf(call.invitation);
      if (stream) this.deps.remoteAudio.attach(stream);
      this.sink.callAnswered(call.id, call.answeredAt);
    } else if (state === SessionState.Terminated) {
      this.finishCall(call, 'remote');
    }
  }

  /** Decides outcome and who ended it from what we know, then reports once. */
  private finishCall(call: CallRecord, fallbackEndedBy: CallEndedBy): void {
    if (call.ended) return;
    call.ended = true;
    this.deps.ringtone.stop();
    this.deps.remoteAudio.detach();
    const { outcome, endedBy } = classifyEnd(call, fallbackEndedBy);
    this.sink.callEnded(call.id, { endedAt: this.deps.now(), outcome, endedBy });
  }
}

function classifyEnd(call: CallRecord, fallbackEndedBy: CallEndedBy): { outcome: CallOutcome; endedBy: CallEndedBy } {
  if (call.answeredAt !== null) {
    if (call.localAction === 'hangup') return { outcome: 'answered', endedBy: 'agent' };
    if (call.localAction === 'shutdown') return { outcome: 'answered', endedBy: 'system' };
    return { outcome: 'answered', endedBy: fallbackEndedBy };
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

/** The web SessionDescriptionHandler exposes the remote stream; the API type does not. */
function remoteStreamOf(invitation: Invitation): MediaStream | null {
  const handler = invitation.sessionDescriptionHandler as { remoteMediaStream?: MediaStream } | undefined;
  return handler?.remoteMediaStream ?? null;
}

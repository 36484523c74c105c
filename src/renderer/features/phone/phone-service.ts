import { Messager, type Invitation, type Message, type UserAgent, type UserAgentOptions } from 'sip.js';
import type { SipAccount } from '../../../shared/domain/settings';
import { backoffDelay, PHONE_BACKOFF } from '../../../shared/base/backoff';
import { CallControl, type CallControlDeps } from './call-control';
import { KeepAlive } from './keep-alive';
import { NETWORK_PROBE_TIMEOUT_MS, reactToNetworkChange, watchNetwork, type NetworkEventSources } from './network-change';
import type { PhoneEventSink } from './phone-events';
import { refreshDelayMs } from './registration-refresh';
import type { RegisterAnswer } from './registration/register-answer';
import type { RegisterClient } from './registration/register-client';
import { RegisterPacer } from './registration/register-pacer';
import { stableContact } from './registration/instance-id';
import { guardInboundMessages } from './sip-inbound-guard';
import { ServerList } from './server-list';
import { shouldRetry, reasonForRegisterStatus } from './sip-failure';
import { SESSION_DESCRIPTION_OPTIONS } from './ice-policy';
import { withTimeout } from '../../base/with-timeout';

export const CONNECT_TIMEOUT_MS = 10_000;
export const REGISTER_TIMEOUT_MS = 10_000;
export const STOP_TIMEOUT_MS = 3_000;
/** How long a clean close waits for the registrar to confirm our binding is removed. */
export const UNREGISTER_TIMEOUT_MS = 1_000;
/** The expiry we ask for; we refresh at half of what the registrar grants. */
export const REGISTER_EXPIRES_S = 300;
/** First reconnect after a drop: 100-400 ms (jittered), before the exponential backoff starts. */
export const QUICK_RETRY_MIN_MS = 100;
export const QUICK_RETRY_JITTER_MS = 300;

/** Everything the service touches outside itself, so tests can hand in fakes. */
export interface PhoneDeps extends CallControlDeps {
  createUserAgent(options: UserAgentOptions): UserAgent;
  /** REGISTER sender for one UserAgent (registration/register-client.ts). */
  createRegisterClient(userAgent: UserAgent): RegisterClient;
  random(): number;
  /** Backup servers tried after the account's own (failover). */
  backupServers?(): string[];
  /** Where the browser reports network changes (network-change.ts). */
  networkEvents?(): NetworkEventSources;
  /** This installation's SIP instance id (registration/instance-id.ts), or null before main said it. */
  instanceId?(): string | null;
}

/**
 * Decides whether an incoming call may ring at all: null lets it through, a
 * status code rejects it (e.g. 486 while the agent is not Ready).
 */
export type IncomingGate = (invitation: Invitation) => number | null;

/** Takes an INVITE that is not a call for the agent (a lead's monitor leg); true: it is handled, it never rings. */
export type InviteInterceptor = (invitation: Invitation) => boolean;

type Timer = ReturnType<typeof setTimeout>;

/**
 * The softphone: a sip.js UserAgent behind a small API, with our own
 * registration state machine (sip.js 0.21's Registerer storms, lies and gets
 * stuck; see registration/register-client.ts). Calls are
 * handled by CallControl (call-control.ts); this class owns the link to the
 * server: connect, failover, keep-alive, REGISTER and its refresh, and, after
 * a reconnect, restoring the media of live calls (re-INVITE with ICE restart).
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
  private registerClient: RegisterClient | null = null;
  private pacer: RegisterPacer | null = null;
  private connected = false;
  private registered = false;
  /** Bumped per REGISTER we send; a late answer to an abandoned one is ignored. */
  private registerAttempt = 0;
  private registerTimer: Timer | null = null;
  private refreshTimer: Timer | null = null;
  private retryTimer: Timer | null = null;
  /** Consecutive failures, for the backoff; reset once registered. */
  private failures = 0;
  /** The link dropped since the last registration: live calls need their media restored. */
  private mediaNeedsRestore = false;
  private servers: ServerList | null = null;
  private keepAlive: KeepAlive | null = null;
  private unwatchNetwork: (() => void) | null = null;
  private incomingGate: IncomingGate | null = null;
  private inviteInterceptor: InviteInterceptor | null = null;

  readonly calls: CallControl;

  constructor(
    private readonly sink: PhoneEventSink,
    private readonly deps: PhoneDeps,
  ) {
    this.calls = new CallControl(
      (event) => sink.call(event),
      (notice) => sink.notice(notice),
      deps,
      () => (this.connected ? this.userAgent : null),
    );
  }

  configure(account: SipAccount, password: string | null): void {
    this.account = account;
    this.password = password;
  }

  /** Hook for agent states: reject incoming calls (e.g. 486 when not Ready). */
  setIncomingGate(gate: IncomingGate | null): void {
    this.incomingGate = gate;
  }

  /** Hook for the monitor legs (features/monitor): sees every INVITE first, before the gate and call waiting. */
  setInviteInterceptor(interceptor: InviteInterceptor | null): void {
    this.inviteInterceptor = interceptor;
  }

  /** The registered UserAgent, for a leg that is not a call on the call board (a lead's monitor leg); null when not registered. */
  registeredUserAgent(): UserAgent | null {
    return this.registered && this.connected ? this.userAgent : null;
  }

  /** The account's domain (for dialing plain numbers). */
  domain(): string | null {
    return this.account ? (/^sips?:[^@]+@([^;?>]+)/i.exec(this.account.sipUri)?.[1] ?? null) : null;
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
    this.servers = new ServerList(account.wsServer, this.deps.backupServers?.() ?? []);
    const instanceId = this.deps.instanceId?.() ?? null;
    this.userAgent = this.deps.createUserAgent({
      uri,
      // The same Contact and +sip.instance on every start: the registrar replaces the
      // binding a reload or a crash left behind instead of forking calls to it.
      ...(instanceId ? { instanceId, ...stableContact(instanceId) } : {}),
      displayName: account.displayName || undefined,
      authorizationUsername: account.authUser,
      authorizationPassword: this.password ?? undefined,
      transportOptions: { server: this.servers.current, connectionTimeout: 5 },
      sessionDescriptionHandlerFactoryOptions: SESSION_DESCRIPTION_OPTIONS,
      logLevel: 'warn',
      // sip.js's own reconnection is off by default (reconnectionAttempts 0) and must
      // stay off: it would not re-REGISTER afterwards. We reconnect in scheduleRetry.
      delegate: {
        onDisconnect: (error) => this.onTransportLost(generation, error),
        onInvite: (invitation) => this.onInvite(generation, invitation),
        onMessage: (message) => this.onSipMessage(generation, message),
      },
    });
    guardInboundMessages(this.userAgent);
    this.registerClient = this.deps.createRegisterClient(this.userAgent);
    this.pacer = new RegisterPacer(this.deps.now);
    this.unwatchNetwork = watchNetwork(this.deps.networkEvents?.() ?? {}, () => this.onNetworkChange(generation));
    await this.connect(generation, true);
  }

  /** Stops everything; bounded in time, because `UserAgent.stop()` can hang. */
  async stop(): Promise<void> {
    this.generation++;
    this.clearTimers();
    this.keepAlive?.stop();
    this.keepAlive = null;
    this.unwatchNetwork?.();
    this.unwatchNetwork = null;
    const userAgent = this.userAgent;
    const wasRunning = userAgent !== null;
    const unregister = this.registered && this.connected ? this.registerClient : null;
    this.userAgent = null;
    this.registerClient = null;
    this.pacer = null;
    this.connected = false;
    this.registered = false;
    this.failures = 0;
    this.mediaNeedsRestore = false;
    this.calls.shutdown();
    // Remove our binding so the registrar does not fork calls to a desk that is gone.
    if (unregister) await unregisterBounded(unregister);
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
    this.calls.finishAll();
    if (wasRunning) this.sink.registration({ type: 'stop' });
  }

  // Call control, kept on the service for the store and existing callers.
  answer(id?: string): Promise<void> {
    return this.calls.answer(id);
  }

  decline(id?: string): Promise<void> {
    return this.calls.decline(id);
  }

  hangup(id?: string): Promise<void> {
    return this.calls.hangup(id);
  }

  // --- Hooks for live guidance (issue 4): SIP MESSAGE out and in, the call's streams ---

  private messageListeners = new Set<(message: { from: string; body: string; contentType: string }) => void>();

  /** Sends a SIP MESSAGE (e.g. an emergency alert to the team lead); resolves on a 2xx, rejects otherwise. */
  sendMessage(target: string, body: string, contentType = 'text/plain;charset=utf-8'): Promise<void> {
    const userAgent = this.userAgent;
    const uri = this.deps.makeUri(target);
    if (!userAgent || !this.registered) return Promise.reject(new Error('not registered'));
    if (!uri) return Promise.reject(new Error(`not a SIP URI: ${target}`));
    const sent = new Promise<void>((resolve, reject) => {
      new Messager(userAgent, uri, body, contentType)
        .message({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) => reject(new Error(`MESSAGE rejected: ${response.message.statusCode ?? 0}`)),
          },
        })
        .catch(reject);
    });
    return withTimeout(sent, REGISTER_TIMEOUT_MS, 'MESSAGE');
  }

  /** Listens for incoming SIP MESSAGEs; returns the unsubscribe. */
  onMessage(listener: (message: { from: string; body: string; contentType: string }) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  private onSipMessage(generation: number, message: Message): void {
    void message.accept().catch(() => undefined);
    if (!this.isCurrent(generation)) return;
    const request = message.request;
    const from = request.from.uri.toString();
    const contentType = request.getHeader('Content-Type') ?? '';
    for (const listener of this.messageListeners) listener({ from, body: request.body ?? '', contentType });
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
      this.failover(userAgent);
      this.scheduleRetry(generation, 'connect');
      return;
    }
    if (!this.isCurrent(generation)) return;
    this.connected = true;
    this.sink.registration({ type: 'transport-connected' });
    this.keepAlive?.stop();
    this.keepAlive = new KeepAlive(userAgent, () => this.onKeepAliveDead(generation, userAgent));
    this.keepAlive.start();
    this.register(generation, false);
  }

  /** Next server for the next attempt (the transport reads its URL on every connect). */
  private failover(userAgent: UserAgent): void {
    const servers = this.servers;
    if (!servers || servers.size < 2) return;
    servers.advance();
    const transport = userAgent.transport as unknown as { configuration?: { server: string } };
    if (transport.configuration) transport.configuration.server = servers.current;
  }

  private onKeepAliveDead(generation: number, userAgent: UserAgent): void {
    if (!this.isCurrent(generation) || !this.connected) return;
    // Half-open connection: report it lost first, so our own disconnect is not a second loss.
    this.onTransportLost(generation);
    void userAgent.transport.disconnect().catch(() => undefined);
  }

  /** A new address leaves the WebSocket dead without a FIN: check the link now, not at the next keep-alive. */
  private onNetworkChange(generation: number): void {
    if (!this.isCurrent(generation)) return;
    const reaction = reactToNetworkChange({ connected: this.connected, retryWaiting: this.retryTimer !== null });
    if (reaction === 'probe') this.keepAlive?.ping(NETWORK_PROBE_TIMEOUT_MS);
    if (reaction === 'reconnect-now') {
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = null;
      void this.connect(generation, false);
    }
  }

  private onTransportLost(generation: number, _error?: Error): void {
    if (!this.isCurrent(generation) || !this.connected) return;
    this.connected = false;
    this.registered = false;
    this.keepAlive?.stop();
    this.registerAttempt++; // whatever REGISTER was in flight can no longer be answered
    this.clearTimers();
    // A ringing call cannot be answered over a dead link: end it now, not at sip.js's no-answer timer.
    this.calls.endRingingCalls('callerLineLost');
    if (this.calls.hasLiveCall()) this.mediaNeedsRestore = true;
    this.sink.registration({ type: 'transport-lost' });
    // A link that was up and dropped is most often back at once (server restart,
    // network change): the first try comes quickly, then the backoff applies.
    this.scheduleRetry(generation, 'connect', QUICK_RETRY_MIN_MS + this.deps.random() * QUICK_RETRY_JITTER_MS);
  }

  /**
   * Sends a REGISTER and waits (bounded) for its final answer. A refresh does not
   * flip the status bar. Every REGISTER goes through the pacer (register-pacer.ts).
   */
  private register(generation: number, refresh: boolean): void {
    const userAgent = this.userAgent;
    const client = this.registerClient;
    const pacer = this.pacer;
    if (!userAgent || !client || !pacer || !this.isCurrent(generation) || !this.connected) return;
    const wait = pacer.delayBeforeNext();
    if (wait > 0) {
      this.scheduleRetry(generation, 'register', wait);
      return;
    }
    const attempt = ++this.registerAttempt;
    const isCurrentAttempt = () => this.isCurrent(generation) && attempt === this.registerAttempt;
    if (!refresh) {
      this.registered = false;
      this.sink.registration({ type: 'register-sent' });
    }

    this.clearRegisterTimer();
    this.registerTimer = setTimeout(() => {
      if (!isCurrentAttempt()) return;
      this.registerAttempt++;
      this.registered = false;
      this.sink.registration({ type: 'register-timeout' });
      this.scheduleRetry(generation, 'register');
    }, REGISTER_TIMEOUT_MS);

    pacer.recordSent();
    try {
      client.send(REGISTER_EXPIRES_S, {
        onAnswer: (answer) => {
          if (isCurrentAttempt()) this.onRegisterAnswer(generation, answer);
        },
        onReject: (statusCode) => {
          if (!isCurrentAttempt()) return;
          this.clearRegisterTimer();
          this.registerAttempt++;
          this.registered = false;
          this.sink.registration({ type: 'register-rejected', statusCode });
          if (shouldRetry(reasonForRegisterStatus(statusCode))) this.scheduleRetry(generation, 'register');
        },
      });
    } catch {
      // Could not even be sent (the socket closed under us): the transport's events
      // or the register timeout lead to the retry.
    }
  }

  private onRegisterAnswer(generation: number, answer: RegisterAnswer): void {
    this.clearRegisterTimer();
    if (answer.kind === 'not-granted') {
      // A 200 OK that leaves us without a binding: not registered, and retried
      // only after the backoff, never at once (that is how the storm started).
      this.registerAttempt++;
      this.registered = false;
      if (this.refreshTimer) clearTimeout(this.refreshTimer);
      this.refreshTimer = null;
      this.sink.registration({ type: 'register-not-granted' });
      this.scheduleRetry(generation, 'register');
      return;
    }
    this.registered = true;
    this.failures = 0;
    this.sink.registration({ type: 'register-accepted' });
    this.scheduleRefresh(generation, answer.expires);
    if (this.mediaNeedsRestore) {
      this.mediaNeedsRestore = false;
      void this.calls.restoreMedia();
    }
  }

  /** Refresh well before expiry (half the granted time), through our own path. */
  private scheduleRefresh(generation: number, expiresSeconds: number): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      if (this.isCurrent(generation) && this.connected) this.register(generation, true);
    }, refreshDelayMs(expiresSeconds));
  }

  private scheduleRetry(generation: number, what: 'connect' | 'register', quickDelayMs?: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const delay = quickDelayMs !== undefined && this.failures === 0 ? Math.round(quickDelayMs) : backoffDelay(this.failures++, PHONE_BACKOFF, this.deps.random);
    this.sink.registration({ type: 'retry-scheduled', at: this.deps.now() + delay, server: this.servers?.current ?? null });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.isCurrent(generation)) return;
      if (what === 'connect' || !this.connected) void this.connect(generation, false);
      else this.register(generation, false);
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
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  // --- Calls ----------------------------------------------------------------------

  private onInvite(generation: number, invitation: Invitation): void {
    if (!this.isCurrent(generation)) {
      void invitation.reject({ statusCode: 480 }).catch(() => undefined);
      return;
    }
    if (this.inviteInterceptor?.(invitation)) return;
    const rejectWith = this.incomingGate?.(invitation) ?? null;
    if (rejectWith !== null) {
      void invitation.reject({ statusCode: rejectWith }).catch(() => undefined);
      return;
    }
    // Call waiting: up to one call waiting besides the calls in progress; more get busy.
    if (this.calls.live().length >= 3) {
      void invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    this.calls.incoming(invitation);
  }
}

/** Un-REGISTER (expires 0), waiting at most UNREGISTER_TIMEOUT_MS for the registrar's answer. */
function unregisterBounded(client: RegisterClient): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, UNREGISTER_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      client.send(0, { onAnswer: done, onReject: done });
    } catch {
      done();
    }
  });
}

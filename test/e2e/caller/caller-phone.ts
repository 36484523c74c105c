/**
 * Test-only browser phone on sip.js 0.21 (the "citizen" side, or a second
 * agent). Bundled by build.ts into an IIFE and loaded by caller.html; exposes
 * window.callerPhone (see api.ts).
 */
import {
  Invitation,
  Inviter,
  Messager,
  Registerer,
  RegistererState,
  SIPExtension,
  SessionState,
  UserAgent,
  Web,
  type Info,
  type Referral,
  type Session,
} from 'sip.js';
import type {
  CallerAnswerOptions,
  CallerCallOptions,
  CallerCallState,
  CallerPhoneApi,
  CallerRegisterOptions,
  InboundAudioStats,
  IncomingCallInfo,
  OutboundAudioStats,
} from './api';

interface StateWaiter {
  target: CallerCallState;
  /** The call this waiter follows; undefined until one starts. */
  session: Session | undefined;
  resolve: (state: CallerCallState) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface IncomingWaiter {
  resolve: (info: IncomingCallInfo) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

let ua: UserAgent | undefined;
let registerer: Registerer | undefined;
let session: Session | undefined;
let failure: string | null = null;
let autoAnswer: CallerAnswerOptions | undefined;
let answerOnce: CallerAnswerOptions | undefined;
/** When true, every SIP message from the server is dropped unseen (a hung phone). */
let unresponsive = false;
const eventLog: string[] = [];
const stateWaiters = new Set<StateWaiter>();
const incomingCalls: IncomingCallInfo[] = [];
let incomingCursor = 0;
const incomingWaiters = new Set<IncomingWaiter>();

function log(text: string): void {
  const line = `${(performance.now() / 1000).toFixed(3)} ${text}`;
  eventLog.push(line);
  if (eventLog.length > 500) eventLog.shift();
}

function remoteAudioElement(): HTMLAudioElement {
  let el = document.getElementById('remote-audio') as HTMLAudioElement | null;
  if (!el) {
    el = document.createElement('audio');
    el.id = 'remote-audio';
    el.autoplay = true;
    document.body.appendChild(el);
  }
  return el;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function currentState(): CallerCallState {
  return session ? (session.state as CallerCallState) : 'Idle';
}

function sdhOf(s: Session | undefined): Web.SessionDescriptionHandler | undefined {
  const sdh = s?.sessionDescriptionHandler;
  return sdh instanceof Web.SessionDescriptionHandler ? sdh : undefined;
}

function playRemoteAudio(s: Session): void {
  const sdh = sdhOf(s);
  if (!sdh) return;
  const el = remoteAudioElement();
  el.srcObject = sdh.remoteMediaStream;
  el.play().catch((err: unknown) => log(`remote audio play failed: ${String(err)}`));
}

function onSessionState(s: Session, state: SessionState): void {
  log(`call ${s.id.slice(0, 12)} -> ${state}`);
  if (state === SessionState.Established) playRemoteAudio(s);
  if (state === SessionState.Terminated && session === s) {
    const el = document.getElementById('remote-audio') as HTMLAudioElement | null;
    if (el) el.srcObject = null;
  }
  for (const w of [...stateWaiters]) {
    if (w.session === undefined) w.session = s;
    if (w.session !== s) continue;
    if (state === w.target) {
      clearTimeout(w.timer);
      stateWaiters.delete(w);
      w.resolve(state);
    } else if (state === SessionState.Terminated) {
      clearTimeout(w.timer);
      stateWaiters.delete(w);
      // sip.js moves to Terminated before it hands the final response to our
      // request delegate: report after that, so the reason (e.g. 404) is known.
      setTimeout(() => w.reject(new Error(`call ended before reaching ${w.target}${failure ? ` (${failure})` : ''}`)), 0);
    }
  }
}

/** Digits received by SIP INFO (application/dtmf-relay), in order. */
let dtmfDigits = '';

function onInfo(info: Info): void {
  const body = info.request.body ?? '';
  const match = /Signal\s*=\s*([0-9*#A-Da-d])/.exec(body);
  if (match?.[1]) {
    dtmfDigits += match[1].toUpperCase();
    log(`INFO dtmf ${match[1]}`);
  } else {
    log(`INFO ${info.request.getHeader('Content-Type') ?? ''}`);
  }
  info.accept().catch(() => undefined);
}

/** A REFER (transfer) from the other party: accept it and call the target (with Replaces if given). */
function onRefer(referral: Referral): void {
  const target = referral.referTo.uri.toString();
  log(`refer to ${target}`);
  referral
    .accept()
    .then(() => {
      const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: mediaOptions(undefined) });
      adoptSession(inviter);
      return inviter.invite();
    })
    .catch((err: unknown) => log(`refer failed: ${String(err)}`));
}

function adoptSession(s: Session): void {
  s.delegate = { onInfo, onRefer };
  session = s;
  s.stateChange.addListener((state) => onSessionState(s, state));
  // Waiters that were waiting for "the next call" follow this one.
  for (const w of stateWaiters) if (w.session === undefined) w.session = s;
}

function mediaOptions(audio: boolean | MediaTrackConstraints | undefined): {
  constraints: MediaStreamConstraints;
} {
  return { constraints: { audio: audio ?? true, video: false } };
}

function incomingInfo(inv: Invitation): IncomingCallInfo {
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(inv.request.headers)) {
    headers[name] = values.map((v) => v.raw);
  }
  return {
    fromUri: inv.remoteIdentity.uri.toString(),
    fromDisplayName: inv.remoteIdentity.displayName,
    toUri: inv.localIdentity.uri.toString(),
    callId: inv.request.callId,
    headers,
  };
}

async function acceptInvitation(inv: Invitation, options: CallerAnswerOptions): Promise<void> {
  if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
  if (inv.state !== SessionState.Initial) {
    log(`answer skipped: call already ${inv.state}`);
    return;
  }
  await inv.accept({
    extraHeaders: options.extraHeaders ?? [],
    sessionDescriptionHandlerOptions: mediaOptions(options.audio),
  });
  log('answered');
}

function onInvite(inv: Invitation): void {
  const info = incomingInfo(inv);
  log(`incoming call from ${info.fromUri} "${info.fromDisplayName}"`);
  if (inv.replacee) {
    // Attended transfer: this INVITE replaces our current call; take it at once.
    log(`INVITE replaces call ${inv.replacee.id.slice(0, 12)}`);
    adoptSession(inv);
    incomingCalls.push(info);
    acceptInvitation(inv, {}).catch((err: unknown) => log(`accept (replaces) failed: ${String(err)}`));
    return;
  }
  if (session && session.state !== SessionState.Terminated) {
    log('busy: rejecting with 486');
    inv.reject({ statusCode: 486 }).catch(() => undefined);
    return;
  }
  failure = null;
  adoptSession(inv);
  incomingCalls.push(info);
  for (const w of [...incomingWaiters]) {
    if (incomingCursor < incomingCalls.length) {
      const next = incomingCalls[incomingCursor++];
      if (!next) break;
      clearTimeout(w.timer);
      incomingWaiters.delete(w);
      w.resolve(next);
    }
  }
  const answerWith = answerOnce ?? autoAnswer;
  answerOnce = undefined;
  if (answerWith) {
    acceptInvitation(inv, answerWith).catch((err: unknown) => {
      failure = `accept failed: ${String(err)}`;
      log(failure);
    });
  }
}

async function stopUserAgent(timeoutMs: number): Promise<void> {
  const u = ua;
  // Without a connection (e.g. the server was restarted) un-REGISTER and BYE
  // can only time out: keep the bounds short then.
  const bound = u?.isConnected() ? timeoutMs : Math.min(timeoutMs, 500);
  const s = session;
  if (s && s.state !== SessionState.Terminated) {
    await withTimeout(api.hangup(), bound, 'hangup').catch(() => undefined);
  }
  const r = registerer;
  registerer = undefined;
  if (r) await withTimeout(r.dispose(), bound, 'registerer dispose (un-REGISTER)').catch((err: unknown) => log(String(err)));
  ua = undefined;
  if (u) await withTimeout(u.stop(), bound, 'user agent stop').catch((err: unknown) => log(String(err)));
}

async function collectStats(): Promise<RTCStatsReport | null> {
  const pc = sdhOf(session)?.peerConnection;
  if (!pc) return null;
  return pc.getStats();
}

const api: CallerPhoneApi = {
  async register(options: CallerRegisterOptions): Promise<'registered'> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    if (ua) await stopUserAgent(2_000);
    failure = null;
    autoAnswer = options.autoAnswer === true ? {} : options.autoAnswer || undefined;
    const uri = UserAgent.makeURI(options.uri);
    if (!uri) throw new Error(`bad SIP URI ${options.uri}`);
    const agent = new UserAgent({
      uri,
      authorizationUsername: options.authUser,
      authorizationPassword: options.password,
      displayName: options.displayName ?? '',
      transportOptions: { server: options.wsUrl, connectionTimeout: Math.ceil(timeoutMs / 1000), traceSip: false },
      logLevel: 'warn',
      logBuiltinEnabled: true,
      sipExtensionReplaces: SIPExtension.Supported,
      sessionDescriptionHandlerFactoryOptions: {
        iceGatheringTimeout: 2000,
        peerConnectionConfiguration: { iceServers: [] },
      },
      delegate: {
        onInvite,
        onConnect: () => log('transport connected'),
        onDisconnect: (err?: Error) => log(`transport disconnected${err ? `: ${err.message}` : ''}`),
      },
    });
    ua = agent;
    const deliver = agent.transport.onMessage;
    agent.transport.onMessage = (message: string) => {
      if (unresponsive) {
        log(`dropped incoming SIP (unresponsive): ${message.slice(0, message.indexOf('\r\n'))}`);
        return;
      }
      deliver?.(message);
    };
    const deadline = Date.now() + timeoutMs;
    try {
      await withTimeout(agent.start(), timeoutMs, 'WebSocket connect');
    } catch (err) {
      failure = `connect failed: ${err instanceof Error ? err.message : String(err)}`;
      log(failure);
      throw new Error(failure, { cause: err });
    }
    const reg = new Registerer(agent, { expires: options.expires ?? 300 });
    registerer = reg;
    reg.stateChange.addListener((state) => log(`registerer -> ${state}`));
    const outcome = new Promise<'registered'>((resolve, reject) => {
      reg
        .register({
          requestDelegate: {
            onAccept: () => resolve('registered'),
            onReject: (response) => {
              const { statusCode, reasonPhrase } = response.message;
              reject(new Error(`REGISTER rejected: ${statusCode} ${reasonPhrase}`));
            },
          },
        })
        .catch(reject);
    });
    try {
      const result = await withTimeout(outcome, Math.max(1, deadline - Date.now()), 'REGISTER');
      log(`registered as ${options.uri}`);
      return result;
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
      log(failure);
      throw new Error(failure, { cause: err });
    }
  },

  async unregister(timeoutMs = 5_000): Promise<void> {
    const r = registerer;
    if (!r || r.state !== RegistererState.Registered) return;
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        r.unregister({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (res) => reject(new Error(`un-REGISTER rejected: ${res.message.statusCode}`)),
          },
        }).catch(reject);
      }),
      timeoutMs,
      'un-REGISTER',
    );
  },

  async call(targetUri: string, options: CallerCallOptions = {}): Promise<void> {
    if (!ua) throw new Error('not registered');
    if (session && session.state !== SessionState.Terminated) throw new Error(`a call is already ${session.state}`);
    const target = UserAgent.makeURI(targetUri);
    if (!target) throw new Error(`bad SIP URI ${targetUri}`);
    failure = null;
    const inviter = new Inviter(ua, target, {
      extraHeaders: options.extraHeaders ?? [],
      sessionDescriptionHandlerOptions: mediaOptions(options.audio),
    });
    adoptSession(inviter);
    log(`calling ${targetUri}`);
    await inviter.invite({
      requestDelegate: {
        onReject: (response) => {
          failure = `${response.message.statusCode} ${response.message.reasonPhrase}`;
          log(`call rejected: ${failure}`);
        },
      },
    });
  },

  answerNext(options: CallerAnswerOptions = {}): void {
    answerOnce = options;
  },

  async answer(options: CallerAnswerOptions = {}): Promise<void> {
    const s = session;
    if (!(s instanceof Invitation) || s.state !== SessionState.Initial) throw new Error(`no ringing call (${currentState()})`);
    await acceptInvitation(s, options);
  },

  async reject(statusCode = 486): Promise<void> {
    const s = session;
    if (!(s instanceof Invitation) || s.state !== SessionState.Initial) throw new Error(`no ringing call (${currentState()})`);
    await s.reject({ statusCode });
  },

  async hangup(): Promise<void> {
    const s = session;
    if (!s) return;
    switch (s.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (s instanceof Inviter) await s.cancel();
        else if (s instanceof Invitation) {
          try {
            await s.reject();
          } catch {
            await s.bye();
          }
        }
        break;
      case SessionState.Established:
        await s.bye();
        break;
      default:
        break;
    }
  },

  state: currentState,

  waitForState(target: CallerCallState, timeoutMs: number, which: 'latest' | 'next' = 'latest'): Promise<CallerCallState> {
    const bound = which === 'latest' ? session : undefined;
    if (which === 'latest') {
      if (!session && target === 'Idle') return Promise.resolve(target);
      if (session && session.state === target) return Promise.resolve(target);
      if (session && session.state === SessionState.Terminated) {
        return Promise.reject(
          new Error(`waitForState(${target}): the call already ended${failure ? ` (${failure})` : ''}`),
        );
      }
    }
    return new Promise((resolve, reject) => {
      const waiter: StateWaiter = {
        target,
        session: bound,
        resolve,
        reject,
        timer: setTimeout(() => {
          stateWaiters.delete(waiter);
          reject(
            new Error(
              `waitForState(${target}): timed out after ${timeoutMs} ms in state ${currentState()}${failure ? ` (${failure})` : ''}`,
            ),
          );
        }, timeoutMs),
      };
      stateWaiters.add(waiter);
    });
  },

  waitForIncoming(timeoutMs: number): Promise<IncomingCallInfo> {
    const next = incomingCalls[incomingCursor];
    if (next) {
      incomingCursor++;
      return Promise.resolve(next);
    }
    return new Promise((resolve, reject) => {
      const waiter: IncomingWaiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          incomingWaiters.delete(waiter);
          reject(new Error(`waitForIncoming: no call within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      incomingWaiters.add(waiter);
    });
  },

  async inboundAudioStats(): Promise<InboundAudioStats | null> {
    const report = await collectStats();
    if (!report) return null;
    let result: InboundAudioStats | null = null;
    report.forEach((s: Record<string, unknown>) => {
      if (s['type'] !== 'inbound-rtp' || s['kind'] !== 'audio') return;
      const num = (key: string): number | undefined => (typeof s[key] === 'number' ? (s[key] as number) : undefined);
      result = {
        packetsReceived: num('packetsReceived') ?? 0,
        bytesReceived: num('bytesReceived') ?? 0,
        packetsLost: num('packetsLost') ?? 0,
        audioLevel: num('audioLevel'),
        totalAudioEnergy: num('totalAudioEnergy'),
        jitterBufferDelay: num('jitterBufferDelay'),
        jitterBufferEmittedCount: num('jitterBufferEmittedCount'),
        concealedSamples: num('concealedSamples'),
        totalSamplesReceived: num('totalSamplesReceived'),
      };
    });
    return result;
  },

  async outboundAudioStats(): Promise<OutboundAudioStats | null> {
    const report = await collectStats();
    if (!report) return null;
    let result: OutboundAudioStats | null = null;
    report.forEach((s: Record<string, unknown>) => {
      if (s['type'] !== 'outbound-rtp' || s['kind'] !== 'audio') return;
      result = {
        packetsSent: typeof s['packetsSent'] === 'number' ? s['packetsSent'] : 0,
        bytesSent: typeof s['bytesSent'] === 'number' ? s['bytesSent'] : 0,
      };
    });
    return result;
  },

  async waitForInboundAudio(minPackets: number, timeoutMs: number): Promise<InboundAudioStats> {
    const deadline = Date.now() + timeoutMs;
    let last: InboundAudioStats | null = null;
    // No event for "packets arrived": poll getStats, bounded in count and time.
    for (let i = 0; i < 1000 && Date.now() < deadline; i++) {
      last = await api.inboundAudioStats();
      if (last && last.packetsReceived >= minPackets) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(
      `waitForInboundAudio(${minPackets}): only ${last?.packetsReceived ?? 'no stats'} packets after ${timeoutMs} ms (state ${currentState()})`,
    );
  },

  setUnresponsive(on: boolean): void {
    unresponsive = on;
    log(`unresponsive = ${on}`);
  },

  dtmfReceived: () => dtmfDigits,

  remoteHold(): 'held' | 'active' | 'none' {
    const pc = sdhOf(session)?.peerConnection;
    const transceiver = pc?.getTransceivers()[0];
    if (!transceiver?.currentDirection) return 'none';
    // The other side holding us: we may only receive (or nothing).
    return transceiver.currentDirection === 'recvonly' || transceiver.currentDirection === 'inactive' ? 'held' : 'active';
  },

  remoteIceUfrag(): string | null {
    const sdp = sdhOf(session)?.peerConnection?.remoteDescription?.sdp ?? '';
    return /a=ice-ufrag:(\S+)/.exec(sdp)?.[1] ?? null;
  },

  setMicEnabled(on: boolean): void {
    const pc = sdhOf(session)?.peerConnection;
    for (const sender of pc?.getSenders() ?? []) if (sender.track) sender.track.enabled = on;
    log(`microphone ${on ? 'on' : 'off'}`);
  },

  async reconnect(timeoutMs = 10_000): Promise<'registered'> {
    const u = ua;
    const r = registerer;
    if (!u || !r) throw new Error('not registered');
    await withTimeout(u.reconnect(), timeoutMs, 'reconnect');
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        r.register({
          requestDelegate: { onAccept: () => resolve(), onReject: (res) => reject(new Error(`REGISTER ${res.message.statusCode}`)) },
        }).catch(reject);
      }),
      timeoutMs,
      'REGISTER after reconnect',
    );
    log('reconnected and registered');
    return 'registered';
  },

  isConnected: () => ua?.isConnected() ?? false,

  async sendMessage(targetUri: string, body: string, timeoutMs = 5_000): Promise<number> {
    const u = ua;
    const target = UserAgent.makeURI(targetUri);
    if (!u || !target) throw new Error('not registered or bad URI');
    return withTimeout(
      new Promise<number>((resolve, reject) => {
        new Messager(u, target, body)
          .message({
            requestDelegate: {
              onAccept: (res) => resolve(res.message.statusCode ?? 0),
              onReject: (res) => resolve(res.message.statusCode ?? 0),
            },
          })
          .catch(reject);
      }),
      timeoutMs,
      'MESSAGE',
    );
  },

  lastFailure: () => failure,

  events: () => [...eventLog],

  async stop(timeoutMs = 3_000): Promise<void> {
    await stopUserAgent(timeoutMs);
  },
};

window.callerPhone = api;
log('caller phone loaded');
